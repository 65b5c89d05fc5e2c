"""`import --replace`: a layer holds exactly what the input says for the input's documents,
matched by span id where the records carry ids, else by place and label."""

from __future__ import annotations

import json

import pytest

from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from tests.formats.sample import ARTICLE, where
from tests.texts import SHORT

CLAIM = "وجود أي طائرة مسيرة فوق حمص"


def span(part, label, span_id=None, text=ARTICLE, **extra):
    start, end = where(text, part)
    item = {"start": start, "end": end, "label": label, **extra}
    if span_id is not None:
        item["id"] = span_id
    return item


def write(tmp_path, name, *records):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    "utf-8")
    return path


def first_state(tmp_path):
    return write(tmp_path, "day1.jsonl", {
        "id": "a", "text": ARTICLE, "layer": "amal", "status": "done", "time_active_s": 60,
        "spans": [span("الزهراء", "LOCATION", "s-place"), span("قذائف هاون", "WEAPON", "s-gun"),
                  span("وزارة الدفاع", "ACTOR", "s-ministry"),
                  span(CLAIM, "CLAIM", "s-claim", attrs={"stance": "denied"})],
        "relations": [{"id": "r-1", "type": "SOURCE", "head": "s-claim", "tail": "s-ministry"}],
    }, {"id": "b", "text": SHORT, "layer": "amal",
        "spans": [span("الموصل", "LOCATION", "s-mosul", text=SHORT)]})


def contents(project, doc_id, layer="amal"):
    return (sorted((s.id, s.start, s.end, s.label, tuple(s.attrs.items()))
                   for s in project.spans(doc_id, layer)),
            sorted((r.id, r.type, r.head, r.tail) for r in project.relations(doc_id, layer)))


@pytest.fixture
def imported(project, tmp_path):
    import_paths(project, [first_state(tmp_path)], actor="t")
    return project


def test_the_layer_ends_up_holding_exactly_the_input(imported, tmp_path):
    second = write(tmp_path, "day2.jsonl", {
        "id": "a", "text": ARTICLE, "layer": "amal", "status": "in_progress",
        "time_active_s": 45,
        "spans": [span("بلدة الزهراء", "LOCATION", "s-place"),  # moved
                  span("قذائف هاون", "ACTOR", "s-gun"),  # relabelled
                  span(CLAIM, "CLAIM", "s-claim", attrs={"stance": "reported"}),
                  span("حمص", "LOCATION", "s-homs")],  # new; s-ministry and r-1 gone
    })
    counts = import_paths(imported, [second], actor="t", replace=True)
    expected = ([("s-claim", *where(ARTICLE, CLAIM), "CLAIM", (("stance", "reported"),)),
                 ("s-gun", *where(ARTICLE, "قذائف هاون"), "ACTOR", ()),
                 ("s-homs", *where(ARTICLE, "حمص"), "LOCATION", ()),
                 ("s-place", *where(ARTICLE, "بلدة الزهراء"), "LOCATION", ())], [])
    assert contents(imported, "a") == expected
    assert (counts.spans_new, counts.spans_changed, counts.spans_removed) == (1, 3, 1)
    assert (counts.relations_new, counts.relations_removed) == (0, 1)
    assert imported.status("a", "amal") == "in_progress"
    assert imported.conn.execute("SELECT seconds FROM work_time").fetchall() == [(45.0,)]
    assert contents(imported, "b")[0][0][0] == "s-mosul"  # a document the input lacks
    again = import_paths(imported, [second], actor="t", replace=True)
    assert (again.spans_new, again.spans_changed, again.spans_removed) == (0, 0, 0)
    assert contents(imported, "a") == expected


def test_without_replace_an_import_only_adds(imported, tmp_path):
    second = write(tmp_path, "day2.jsonl", {
        "id": "a", "text": ARTICLE, "layer": "amal", "time_active_s": 30,
        "spans": [span("حمص", "LOCATION", "s-homs")]})
    import_paths(imported, [second], actor="t")
    assert len(imported.spans("a", "amal")) == 5
    assert imported.conn.execute(
        "SELECT seconds FROM work_time ORDER BY document").fetchall() == [(60.0,)]


def test_records_without_ids_are_matched_by_place_and_label(imported, tmp_path):
    second = write(tmp_path, "day2.jsonl", {
        "id": "a", "text": ARTICLE, "layer": "amal",
        "spans": [span("الزهراء", "LOCATION"), span("حمص", "LOCATION"),
                  span(CLAIM, "CLAIM", attrs={"stance": "asserted"}),
                  span("وزارة الدفاع", "ACTOR")],
        "relations": []})
    import_paths(imported, [second], actor="t", replace=True)
    spans = {s.text: s for s in imported.spans("a", "amal")}
    assert set(spans) == {"الزهراء", "حمص", CLAIM, "وزارة الدفاع"}
    assert spans["الزهراء"].id == "s-place" and spans[CLAIM].id == "s-claim"
    assert spans[CLAIM].attrs == {"stance": "asserted"}
    assert imported.relations("a", "amal") == []


def test_spans_that_swap_places_by_id(imported, tmp_path):
    second = write(tmp_path, "day2.jsonl", {
        "id": "a", "text": ARTICLE, "layer": "amal",
        "spans": [span("الزهراء", "WEAPON", "s-gun"), span("قذائف هاون", "LOCATION", "s-place"),
                  span("وزارة الدفاع", "ACTOR", "s-ministry"),
                  span(CLAIM, "CLAIM", "s-claim", attrs={"stance": "denied"})],
        "relations": [{"id": "r-1", "type": "SOURCE", "head": "s-claim", "tail": "s-ministry"}]})
    counts = import_paths(imported, [second], actor="t", replace=True)
    assert counts.spans_changed == 2 and counts.relations_changed == 0
    labels = {s.id: (s.text, s.label) for s in imported.spans("a", "amal")}
    assert labels["s-gun"] == ("الزهراء", "WEAPON")
    assert labels["s-place"] == ("قذائف هاون", "LOCATION")
    revs = dict(imported.conn.execute("SELECT id, rev FROM span"))
    assert revs["s-gun"] == 1 and revs["s-ministry"] == 0


def test_a_refused_replace_changes_nothing(imported, tmp_path):
    bad = write(tmp_path, "bad.jsonl", {
        "id": "a", "text": ARTICLE, "layer": "amal", "spans": [span("حمص", "EVENT")]})
    before = contents(imported, "a")
    with pytest.raises(Exception, match=r"bad\.jsonl:1:"):
        import_paths(imported, [bad], actor="t", replace=True)
    assert contents(imported, "a") == before


def test_replace_into_a_new_project(tmp_path):
    with ProjectStore.create(tmp_path / "new.tawsim") as project:
        counts = import_paths(project, [first_state(tmp_path)], actor="t", replace=True)
        assert counts.spans_new == 5 and counts.spans_removed == 0
