"""JSON Lines imports read and checked in one pass (and another process): the project holds
exactly what the careful way stores, ids stay stable and unique, bad lines are reported
where they stand."""

from __future__ import annotations

import sqlite3

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.ids import is_valid_id
from annotator.services import import_pipeline
from annotator.services.importing import ImportCancelled, import_paths
from annotator.storage import ProjectStore
from annotator.storage import bulk as bulk_module
from annotator.storage.bulk_prepared import write_prepared

TEXT = ("قالت مصادر محلية إن قذائف سقطت قرب الموصل 👍🏽 صباح الأحد.\n"
        "وأكد\u00a0بيان وزارة الدفاع ذلك.")


def _span(part: str, label: str, span_id: str | None, text: str = TEXT, **more) -> dict:
    start = text.index(part)
    span = {"start": start, "end": start + len(part), "label": label, "text": part, **more}
    if span_id is not None:
        span["id"] = span_id
    return span


def _records(prefix: str = "") -> list[dict]:
    """Plain records, one with everything a span can carry, one with relations, one with
    Windows line ends, a record with no layer, and plain articles between them."""
    records = []
    for n in range(9):
        text = TEXT + f" {prefix}{n}"
        records.append({"id": f"{prefix}doc-{n}", "text": text, "layer": "gold",
                        "status": ["done", "in_progress", None][n % 3],
                        "meta": {"title": f"تقرير {n}"} if n % 2 else {},
                        "spans": [_span("الموصل", "LOCATION", f"{prefix}s{n}-1", text),
                                  _span("وزارة الدفاع", "ACTOR", f"{prefix}s{n}-2", text)]})
    records[2]["spans"][0].update(note="ملاحظة", annotator="amal",
                                  created_at="2026-01-02T03:04:05Z")
    records[3]["time_active_s"] = 12.5
    records[4]["spans"].append(_span("قالت مصادر محلية إن قذائف سقطت قرب الموصل", "CLAIM",
                                     f"{prefix}c4", records[4]["text"],
                                     attrs={"stance": "asserted"}))
    records[4]["relations"] = [{"id": f"{prefix}r4", "type": "SOURCE", "head": f"{prefix}c4",
                                "tail": f"{prefix}s4-2"}]
    crlf = TEXT.replace("\n", "\r\n") + prefix
    records[5] = {"id": f"{prefix}doc-5", "text": crlf, "layer": "gold",
                  "spans": [_span("الموصل", "LOCATION", f"{prefix}s5-1", crlf)]}
    records[6] = {"id": f"{prefix}doc-6", "text": TEXT + f" {prefix}6", "spans": []}
    articles = [{"id": f"{prefix}art-{n}", "title": f"خبر {n}", "text": TEXT + f" خبر {prefix}{n}",
                 "source": "وكالة"} for n in range(3)]
    return records[:3] + articles[:2] + records[3:] + articles[2:]


def _write(path, values) -> str:
    path.write_bytes(b"".join(orjson.dumps(v) + b"\n" for v in values))
    return str(path)


ROWS = {
    "document": "SELECT seq, id, title, text, text_sha256, meta, source, source_sha256, "
                "encoding FROM document ORDER BY seq",
    "span": 'SELECT seq, id, document, layer, "start", "end", label, text, attrs, note, '
            "annotator, created_at = (SELECT d.created_at FROM document AS d WHERE "
            "d.seq = span.document), updated_at = created_at FROM span ORDER BY seq",
    "relation": "SELECT seq, id, document, layer, type, head, tail, attrs FROM relation",
    "status": "SELECT document, layer, status FROM status ORDER BY document, layer",
    "work_time": "SELECT document, layer, seconds FROM work_time ORDER BY document, layer",
    "layer": "SELECT id, name, kind, owner FROM layer ORDER BY id",
}


def _rows(project: ProjectStore) -> dict:
    return {name: project.conn.execute(sql).fetchall() for name, sql in ROWS.items()}


