"""brat names its files after documents: no document ever overwrites another, whatever the ids.

Ids that differ only by case or Unicode normalisation (one file on Windows and macOS), a long
id and another equal to its shortened name, a record without an id beside a document called
`document-1`: each gets files of its own, and the count reported is the count on disk.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.records import DocumentRecord
from annotator.core.scheme import default_scheme
from annotator.formats import brat
from annotator.formats.base import ReadOptions, WriteOptions
from annotator.formats.brat.writer import MAX_NAME_BYTES


def _write(tmp_path, ids):
    records = [DocumentRecord(text=f"نص الوثيقة رقم {number}", id=doc_id)
               for number, doc_id in enumerate(ids)]
    out = tmp_path / "brat"
    report = brat.write(records, out, WriteOptions(scheme=default_scheme()))
    return records, out, report


def _texts_on_disk(out):
    return sorted(path.read_text("utf-8") for path in out.glob("*.txt"))


def test_colliding_names_each_get_their_own_files(tmp_path):
    long_id = "تقرير-" * 60  # far beyond a file name's 255 bytes
    brat.write([DocumentRecord(text="س", id=long_id)], tmp_path / "probe", WriteOptions())
    shortened = next((tmp_path / "probe").glob("*.txt")).stem  # an id equal to that name
    ids = ["Report", "report", "caf\u00e9", unicodedata.normalize("NFD", "caf\u00e9"),
           long_id, shortened, None, "document-1"]
    records, out, report = _write(tmp_path, ids)
    assert report.documents == len(ids) == len(list(out.glob("*.txt")))
    assert len(list(out.glob("*.ann"))) == len(ids)
    assert _texts_on_disk(out) == sorted(record.text for record in records)
    assert any("another file name" in warning for warning in report.warnings)
    folded = {unicodedata.normalize("NFC", p.stem).casefold() for p in out.glob("*.txt")}
    assert len(folded) == len(ids)


def test_names_that_do_not_collide_keep_the_id(tmp_path):
    _, out, report = _write(tmp_path, ["a/b", "zahraa-1", ".hidden"])
    read = [item for item in brat.read(out, ReadOptions()) if hasattr(item, "id")]
    assert sorted(record.id for record in read) == [".hidden", "a/b", "zahraa-1"]
    assert not report.warnings


@settings(max_examples=30)
@given(st.lists(st.one_of(st.none(), st.text(st.sampled_from("aAbBéE%/.~-سس"), min_size=1,
                                             max_size=8)), min_size=1, max_size=8,
                unique=True))
def test_any_ids_give_as_many_files_as_documents(tmp_path_factory, ids):
    folder = tmp_path_factory.mktemp("names")
    records, out, report = _write(folder, ids)
    assert report.documents == len(ids) == len(list(out.glob("*.txt")))
    assert _texts_on_disk(out) == sorted(record.text for record in records)
    assert all(len(p.name.encode()) <= MAX_NAME_BYTES + 8 for p in out.iterdir())
