"""The team's progress on a hand-built lead: packages handed out, work 'merged' back.

Merges are written here as the rows a merge leaves (an annotator layer owned by the person,
statuses, work_time and merge_state), not through the merge command."""

import pytest

from annotator.core.model import LayerKind
from annotator.services.packaging import make_packages
from annotator.services.progress import active_time, team_progress
from annotator.storage import ProjectStore
from tests.services.team_data import add_articles


def merged(lead, person, layer, done=(), started=(), seconds=None, merged_at=None,
           source="package"):
    """What a merge of `person`'s package leaves in the lead."""
    lead.ensure_layer(layer, LayerKind.ANNOTATOR, owner=person)
    for doc in started:
        lead.set_status(doc, layer, "in_progress", "merge")
    for doc in done:
        lead.set_status(doc, layer, "done", "merge")
    layer_id = lead.layer_id(layer)
    for doc, value in (seconds or {}).items():
        lead.conn.execute("INSERT INTO work_time (document, layer, seconds, updated_at) "
                          "VALUES (?, ?, ?, '2026-05-01T10:00:00.000Z')",
                          (lead.document_seq(doc), layer_id, value))
    if merged_at:
        lead.conn.execute("INSERT INTO merge_state (source, source_layer, layer, audit_rows, "
                          "audit_digest, file, merged_at) VALUES (?, ?, ?, 3, 'x', 'f', ?)",
                          (f"{source}-of-{layer}", layer, layer_id, merged_at))
    lead.conn.commit()


@pytest.fixture
def lead(tmp_path):
    store = ProjectStore.create(tmp_path / "lead.tawsim")
    add_articles(store, 12)
    yield store
    store.close()


def documents_of(lead, person, role=None):
    sql = ("SELECT d.id FROM assignment AS a JOIN document AS d ON d.seq = a.document "
           "WHERE a.person = ?" + (" AND a.role = ?" if role else "") + " ORDER BY d.seq")
    return [row[0] for row in lead.conn.execute(sql, (person, role) if role else (person,))]


def test_progress_per_annotator_after_merges(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", ["amal", "basel"], overlap=0.5)
    amal, basel = (p.person for p in report.packages)
    amal_docs, basel_docs = documents_of(lead, amal), documents_of(lead, basel)
    assert len(amal_docs) == len(basel_docs) == 9  # 6 primary + 3 overlap each
    merged(lead, amal, "amal", done=amal_docs[:4], started=amal_docs[4:6],
           seconds={amal_docs[0]: 120, amal_docs[1]: 240, amal_docs[2]: 600,
                    amal_docs[3]: 60, amal_docs[4]: 30},
           merged_at="2026-05-02T09:00:00.000Z")
    merged(lead, amal, "amal", merged_at="2026-05-01T09:00:00.000Z", source="laptop")
    lead.set_status("a000", "lead-own", "done", "lead")  # the lead annotating herself

    progress = team_progress(lead)
    rows = {row.name: row for row in progress.annotators}
    assert rows["amal"].layer == "amal" and rows["amal"].person == amal
    assert (rows["amal"].assigned, rows["amal"].started, rows["amal"].done) == (9, 6, 4)
    assert rows["amal"].active_seconds == 1050
    assert rows["amal"].median_minutes_per_done == pytest.approx(3.0)  # 60,120,240,600 s
    assert rows["amal"].last_merged == "2026-05-02T09:00:00.000Z"
    # basel's package is out, nothing merged yet
    assert rows["basel"].layer is None and rows["basel"].assigned == 9
    assert (rows["basel"].done, rows["basel"].active_seconds, rows["basel"].last_merged) == (
        0, 0, None)
    # an annotator layer nobody was handed documents under
    assert rows["lead-own"].assigned == 0 and rows["lead-own"].done == 1
    assert rows["lead-own"].median_minutes_per_done is None
    assert progress.overlap_documents == 6 and progress.overlap_ready == 0


def test_overlap_documents_are_ready_when_every_annotator_has_done_them(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", ["amal", "basel", "chadi"], overlap=0.5)
    people = {p.annotator: p.person for p in report.packages}
    overlap = lead.conn.execute(
        "SELECT d.id FROM assignment AS a JOIN document AS d ON d.seq = a.document "
        "WHERE a.role = 'overlap' ORDER BY d.seq").fetchall()
    overlap = [row[0] for row in overlap]
    assert len(overlap) == 6
    everyone_done = overlap[:2]
    for name, person in people.items():
        mine = set(documents_of(lead, person))
        merged(lead, person, name, done=[doc for doc in everyone_done if doc in mine])
    # one annotator of a third overlap document finished it, the other did not
    third = overlap[2]
    holder = next(name for name, person in people.items()
                  if third in documents_of(lead, person, "overlap"))
    lead.set_status(third, holder, "done", "merge")
    assert team_progress(lead).overlap_ready == 2
    # a reviewed document counts as done
    for name, person in people.items():
        if third in documents_of(lead, person):
            lead.set_status(third, name, "reviewed", "merge")
    assert team_progress(lead).overlap_ready == 3


def test_the_json_shape(lead, tmp_path):
    make_packages(lead, tmp_path / "out", ["amal"])
    data = team_progress(lead).as_dict()
    assert set(data) >= {"annotators", "overlap_ready"}
    assert set(data["annotators"][0]) >= {"layer", "name", "assigned", "started", "done",
                                          "active_seconds", "last_merged"}


def test_a_project_without_a_team(lead):
    progress = team_progress(lead)
    assert progress.annotators == () and progress.overlap_ready == 0
    assert "no annotators yet" in progress.summary_lines()[0]


def test_active_time_reads_as_hours_and_minutes():
    assert active_time(0) == "0m"
    assert active_time(12 * 60 + 20) == "12m"
    assert active_time(3900) == "1h 05m"


def test_a_leads_own_empty_layer_is_no_team_member(lead, tmp_path):
    """Opening the lead project in the desk makes the lead's own layer; with nothing in it and
    nothing assigned, it is not listed among the annotators."""
    lead.ensure_layer("layla", LayerKind.ANNOTATOR)
    merged(lead, "p-amal", "amal", done=["a000"], seconds={"a000": 60.0})
    rows = team_progress(lead).annotators
    assert [row.layer for row in rows] == ["amal"]