def _careful(record) -> None:
    """A `fit` that changes nothing: it sends the import the careful way."""


@pytest.fixture(params=["here", "process"])
def way(request, monkeypatch):
    """Read here or in a process, in small batches (several, and runs cut by other lines);
    lists how many documents each batch written the quick way had."""
    monkeypatch.setattr(import_pipeline, "BATCH", 4)
    if request.param == "process":
        monkeypatch.setattr("annotator.services.importing.use_process", lambda path: True)
    return count_quick_writes(monkeypatch)


def count_quick_writes(monkeypatch) -> list[int]:
    """How many documents each batch written the quick way had (bulk_prepared)."""
    written: list[int] = []

    def counting(conn, builder, counts, documents, layers, source):
        done = write_prepared(conn, builder, counts, documents, layers, source)
        if done:
            written.append(len(documents))
        return done

    monkeypatch.setattr(bulk_module, "write_prepared", counting)
    return written


OPENED: list[ProjectStore] = []


@pytest.fixture(autouse=True)
def _close_projects():
    """Every project a test made is closed (Python 3.13 warns of an unclosed database)."""
    yield
    while OPENED:
        OPENED.pop().close()


def _create(path) -> ProjectStore:
    project = ProjectStore.create(path)
    OPENED.append(project)
    return project


def _imported(path, files, **options) -> tuple[ProjectStore, object]:
    project = _create(path)
    counts = import_paths(project, files, actor="tester", **options)
    return project, counts


def test_the_project_holds_what_the_careful_way_stores(tmp_path, way):
    first = _write(tmp_path / "a.jsonl", _records())
    again = _write(tmp_path / "b.jsonl", _records()[:4] + _records("b-"))  # some matched
    careful, careful_counts = _imported(tmp_path / "careful.tawsim", [first, again],
                                        fit=_careful)
    assert way == []
    quick, counts = _imported(tmp_path / "quick.tawsim", [first, again])
    assert sum(way) == 22  # all new documents but the two with relations; in batches
    assert _rows(quick) == _rows(careful)
    assert counts.as_dict() == careful_counts.as_dict()
    assert counts.documents_matched == 4 and counts.relations_new == 2


def test_spans_without_ids_get_new_unique_ids(tmp_path, way):
    records = [{"id": f"d{n}", "text": TEXT + f" {n}", "layer": "gold",
                "spans": [_span("الموصل", "LOCATION", None), _span("قذائف", "WEAPON", None)]}
               for n in range(10)]
    project, counts = _imported(tmp_path / "p.tawsim", [_write(tmp_path / "a.jsonl", records)])
    ids = [row[0] for row in project.conn.execute("SELECT id FROM span ORDER BY seq")]
    assert counts.spans_new == len(ids) == 20 == len(set(ids))
    assert all(is_valid_id(i) and i[14] == "7" for i in ids)  # UUIDv7: time-ordered


def test_span_ids_another_document_has_are_renumbered_as_the_careful_way_does(tmp_path, way):
    first = _write(tmp_path / "a.jsonl", _records())
    clash = [dict(r, id="x-" + r["id"], text=r["text"] + " نسخة", spans=[
        dict(s, text=s.get("text")) for s in r.get("spans", [])]) for r in _records()
        if "spans" in r and r["spans"] and "relations" not in r and "\r" not in r["text"]]
    second = _write(tmp_path / "b.jsonl", clash)
    careful, careful_counts = _imported(tmp_path / "careful.tawsim", [first, second],
                                        fit=_careful)
    quick, counts = _imported(tmp_path / "quick.tawsim", [first, second])
    assert counts.ids_renumbered == careful_counts.ids_renumbered > 0
    stable = "SELECT id FROM span WHERE document IN (SELECT seq FROM document WHERE id " \
             "NOT LIKE 'x-%') ORDER BY seq"
    assert quick.conn.execute(stable).fetchall() == careful.conn.execute(stable).fetchall()
    ids = [row[0] for row in quick.conn.execute("SELECT id FROM span")]
    assert len(ids) == len(set(ids))


