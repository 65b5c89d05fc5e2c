"""Work packages: who gets what, what a package holds, and all-or-nothing writing."""

from collections import Counter
from itertools import combinations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord, prepare_record
from annotator.services.adjudication import working_layers, working_session
from annotator.services.identity import PACKAGE_META, Person, own_layer, package_identity
from annotator.services.packaging import (
    PackagingCancelled,
    make_packages,
    plan_packages,
)
from annotator.storage import BulkImport, ProjectStore
from tests.services.team_data import add_articles, article

NAMES = ["amal", "basel", "chadi"]


@pytest.fixture
def lead(tmp_path):
    store = ProjectStore.create(tmp_path / "lead.tawsim", name="حملة الربيع")
    add_articles(store, 30)
    yield store
    store.close()


def assignments(project):
    return project.conn.execute(
        "SELECT d.id, p.name, a.role, a.package FROM assignment AS a "
        "JOIN document AS d ON d.seq = a.document JOIN person AS p ON p.id = a.person "
        "ORDER BY d.seq, a.role").fetchall()


def test_thirty_articles_for_three_annotators_with_a_fifth_overlap(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", NAMES, overlap=0.2)
    assert report.documents == 30 and report.overlap == 6
    rows = assignments(lead)
    assert Counter(role for *_, role, _ in rows) == {"primary": 30, "overlap": 6}
    packages = {p.annotator: p for p in report.packages}
    assert {p.documents for p in report.packages} == {12}
    pairs = Counter(frozenset(name for _, name, _, _ in group)
                    for _, group in _by_document(rows) if len(group) == 2)
    assert set(pairs) == {frozenset(pair) for pair in combinations(NAMES, 2)}
    for name in NAMES:
        path = tmp_path / "out" / f"{name}.tawsim"
        assert packages[name].path == path
        with ProjectStore.open(path) as package:
            identity = package_identity(package)
            assert identity.annotator == name and identity.lead == lead.project_id
            assert identity.person == packages[name].person
            assert package.project_id == packages[name].project_id != lead.project_id
            mine = [doc for doc, who, _, _ in rows if who == name]
            assert list(package.document_ids()) == mine  # in the lead's order
            assert {package_id for _, who, _, package_id in rows if who == name} == {
                package.project_id}
            # the desk opens it as that person, in their own layer, no question asked
            assert own_layer(package, Person(identity.person, identity.annotator)) == name
            assert [layer.name for layer in package.layers()] == [name]
            assert package.meta("name") == f"حملة الربيع — {name}"


def _by_document(rows):
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    return groups.items()


def test_a_package_holds_the_scheme_and_its_documents_exactly(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", ["amal", "basel"])
    with ProjectStore.open(report.packages[0].path) as package:
        assert package.meta("scheme") == lead.meta("scheme")
        for doc_id in package.document_ids():
            theirs, ours = package.document(doc_id), lead.document(doc_id)
            assert (theirs.text, theirs.meta, theirs.text_sha256) == (
                ours.text, ours.meta, ours.text_sha256)
        titles = package.conn.execute("SELECT id, title FROM document").fetchall()
        assert titles == [(doc, lead.conn.execute("SELECT title FROM document WHERE id = ?",
                                                  (doc,)).fetchone()[0]) for doc, _ in titles]
        assert package.count_documents() == 15
        # nothing says which of them someone else has too
        assert "overlap" not in orjson.dumps(package.audit_trail()).decode()


def test_work_in_a_package_goes_to_the_annotators_own_layer(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", ["amal"])
    with ProjectStore.open(report.packages[0].path) as package:
        identity = package_identity(package)
        session = working_session(package, "amal",
                                  person=Person(identity.person, identity.annotator))
        doc = next(package.document_ids())
        session.add_span(doc, 0, 3, "WEAPON")
        assert session.layer == "amal"
        assert [span.label for span in package.spans(doc, "amal")] == ["WEAPON"]


def test_a_model_layer_travels_with_the_same_ids_and_stays_a_model_layer(tmp_path):
    with ProjectStore.create(tmp_path / "lead.tawsim") as lead:
        with BulkImport(lead, actor="t", source="model", layer="model-a") as bulk:
            for number in range(6):
                text = article(number)
                actor, claim = text.index("المتحدث"), text.index("الطريق مفتوح")
                record = DocumentRecord(text=text, id=f"a{number}", spans=[
                    SpanRecord(actor, actor + 7, "ACTOR", id=f"act-{number}"),
                    SpanRecord(claim, claim + 12, "CLAIM", id=f"clm-{number}")],
                    relations=[RelationRecord("SOURCE", f"clm-{number}", f"act-{number}",
                                              id=f"rel-{number}")])
                bulk.add(prepare_record(record, lead.scheme))
        report = make_packages(lead, tmp_path / "out", ["amal", "basel"], with_layer="model-a")
        with ProjectStore.open(report.packages[1].path) as package:
            kinds = {layer.name: layer.kind.value for layer in package.layers()}
            assert kinds == {"basel": "annotator", "model-a": "model"}
            for doc in package.document_ids():
                assert package.spans(doc, "model-a") == lead.spans(doc, "model-a")
                assert package.relations(doc, "model-a") == lead.relations(doc, "model-a")
            assert package.conn.execute("SELECT count(*) FROM span").fetchone()[0] == 6
            # the annotator reads and compares the predictions but never edits them
            assert "model-a" not in [c.name for c in working_layers(package, "basel")]


def test_documents_are_not_handed_out_twice_unless_reassigned(lead, tmp_path):
    first = make_packages(lead, tmp_path / "one", ["amal", "basel"], per_annotator=5)
    assert first.documents == 10
    second = make_packages(lead, tmp_path / "two", ["chadi"])
    assert second.documents == 20 and second.skipped_assigned == 10
    with pytest.raises(TawsimError, match="all 30 documents are assigned already"):
        make_packages(lead, tmp_path / "three", ["dana"])
    assert not (tmp_path / "three").exists()
    again = make_packages(lead, tmp_path / "four", ["dana"], reassign=True, per_annotator=4)
    rows = assignments(lead)
    assert [(doc, who) for doc, who, _, _ in rows][:4] == [
        ("a000", "dana"), ("a001", "dana"), ("a002", "dana"), ("a003", "dana")]
    assert again.documents == 4 and len(rows) == 30  # dana's replace the earlier ones


def test_the_same_name_packaged_again_keeps_its_person(lead, tmp_path):
    first = make_packages(lead, tmp_path / "one", ["amal", "basel"], per_annotator=2)
    second = make_packages(lead, tmp_path / "two", ["amal"], per_annotator=2)
    assert first.packages[0].person == second.packages[0].person
    assert lead.conn.execute("SELECT count(*) FROM person").fetchone()[0] == 2


def test_the_status_filter_looks_at_every_persons_layer(lead, tmp_path):
    lead.set_status("a001", "sara", "in_progress", "t")
    lead.set_status("a002", "gold", "done", "t")
    lead.conn.execute("INSERT INTO layer (name, kind, created_at) VALUES ('m', 'model', '')")
    lead.set_status("a003", "m", "done", "t")  # predictions are nobody's work
    plan = plan_packages(lead, ["amal"], status="new")
    assert plan.handed_out == 28
    assert "a001" not in plan.packages[0].primary and "a003" in plan.packages[0].primary
    assert plan_packages(lead, ["amal"], status="done").packages[0].primary == ("a002",)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["amal", "basel", "chadi", "dana", "عمر"]), min_size=1,
                max_size=5, unique=True),
       st.sampled_from([0.0, 0.1, 0.2, 0.5, 1.0]), st.one_of(st.none(), st.integers(1, 12)))
