"""brat offsets on .txt files with CRLF line endings or a BOM land on the same characters.

Tools count .ann offsets on different texts: the file's decoded characters (every CR counted),
brat's own reading (universal newlines: CRLF is one character; the BOM is a character), or
a reading that drops the BOM. The covered texts of the T lines tell which; without them, or
when several readings fit, brat's own is used.
"""

import codecs

import pytest

from annotator.core.errors import TawsimError
from annotator.formats import brat
from annotator.formats.base import BadRecord, ReadOptions
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.storage import scan

TITLE = "عنوان"
BODY = "قصف الجيش مدينة حلب"
WORD = "الجيش"


def _folder(tmp_path, data: bytes, ann: str):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "a.txt").write_bytes(data)
    (folder / "a.ann").write_text(ann, "utf-8")
    return folder


def _stored(project, folder):
    import_paths(project, [folder], actor="t", format="brat", layer="g")
    (record,) = scan(project, layer="g")
    return record.text, [(s.text, s.label) for s in record.spans]


def _line(start, end, text=WORD, label="ACTOR"):
    return f"T1\t{label} {start} {end}" + (f"\t{text}" if text is not None else "") + "\n"


CRLF_TEXT = f"{TITLE}\r\n{BODY}\r\n"
RAW_START = CRLF_TEXT.index(WORD)  # every CR counted
LF_START = CRLF_TEXT.replace("\r\n", "\n").index(WORD)  # brat's universal newlines


@pytest.mark.parametrize(("start", "covered"), [
    (RAW_START, WORD),  # counted on the file's characters
    (LF_START, None),  # without covered texts: brat's way
    (LF_START, WORD),  # counted as brat reads the file: CRLF is one character
])
def test_offsets_on_a_crlf_text_are_placed_on_the_same_word(project, tmp_path, start, covered):
    folder = _folder(tmp_path, CRLF_TEXT.encode(), _line(start, start + len(WORD), covered))
    text, spans = _stored(project, folder)
    assert text == f"{TITLE}\n{BODY}\n"
    assert spans == [(WORD, "ACTOR")]


@pytest.mark.parametrize(("start", "covered"), [
    (BODY.index(WORD) + 1, WORD),  # brat counts the BOM as a character
    (BODY.index(WORD) + 1, None),  # without covered texts: brat's way
    (BODY.index(WORD), WORD),  # a tool that dropped the BOM
])
def test_offsets_on_a_text_with_a_bom_are_placed_on_the_same_word(project, tmp_path, start,
                                                                   covered):
    folder = _folder(tmp_path, codecs.BOM_UTF8 + BODY.encode(),
                     _line(start, start + len(WORD), covered))
    text, spans = _stored(project, folder)
    assert text == BODY and spans == [(WORD, "ACTOR")]


def test_a_bom_and_crlf_together(project, tmp_path):
    raw = "\ufeff" + CRLF_TEXT
    start = raw.index(WORD)  # BOM and CRs all counted
    folder = _folder(tmp_path, raw.encode(), _line(start, start + len(WORD)))
    assert _stored(project, folder) == (f"{TITLE}\n{BODY}\n", [(WORD, "ACTOR")])


def test_a_utf16_text_with_a_bom_counts_it_too(project, tmp_path):
    start = BODY.index(WORD) + 1
    folder = _folder(tmp_path, ("\ufeff" + BODY).encode("utf-16-le"),
                     _line(start, start + len(WORD)))
    assert _stored(project, folder) == (BODY, [(WORD, "ACTOR")])


def test_a_span_on_the_bom_alone_is_refused(project, tmp_path):
    folder = _folder(tmp_path, codecs.BOM_UTF8 + BODY.encode(), _line(0, 1, None))
    with pytest.raises(TawsimError, match=r"a\.ann:1:.*BOM"):
        _stored(project, folder)


def test_offsets_no_reading_explains_are_refused_at_their_line(project, tmp_path):
    ann = _line(RAW_START, RAW_START + len(WORD)) + "T2\tLOCATION 3 8\tحلب\n"
    folder = _folder(tmp_path, CRLF_TEXT.encode(), ann)
    with pytest.raises(TawsimError, match=r"a\.ann:2:.*T2.*not the text"):
        _stored(project, folder)
    assert project.count_documents() == 0


def test_a_text_beginning_with_a_zero_width_no_break_space_comes_back_whole(project,
                                                                            tmp_path):
    """U+FEFF at the start of a stored text is a character, not a BOM: the .txt gets a BOM
    before it and the offsets count that BOM, as brat does, so both brat and Tawsim read
    the text and the spans back unchanged."""
    from annotator.core.records import DocumentRecord, SpanRecord
    from annotator.formats.base import WriteOptions

    text = "\ufeff" + BODY
    start = text.index(WORD)
    record = DocumentRecord(text=text, id="a", layer="g",
                            spans=[SpanRecord(start, start + len(WORD), "ACTOR", WORD, "s1")])
    out = tmp_path / "out"
    brat.write([record], out, WriteOptions(scheme=project.scheme))
    assert (out / "a.txt").read_bytes() == codecs.BOM_UTF8 + text.encode()
    assert f"ACTOR {start + 1} {start + 1 + len(WORD)}\t" in (out / "a.ann").read_text()
    (back,) = brat.read(out, ReadOptions(scheme=project.scheme))
    assert not isinstance(back, BadRecord)
    assert back.text == text
    assert [(s.start, s.end) for s in back.spans] == [(start, start + len(WORD))]


def test_tawsims_own_brat_export_reads_back_exactly(project, tmp_path):
    from annotator.core.records import DocumentRecord, SpanRecord, prepare_record
    from annotator.storage import BulkImport

    text = f"{TITLE}\n{BODY}"
    start = text.index(WORD)
    record = DocumentRecord(text=text, id="a", layer="g",
                            spans=[SpanRecord(start, start + len(WORD), "ACTOR")])
    with BulkImport(project, actor="t", source="t") as bulk:
        bulk.add(prepare_record(record, project.scheme))
    export_dataset(project, tmp_path / "out", format="brat", layer="g")
    import_paths(project, [tmp_path / "out"], actor="t", format="brat", layer="back")
    (back,) = scan(project, layer="back")
    assert [(s.start, s.end, s.text) for s in back.spans] == [(start, start + len(WORD), WORD)]


def test_offsets_that_fit_two_readings_are_read_the_brat_way_and_noted(project, tmp_path):
    # Six lines of the same word: offset 20 is the sixth word under brat's universal newlines
    # and the fifth when every CR is counted; the covered text fits both.
    word = "حلب"
    data = (word + "\r\n") * 6
    folder = _folder(tmp_path, data.encode(), _line(20, 23, word, "LOCATION"))
    import_paths(project, [folder], actor="t", format="brat", layer="g")
    (record,) = scan(project, layer="g")
    assert [(s.start, s.end) for s in record.spans] == [(20, 23)]  # the sixth line
    options = ReadOptions()
    list(brat.read(folder, options))
    assert any("read brat's way" in w and "a.ann" in w for w in options.warnings)