def test_bad_lines_are_reported_at_their_line_as_before(tmp_path, way):
    records = _records()
    records[1]["spans"][0]["text"] = "غير"  # not the text at its offsets
    records[7]["spans"][0]["label"] = "PERSON"  # not in the scheme
    path = tmp_path / "bad.jsonl"
    lines = [orjson.dumps(r) for r in records]
    lines.insert(3, b'{"id": "broken", "text": ')
    path.write_bytes(b"\n".join(lines) + b"\n")
    reports = {}
    for name, fit in (("careful", _careful), ("quick", None)):
        skipped: list[str] = []
        project, counts = _imported(tmp_path / f"{name}.tawsim", [str(path)], skip_bad=True,
                                    on_skip=skipped.append, fit=fit)
        reports[name] = ([str(e) for e in skipped], counts.as_dict(), _rows(project))
    assert reports["quick"] == reports["careful"]
    assert [message.split(":")[1] for message in reports["quick"][0]] == ["2", "4", "9"]


def test_a_bad_line_without_skip_bad_imports_nothing(tmp_path, way):
    records = _records() * 1
    records[-2] = dict(records[-2], text="")
    project = _create(tmp_path / "p.tawsim")
    with pytest.raises(Exception, match=r"bad\.jsonl:11"):
        import_paths(project, [_write(tmp_path / "bad.jsonl", records)], actor="tester")
    assert project.conn.execute("SELECT count(*) FROM document").fetchone()[0] == 0
    _assert_checks_are_back(project)


def _assert_checks_are_back(project: ProjectStore) -> None:
    """The import wrote without the checks it had made itself; the connection's next
    writer (the desk's edits) has every one of them again."""
    conn = project.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE span SET \"end\" = \"start\" WHERE seq = (SELECT min(seq) FROM span)"
                     if conn.execute("SELECT count(*) FROM span").fetchone()[0]
                     else "INSERT INTO status (document, layer, status, updated_at) "
                          "VALUES (999, 999, 'done', 'now')")


@pytest.mark.parametrize("repeat", ["id", "span"])
def test_a_record_repeating_a_span_or_its_id_is_refused_at_its_line(tmp_path, way, repeat):
    records = _records()
    spans = records[1]["spans"]
    if repeat == "id":
        spans[1]["id"] = spans[0]["id"]
    else:
        spans.append(dict(spans[0], id="another"))
    path = _write(tmp_path / "rep.jsonl", records)
    project = _create(tmp_path / "p.tawsim")
    message = "used twice" if repeat == "id" else "repeats span 1"
    with pytest.raises(TawsimError, match=rf"rep\.jsonl:2: .*{message}"):
        import_paths(project, [path], actor="tester")
    assert project.conn.execute("SELECT count(*) FROM document").fetchone()[0] == 0
    skipped: list = []
    counts = import_paths(project, [path], actor="tester", skip_bad=True,
                          on_skip=lambda error: skipped.append(str(error)))
    assert len(skipped) == 1 and "rep.jsonl:2" in skipped[0] and message in skipped[0]
    assert counts.documents_new == len(records) - 1 and counts.ids_renumbered == 0


def test_an_import_locked_out_leaves_the_connection_as_it_was(tmp_path, monkeypatch):
    project = _create(tmp_path / "p.tawsim")
    path = _write(tmp_path / "in.jsonl", _records())
    monkeypatch.setattr("annotator.storage.database.BUSY_TIMEOUT_MS", 50, raising=False)
    project.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "p.tawsim", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(Exception, match="locked"):
            import_paths(project, [path], actor="tester")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not project.conn.in_transaction
    assert project.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    _assert_checks_are_back(project)


