import pytest

from annotator.core.scheme import default_scheme, scheme_from_dict
from annotator.services.label_all import (
    accept_label_candidates,
    label_all_candidates,
    trim_selection,
)
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.conftest import add_documents

# Composed for these tests: سوريا alone, behind ب, و, ل, with the article's ل, and in a longer word.
TEXT = ("قالت مصادر إن سوريا ردت على القصف. وسقطت قذائف بسوريا وفي العراق، "
        "وأعلنت دمشق أن لسوريا حق الرد، وسوريا لن تسكت، والسوريون غاضبون. "
        "وقال مسؤول للتحالف إن التحالف والعراق بالعراق يتابعان.")
OTHER = "وصلت قوات إلى سوريا أمس، وغادرت بسوريا قافلة نحو العراق."


@pytest.fixture
def session(project):
    add_documents(project, [("a", TEXT), ("b", OTHER)])
    return AnnotationSession(project, "amal")


def at(word, nth=0, text=TEXT):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def test_label_all_from_a_location_covers_the_word_without_proclitics(session):
    source = session.add_span("a", *at("سوريا"), "LOCATION")
    candidates = label_all_candidates(session, "a", source.start, source.end, "LOCATION")
    assert [c.text for c in candidates] == ["سوريا", "سوريا", "سوريا"]
    assert [TEXT[c.word_start:c.start] for c in candidates] == ["ب", "ل", "و"]
    assert all(TEXT[c.start:c.end] == c.text and c.doc_id == "a" for c in candidates)
    created = accept_label_candidates(session, candidates)
    assert [s.text for s in created] == ["سوريا"] * 3
    assert [s.start for s in created] == [c.start for c in candidates]
    # One undoable edit: undo takes all three back, and leaves the source span.
    session.undo("a")
    assert [s.id for s in session.project.spans("a", "amal")] == [source.id]


def test_label_all_never_creates_a_span_that_exists(session):
    source = session.add_span("a", *at("سوريا"), "LOCATION")
    accept_label_candidates(session, label_all_candidates(
        session, "a", source.start, source.end, "LOCATION"))
    assert label_all_candidates(session, "a", source.start, source.end, "LOCATION") == []
    # An occurrence labelled by hand with other edges is already labelled too.
    second = session.add_span("b", *at("بسوريا", text=OTHER), "LOCATION")
    remaining = label_all_candidates(session, "a", source.start, source.end, "LOCATION",
                                     scope="project")
    assert [(c.doc_id, c.text) for c in remaining] == [("b", "سوريا")]
    assert remaining[0].start != second.start + 1
    # Accepting a candidate twice adds it once.
    created = accept_label_candidates(session, remaining + remaining)
    assert len(created) == 1


def test_project_scope_makes_one_edit_per_document(session):
    source = session.add_span("a", *at("العراق"), "LOCATION")
    candidates = label_all_candidates(session, "a", source.start, source.end, "LOCATION",
                                      scope="project")
    assert [(c.doc_id, c.text) for c in candidates] == [
        ("a", "العراق"), ("a", "العراق"), ("b", "العراق")]
    assert [TEXT[c.word_start:c.end] for c in candidates[:2]] == ["والعراق", "بالعراق"]
    accept_label_candidates(session, candidates)
    assert len(session.project.spans("b", "amal")) == 1
    session.undo("b")
    assert session.project.spans("b", "amal") == []
    assert len(session.project.spans("a", "amal")) == 3


def test_the_article_after_lam_starts_at_its_lam(session):
    source = session.add_span("a", *at("التحالف"), "ACTOR")
    candidates = label_all_candidates(session, "a", source.start, source.end, "ACTOR")
    assert [(c.text, TEXT[c.word_start:c.start]) for c in candidates] == [("لتحالف", "ل")]


def test_claim_keeps_proclitics_inside(session):
    start, end = at("سوريا")
    candidates = label_all_candidates(session, "a", start, end, "CLAIM")
    assert [c.text for c in candidates] == ["بسوريا", "لسوريا", "وسوريا"]


