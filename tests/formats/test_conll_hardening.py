"""CoNLL under hard input: one bad document among good ones, control characters and line
separators inside the text, and spans nested deeper than any column layout should hold."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import cli
from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, SpanRecord
from annotator.formats import conll
from annotator.formats.base import BadRecord, ReadOptions, WriteOptions
from annotator.formats.common import LINE_BREAKS
from annotator.services.importing import import_paths
from annotator.storage import scan

GOOD = "حلب\tB-LOCATION\nمدينة\tO\n"


def _file(tmp_path, *documents: str):
    path = tmp_path / "in.conll"
    path.write_text("".join(f"-DOCSTART-\tO\n\n{body}\n" for body in documents), "utf-8")
    return path


@pytest.mark.parametrize("bad", [
    "حلب\tB-PLACE-\nمدينة\tX\n",  # a tag that is not one
    "حلب\n",  # a token without a tag
    "حلب\t-\n",  # the unalignable tag
    "حلب\tB-NOPE\n",  # a label the scheme lacks
])
def test_skip_bad_skips_only_the_bad_document(tmp_path, bad):
    project = tmp_path / "p.tawsim"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    source = _file(tmp_path, GOOD, bad, GOOD.replace("حلب", "دمشق"))
    refused = runner.invoke(cli, ["import", str(project), str(source), "--layer", "g"])
    assert refused.exit_code == 1 and "in.conll:" in refused.stderr
    result = runner.invoke(cli, ["import", str(project), str(source), "--layer", "g",
                                 "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert "Imported 2 new documents, 2 spans" in result.output
    assert "skipped 1 bad record" in result.output
    skipped = [line for line in result.stderr.splitlines() if "skipped:" in line]
    assert len(skipped) == 1 and "in.conll:" in skipped[0]


def test_the_bad_document_is_placed_at_its_line(project, tmp_path):
    source = _file(tmp_path, GOOD, "حلب\tB-LOCATION\nمدينة\tQ\n")
    items = list(conll.read(source, ReadOptions(scheme=project.scheme)))
    assert [type(item).__name__ for item in items] == ["DocumentRecord", "BadRecord"]
    assert isinstance(items[1], BadRecord) and items[1].error.line == 9


CONTROLS = ["\x85", "\x1c", "\x1d", "\x1e", "\x1f", "\u2028", "\u2029", "\x0b", "\x0c",
            "\x01", "\x7f"]
WORDS = ["قصف", "الجيش", "مدينة", "حلب", "و", "بالصواريخ", "أمس", "."]


def _exported(record: DocumentRecord, scheme, tmp_path, **extra) -> str:
    out = tmp_path / "out.conll"
    conll.write([record], out, WriteOptions(scheme=scheme, extra=extra))
    return out.read_text("utf-8")


def _read_back(path, record, scheme) -> list[DocumentRecord]:
    items = list(conll.read(path, ReadOptions(
        scheme=scheme, document_text=lambda doc_id: record.text if doc_id == record.id
        else None)))
    assert all(not isinstance(item, BadRecord) for item in items), items
    return items


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(WORDS + CONTROLS + [" ", "\n"]), min_size=1,
                       max_size=30))
def test_control_characters_never_break_the_column_layout(project, tmp_path, pieces):
    text = "".join(pieces)
    if not any(word in text for word in WORDS[:4]):
        text = "حلب " + text
    word = next(w for w in WORDS[:4] if w in text)
    start = text.index(word)
    record = DocumentRecord(text=text, id="d1", layer="g",
                            spans=[SpanRecord(start, start + len(word), "LOCATION")])
    written = _exported(record, project.scheme, tmp_path)
    # Every line a line-splitting reader sees is a comment, blank, or a token and two tags.
    for line in written.splitlines():
        assert not line or line.startswith("#") or len(line.split("\t")) == 3, repr(line)
    assert written.splitlines() == written.split("\n")[:-1]
    (back,) = _read_back(tmp_path / "out.conll", record, project.scheme)
    assert back.text == text
    assert [(s.start, s.end, s.label) for s in back.spans] == [(start, start + len(word),
                                                                 "LOCATION")]


def test_a_control_character_glued_to_a_word_is_left_out_of_its_token(project, tmp_path):
    text = "قصف\x1cالجيش\u2028مدينة\x85حلب"
    start = text.index("حلب")
    record = DocumentRecord(text=text, id="d1", layer="g",
                            spans=[SpanRecord(start, start + 3, "LOCATION")])
    written = _exported(record, project.scheme, tmp_path)
    tokens = [line.split("\t")[0] for line in written.splitlines()
              if line and not line.startswith(("#", "-DOCSTART-"))]
    assert tokens == ["قصف", "الجيش", "مدينة", "حلب"]
    (back,) = _read_back(tmp_path / "out.conll", record, project.scheme)
    assert [(s.start, s.end) for s in back.spans] == [(start, start + 3)]


def _nested(depth: int) -> DocumentRecord:
    words = ["قصف", "الجيش", "مدينة", "حلب", "أمس"] * 4
    text = " ".join(words)
    spans = []
    for level in range(depth):  # each span one character shorter at the end: all nest
        end = len(text) - level * 4
        spans.append(SpanRecord(0, text.rfind(" ", 0, end) if level else end, "LOCATION"))
    return DocumentRecord(text=text, id="deep", layer="g", spans=spans)


def test_nesting_beyond_the_column_limit_is_refused(project, tmp_path):
    with pytest.raises(TawsimError, match=r"nesting.*at most"):
        _exported(_nested(3), project.scheme, tmp_path,
                  nesting=str(conll.MAX_NESTING + 1))


def test_deep_nesting_writes_at_most_the_columns_asked_for_and_counts_the_rest(project,
                                                                               tmp_path):
    record = _nested(12)
    out = tmp_path / "out.conll"
    report = conll.write([record], out, WriteOptions(scheme=project.scheme,
                                                     extra={"nesting": "3"}))
    rows = [line.split("\t") for line in out.read_text("utf-8").splitlines()
            if line and not line.startswith(("#", "-DOCSTART-"))]
    assert {len(row) for row in rows} == {1 + 3 * 2}  # 3 ENTITY and 3 CLAIM columns
    assert report.spans == 3 and report.issue_count == 9
    assert any("9 spans overlapping" in warning for warning in report.warnings)


def test_a_file_with_more_tag_columns_than_the_limit_is_refused_at_its_line(project,
                                                                            tmp_path):
    wide = "\t".join(["B-LOCATION"] * (conll.MAX_TAG_COLUMNS + 1))
    source = tmp_path / "wide.conll"
    source.write_text(f"حلب\tO\nمدينة\t{wide}\n", "utf-8")
    with pytest.raises(TawsimError, match=r"wide\.conll:2:.*tag columns"):
        import_paths(project, [source], actor="t", format="conll", layer="g")
    assert list(scan(project, layer="g")) == []


def test_no_character_a_line_splitter_breaks_at_is_ever_written_in_a_token():
    assert all(conll.UNWRITTEN.fullmatch(ch) for ch in LINE_BREAKS)