def test_plans_hand_every_document_out_once_as_primary(lead, names, overlap, cap):
    if overlap and len(names) < 2:
        overlap = 0.0
    plan = plan_packages(lead, names, overlap=overlap, per_annotator=cap)
    primaries = Counter(doc for p in plan.packages for doc in p.primary)
    expected = 30 if cap is None else min(30, cap * len(names))
    assert plan.handed_out == expected and set(primaries.values()) == {1}
    assert sum(len(p.overlap) for p in plan.packages) == plan.overlap
    assert plan.overlap == int(overlap * expected + 0.5)
    sizes = [p.documents for p in plan.packages]
    assert max(sizes) - min(sizes) <= 1
    assert all(not set(p.primary) & set(p.overlap) for p in plan.packages)
    again = plan_packages(lead, names, overlap=overlap, per_annotator=cap)
    assert [(p.seqs, p.roles) for p in again.packages] == [
        (p.seqs, p.roles) for p in plan.packages]


@pytest.mark.parametrize(("names", "options", "message"), [
    (["amal", "amal"], {}, "named twice"),
    (["amal", "Amal"], {}, "named twice"),
    (["amal", ""], {}, "is empty"),
    (["amal", " basel"], {}, "cannot name a layer and a file"),
    (["a/b"], {}, "cannot name a layer and a file"),
    ([".hidden"], {}, "cannot name a layer and a file"),
    ([], {}, "at least one annotator"),
    (["amal"], {"overlap": 0.2}, "at least two annotators"),
    (["amal", "basel"], {"overlap": 1.5}, "between 0 and 1"),
    (["amal"], {"with_layer": "nothing"}, "no layer 'nothing'"),
    (["amal"], {"per_annotator": 0}, "at least 1"),
    (["amal"], {"status": "finished"}, "unknown status 'finished'"),
])
def test_bad_requests_are_refused_in_one_line_writing_nothing(lead, tmp_path, names, options,
                                                               message):
    with pytest.raises(TawsimError, match=message) as error:
        make_packages(lead, tmp_path / "out", names, **options)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "out").exists()
    assert assignments(lead) == []