def test_a_source_span_with_a_proclitic_finds_the_entity(session):
    candidates = label_all_candidates(session, "a", *at("بسوريا"), "LOCATION")
    assert [c.text for c in candidates] == ["سوريا", "سوريا", "سوريا", "سوريا"]


@pytest.fixture
def suggesting(project_path, tmp_path):
    data = default_scheme().to_dict()
    for label in data["labels"]:
        if label["name"] == "WEAPON":
            label["proclitics"] = "suggest"
    scheme = scheme_from_dict(data, origin="test")
    store = ProjectStore.create(tmp_path / "s.tawsim", scheme)
    add_documents(store, [("w", "أطلقوا صواريخ ثم وصواريخ أخرى وبالصواريخ والقذائف.")])
    yield AnnotationSession(store, "amal")
    store.close()


def test_suggest_keeps_the_proclitics_and_offers_the_trim(suggesting):
    text = suggesting.project.document_text("w")
    start = text.index("صواريخ")
    candidates = label_all_candidates(suggesting, "w", start, start + 6, "WEAPON")
    assert [c.text for c in candidates] == ["وصواريخ"]
    assert candidates[0].suggestion == (candidates[0].start + 1, candidates[0].end)
    word = text.index("وبالصواريخ")
    trim = trim_selection(suggesting, "w", word, word + 10, "WEAPON")
    assert (trim.start, trim.end) == (word, word + 10)
    assert trim.suggestion == (word + 2, word + 10)


def test_trim_selection_follows_the_label_policy(session):
    start, end = at("بسوريا")
    trim = trim_selection(session, "a", start - 1, end + 1, "LOCATION")  # caught the spaces
    assert (trim.start, trim.end) == (start + 1, end)
    assert trim.proclitics == (start, start + 1) and trim.suggestion is None
    keep = trim_selection(session, "a", start, end, "CLAIM")
    assert (keep.start, keep.end, keep.proclitics) == (start, end, None)
    lam = at("للتحالف")
    assert trim_selection(session, "a", *lam, "ACTOR").start == lam[0] + 1
    both = at("بالعراق")
    assert trim_selection(session, "a", *both, "LOCATION").start == both[0] + 1


def test_trim_selection_trims_what_no_reading_keeps(session):
    # وسقطت and وأعلنت: the analyser reads them only as و + a verb, so و goes even though the
    # rest (سقطت, أعلنت) stands nowhere on its own.
    fell = at("وسقطت")
    assert trim_selection(session, "a", *fell, "ACTOR").start == fell[0] + 1
    words = at("وأعلنت دمشق")
    assert trim_selection(session, "a", *words, "ACTOR").start == words[0] + 1


def test_a_word_known_elsewhere_in_the_project_is_evidence(session, project):
    # The dictionary reads لبوزة only as ل + a lemma nobody uses, as it reads the names it
    # lacks: the rest must stand alone.
    add_documents(project, [("d", "وصلت رسالة لبوزة مساء.")])
    start = session.project.document_text("d").index("لبوزة")
    assert trim_selection(session, "d", start, start + 5, "ACTOR").start == start
    add_documents(project, [("c", "أعلنت بوزة موقفها صباحا.")])
    assert trim_selection(session, "d", start, start + 5, "ACTOR").start == start + 1


def test_the_desk_may_decide_from_the_document_alone(project):
    # بوزة stands alone only in another document: evidence the index gives, when allowed.
    add_documents(project, [("x", "وصلت رسالة لبوزة أمس."), ("y", "قالت بوزة إنها سترد.")])
    session = AnnotationSession(project, "amal")
    word = at("لبوزة", text="وصلت رسالة لبوزة أمس.")
    assert trim_selection(session, "x", *word, "ACTOR").start == word[0] + 1
    alone = trim_selection(session, "x", *word, "ACTOR", project_evidence=False)
    assert (alone.start, alone.proclitics) == (word[0], None)
