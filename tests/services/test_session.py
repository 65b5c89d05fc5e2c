import pytest

from annotator.core.errors import SchemeError, TawsimError
from annotator.core.model import Status
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from tests.texts import ARTICLE_LF


@pytest.fixture
def session(project):
    with BulkImport(project, actor="t", source="test") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=ARTICLE_LF, id="d1"), project.scheme))
    return AnnotationSession(project, "amal")


def _at(word):
    start = ARTICLE_LF.index(word)
    return start, start + len(word)


def test_each_edit_is_saved_at_once_with_an_audit_row(session, project_path):
    span = session.add_span("d1", *_at("الزهراء"), "LOCATION")
    # A second connection (another process, or the app after a crash) sees it already.
    with ProjectStore.open(project_path) as other:
        (stored,) = other.spans("d1", "amal")
        assert (stored.start, stored.end, stored.text) == (span.start, span.end, "الزهراء")
        assert stored.annotator == "amal"
        trail = other.audit_trail("d1")
        assert trail[-1]["action"] == "add_span"
        assert trail[-1]["actor"] == "amal"
        assert trail[-1]["after"]["text"] == "الزهراء"
        assert other.status("d1", "amal") == Status.IN_PROGRESS


def test_undo_and_redo_through_the_core_stack(session):
    span = session.add_span("d1", *_at("الزهراء"), "LOCATION")
    session.relabel(span.id, "ACTOR")
    assert session.project.span(span.id).label == "ACTOR"
    session.undo("d1")
    assert session.project.span(span.id).label == "LOCATION"
    session.undo("d1")
    assert session.annotations("d1").spans == ()
    session.redo("d1")
    session.redo("d1")
    (restored,) = session.annotations("d1").spans
    assert (restored.id, restored.label) == (span.id, "ACTOR")
    actions = [row["action"] for row in session.project.audit_trail("d1")]
    assert actions[-4:] == ["undo_update_span", "undo_add_span", "redo_add_span",
                            "redo_update_span"]


def test_removing_a_span_takes_its_links_and_undo_restores_them(session):
    claim = session.add_span("d1", *_at("الطريق مفتوح أمام المدنيين"), "CLAIM",
                             {"stance": "asserted"})
    actor = session.add_span("d1", *_at("المتحدث باسم الدفاع المدني"), "ACTOR")
    link = session.link("SOURCE", claim.id, actor.id)
    session.remove_span(actor.id)
    assert session.annotations("d1").relations == ()
    session.undo("d1")
    (relation,) = session.annotations("d1").relations
    assert (relation.id, relation.head, relation.tail) == (link.id, claim.id, actor.id)


def test_the_scheme_is_enforced_on_links_and_relabels(session):
    weapon = session.add_span("d1", *_at("قذائفَ"), "WEAPON")
    place = session.add_span("d1", *_at("الزهراء"), "LOCATION")
    with pytest.raises(SchemeError, match="not from WEAPON to LOCATION"):
        session.link("SOURCE", weapon.id, place.id)
    claim = session.add_span("d1", *_at("الطريق مفتوح أمام المدنيين"), "CLAIM")
    actor = session.add_span("d1", *_at("المتحدث باسم الدفاع المدني"), "ACTOR")
    session.link("SOURCE", claim.id, actor.id)
    # Relabelling the actor as a place drops the link in the same undoable edit.
    session.relabel(actor.id, "LOCATION")
    assert session.annotations("d1").relations == ()
    session.undo("d1")
    assert len(session.annotations("d1").relations) == 1


def test_bad_offsets_and_duplicates_change_nothing(session):
    with pytest.raises(TawsimError, match="start < end"):
        session.add_span("d1", 5, 5000, "ACTOR")
    session.add_span("d1", *_at("الزهراء"), "LOCATION")
    rows = len(session.project.audit_trail())
    with pytest.raises(TawsimError, match="already has a LOCATION span"):
        session.add_span("d1", *_at("الزهراء"), "LOCATION")
    assert len(session.project.audit_trail()) == rows
    assert len(session.annotations("d1").spans) == 1


def test_attributes_notes_and_status(session):
    claim = session.add_span("d1", *_at("الطريق مفتوح أمام المدنيين"), "CLAIM")
    session.set_attribute(claim.id, "stance", "denied")
    session.set_note(claim.id, "قارن مع بيان الوزارة")
    stored = session.project.span(claim.id)
    assert stored.attrs == {"stance": "denied"} and stored.note == "قارن مع بيان الوزارة"
    with pytest.raises(SchemeError):
        session.set_attribute(claim.id, "stance", "maybe")
    session.set_status("d1", Status.DONE)
    assert session.status("d1") == Status.DONE


def test_label_all_is_one_undoable_edit_that_skips_existing_spans(session):
    first = _at("الزهراء")
    session.add_span("d1", *first, "LOCATION")
    made = session.add_spans("d1", [(*first, "LOCATION"), (*_at("بسوريا"), "LOCATION")])
    assert len(made) == 1
    assert len(session.annotations("d1").spans) == 2
    session.undo("d1")
    assert len(session.annotations("d1").spans) == 1


def test_document_list_and_resuming(project):
    with BulkImport(project, actor="t", source="test") as bulk:
        for n in range(5):
            text = f"خبر رقم {n}: أعلنت الشرطة ضبط شاحنة"
            bulk.add(prepare_record(DocumentRecord(text=text, id=f"d{n}"), project.scheme))
    session = AnnotationSession(project, "amal")
    assert session.document_count() == 5
    page = session.document_page(1, 2)
    assert [row["id"] for row in page] == ["d1", "d2"]
    assert page[0]["status"] == "new" and page[0]["spans"] == 0
    session.set_status("d0", Status.DONE)
    session.add_span("d1", 0, 3, "ACTOR")
    assert session.resume_document() == "d1"
    assert session.document_count(status=Status.DONE) == 1
    assert session.document_page(0, 10, status=Status.IN_PROGRESS)[0]["spans"] == 1
    assert session.next_document("d1") == "d2"
    assert session.next_document("d1", -1) == "d0"
    assert session.next_document("d4") is None
    assert session.document_count(text="رقم 3") == 1


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (__import__("sqlite3").OperationalError("database is locked"), "busy"),
        (__import__("sqlite3").OperationalError("attempt to write a readonly database"),
         "read-only"),
        (__import__("sqlite3").DatabaseError("database disk image is malformed"), "damaged"),
        (UnicodeEncodeError("utf-8", "\udcff", 0, 1, "surrogates not allowed"), "UTF-8"),
        (ValueError("a bug"), None),
    ],
)
def test_engine_failures_become_one_line_user_errors(error, expected):
    from annotator.services.projects import as_user_error

    translated = as_user_error(error)
    if expected is None:
        assert translated is None
    else:
        assert expected in str(translated) and "\n" not in str(translated)