def test_with_layer_takes_a_model_layer_only(lead, tmp_path):
    lead.set_status("a001", "sara", "done", "t")
    with pytest.raises(TawsimError, match="layer 'sara' is not a model layer"):
        make_packages(lead, tmp_path / "out", ["amal"], with_layer="sara")


def test_an_existing_package_file_refuses_them_all(lead, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "basel.tawsim").write_text("مسودة")
    with pytest.raises(TawsimError, match=r"basel\.tawsim: a file already exists"):
        make_packages(lead, out, NAMES)
    assert sorted(p.name for p in out.iterdir()) == ["basel.tawsim"]
    assert (out / "basel.tawsim").read_text() == "مسودة"
    assert assignments(lead) == []


def test_a_package_is_not_a_lead(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", ["amal"])
    with ProjectStore.open(report.packages[0].path) as package, \
            pytest.raises(TawsimError, match="amal's work package, not a lead project"):
        make_packages(package, tmp_path / "again", ["basel"])


def test_cancelling_or_failing_halfway_leaves_nothing(lead, tmp_path):
    asked = []

    def cancel_on_second_package():
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(PackagingCancelled):
        make_packages(lead, tmp_path / "out", NAMES, cancelled=cancel_on_second_package)
    assert not (tmp_path / "out").exists()
    assert assignments(lead) == [] and lead.conn.execute(
        "SELECT count(*) FROM person").fetchone()[0] == 0

    def broken(count):
        raise OSError("disk unplugged")

    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "notes.txt").write_text("x")
    with pytest.raises(OSError):
        make_packages(lead, kept, NAMES, progress=broken)
    assert [p.name for p in kept.iterdir()] == ["notes.txt"]
    assert assignments(lead) == []


def test_progress_counts_every_document_written(lead, tmp_path):
    written = []
    plan = plan_packages(lead, NAMES, overlap=0.2)
    make_packages(lead, tmp_path / "out", NAMES, overlap=0.2, progress=written.append)
    assert sum(written) == plan.documents_written == 36


def test_the_package_identity_is_stored_as_the_design_says(lead, tmp_path):
    report = make_packages(lead, tmp_path / "out", ["amal"])
    with ProjectStore.open(report.packages[0].path) as package:
        data = orjson.loads(package.meta(PACKAGE_META))
    assert set(data) == {"annotator", "person", "lead", "created_at"}
    assert data["lead"] == lead.project_id and data["annotator"] == "amal"


def test_an_annotator_with_a_layer_in_the_lead_keeps_their_id(lead, tmp_path):
    """amal annotated in the lead's own file first (her layer records her desk id): her
    package carries that id, so merging it back lands in the same layer."""
    layer = own_layer(lead, Person("amal-desk-id", "amal"))
    report = make_packages(lead, tmp_path / "out", ["amal", "basel"], per_annotator=1)
    assert layer == "amal" and report.packages[0].person == "amal-desk-id"
    assert ("amal-desk-id", "amal") in lead.conn.execute("SELECT id, name FROM person")


def test_handing_out_again_says_whose_documents_it_takes(lead, tmp_path):
    make_packages(lead, tmp_path / "one", ["amal", "basel"], overlap=1.0, per_annotator=2)
    plan = plan_packages(lead, ["amal"], reassign=True, per_annotator=4)
    # The four documents go to amal alone: basel, who shared them, loses them.
    assert dict(plan.taken_from) == {"basel": 4}
    assert "4 documents handed out again are no longer assigned to basel" in \
        plan.summary_lines()
    report = make_packages(lead, tmp_path / "two", ["amal"], reassign=True, per_annotator=4)
    assert report.as_dict()["taken_from"] == {"basel": 4}
    assert report.summary_lines()[0] == "Wrote 1 package: 4 documents, 0 of them to two annotators"
    assert not plan_packages(lead, ["chadi"], per_annotator=1).taken_from  # nothing reassigned