def test_after_an_import_the_database_checks_every_write_again(tmp_path, way):
    project, _ = _imported(tmp_path / "p.tawsim", [_write(tmp_path / "in.jsonl", _records())])
    assert way, "the quick way wrote some batches"
    _assert_checks_are_back(project)


def test_a_cancelled_import_stores_nothing_and_stops_reading(tmp_path, way):
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    project = _create(tmp_path / "p.tawsim")
    with pytest.raises(ImportCancelled):
        import_paths(project, [_write(tmp_path / "a.jsonl", _records() * 3)], actor="tester",
                     cancelled=cancelled)
    assert project.conn.execute("SELECT count(*) FROM document").fetchone()[0] == 0


SPAN_IDS = st.sampled_from(["s1", "s2", "s3", " s4", "", "s\n5", "٣"])
SPANS = st.lists(st.fixed_dictionaries(
    {"start": st.integers(-1, 30), "end": st.integers(0, 31),
     "label": st.sampled_from(["ACTOR", "LOCATION", "WEAPON", "PERSON", 7]),
     "id": SPAN_IDS},
    optional={"text": st.sampled_from(["الموصل", "", None]),
              "attrs": st.sampled_from([{}, {"stance": "denied"}, {"x": "y"}, []]),
              "note": st.sampled_from(["", "ملاحظة", None, 3])}), max_size=4)
RECORDS = st.lists(st.fixed_dictionaries(
    {"id": st.sampled_from(["d1", "d2", "d3", " d4", 5]),
     "text": st.sampled_from([TEXT, TEXT + " ٢", TEXT.replace("\n", "\r\n"), " ", "قرب الموصل"]),
     "layer": st.sampled_from(["gold", None]),
     "spans": SPANS},
    optional={"status": st.sampled_from(["done", "new", "lost"]),
              "time_active_s": st.sampled_from([0, 2.5, -1, True])}), min_size=1, max_size=5)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(records=[{"id": "d1", "text": "قرب الموصل", "layer": "gold", "spans": []},
                  {"id": "d1", "text": "قرب الموصل ٢", "layer": "gold", "spans": []},
                  {"id": "d2", "text": "قرب الموصل", "layer": "gold",
                   "spans": [{"start": 0, "end": 0, "label": "ACTOR", "id": "s1"}]}])
@example(records=[  # a span id twice in a record; a span twice; then a good record
    {"id": "d1", "text": "قرب الموصل", "layer": "gold",
     "spans": [{"start": 4, "end": 10, "label": "LOCATION", "id": "s1"},
               {"start": 0, "end": 3, "label": "ACTOR", "id": "s1"}]},
    {"id": "d2", "text": TEXT, "layer": "gold",
     "spans": [_span("الموصل", "LOCATION", "s2"), _span("الموصل", "LOCATION", "s3")]},
    {"id": "d3", "text": TEXT + " ٢", "layer": "gold",
     "spans": [_span("الموصل", "LOCATION", "s4", TEXT + " ٢")]}])
@given(records=RECORDS)
def test_any_file_gives_the_rows_and_reports_the_careful_way_gives(tmp_path_factory, records):
    """Generated records, good and bad (offsets outside the text, covered text that differs,
    unknown labels, repeated or unusable ids, Windows line ends, statuses and times)."""
    folder = tmp_path_factory.mktemp("any")
    path = _write(folder / "in.jsonl", records)
    results = {}
    for name, fit in (("careful", _careful), ("quick", None)):
        skipped: list = []
        project, counts = _imported(folder / f"{name}.tawsim", [path], skip_bad=True,
                                    on_skip=skipped.append, fit=fit)
        # The same refusals; the order may differ (the careful way finds a document that
        # clashes with the project only when it writes, after reading later lines).
        results[name] = (sorted(str(e) for e in skipped), counts.as_dict(), _rows(project))
        OPENED.remove(project)
        project.close()
    assert results["quick"] == results["careful"]
