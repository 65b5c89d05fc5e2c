"""A word the team labels whole keeps its first letters: the project's own spans are evidence
the proclitic decision takes over the dictionary's (a name the dictionary lacks, which it
reads as و + a word)."""

from annotator.core.model import LayerKind
from annotator.core.proclitics import decide_proclitics
from annotator.services.label_all import label_all_candidates, trim_selection
from annotator.services.session import AnnotationSession
from tests.services.conftest import add_documents

# Composed for these tests. ويلسون (Wilson) is a name the dictionary lacks; its corpus reads it
# as و + a verb, so alone the decision trims its first letter.
FIRST = "قال ويلسون إن الوفد وصل."
SECOND = "التقى ويلسون بالوزير أمس، وويلسون يعود غدا."


def at(word, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def test_the_dictionary_alone_cuts_the_name():
    assert decide_proclitics("ويلسون").verdict == "trim"


def test_a_name_labelled_whole_once_keeps_its_letter_everywhere(project):
    add_documents(project, [("a", FIRST), ("b", SECOND)])
    session = AnnotationSession(project, "amal")
    name = at("ويلسون", SECOND)
    assert trim_selection(session, "b", *name, "ACTOR").start == name[0] + 1
    # The annotator labels it whole in the first article (extending the trimmed span).
    session.add_span("a", *at("ويلسون", FIRST), "ACTOR")
    kept = trim_selection(session, "b", *name, "ACTOR")
    assert (kept.start, kept.end, kept.proclitics) == (*name, None)
    # و + the name is now و + a word the project knows: trimmed as before, to the name.
    conjunction = at("وويلسون", SECOND)
    assert trim_selection(session, "b", *conjunction, "ACTOR").start == conjunction[0] + 1


def test_label_all_from_a_name_labelled_whole_proposes_it_whole(project):
    add_documents(project, [("a", FIRST), ("b", SECOND)])
    session = AnnotationSession(project, "amal")
    source = session.add_span("a", *at("ويلسون", FIRST), "ACTOR")
    candidates = label_all_candidates(session, "a", source.start, source.end, "ACTOR",
                                      scope="project")
    assert [(c.doc_id, c.text) for c in candidates] == [("b", "ويلسون"), ("b", "ويلسون")]
    assert [SECOND[c.word_start:c.start] for c in candidates] == ["", "و"]


def test_only_a_persons_or_the_gold_span_at_a_word_start_counts(project):
    add_documents(project, [("a", FIRST), ("b", SECOND)])
    name = at("ويلسون", SECOND)
    # A model's span (imports may keep proclitics) says nothing.
    model = AnnotationSession(project, "extractor", layer="pred", layer_kind=LayerKind.MODEL)
    model.add_span("a", *at("ويلسون", FIRST), "ACTOR")
    session = AnnotationSession(project, "amal")
    assert trim_selection(session, "b", *name, "ACTOR").start == name[0] + 1
    # Nor a span that begins inside a word (the name after its trimmed و).
    inside = at("ويلسون", SECOND, nth=1)
    session.add_span("b", *inside, "ACTOR")
    assert trim_selection(session, "b", *name, "ACTOR").start == name[0] + 1
    # Nor one after a ZWNJ, which joins it to the letters before (ب‌ويلسون is one word).
    joined = "جاء ب\u200cويلسون."
    add_documents(project, [("c", joined)])
    session.add_span("c", *at("ويلسون", joined), "ACTOR")
    assert trim_selection(session, "b", *name, "ACTOR").start == name[0] + 1
    # Nor a CLAIM, which keeps the letters of what it quotes whatever they are.
    session.add_span("a", at("ويلسون", FIRST)[0], len(FIRST) - 1, "CLAIM")
    assert trim_selection(session, "b", *name, "ACTOR").start == name[0] + 1
    # A gold span does.
    gold = AnnotationSession(project, "lead", layer="gold", layer_kind=LayerKind.GOLD)
    gold.add_span("a", *at("ويلسون", FIRST), "LOCATION")
    assert trim_selection(session, "b", *name, "ACTOR").start == name[0]


def test_the_same_document_is_asked_even_while_the_project_is_not(project):
    text = "وصل ويلسون أمس، ثم غادر ويلسون اليوم."
    add_documents(project, [("a", text)])
    session = AnnotationSession(project, "amal")
    session.add_span("a", *at("ويلسون", text), "ACTOR")
    second = at("ويلسون", text, nth=1)
    # The desk decides from the document alone while the search index is being brought up
    # to date: the span in the same document still counts.
    kept = trim_selection(session, "a", *second, "ACTOR", project_evidence=False)
    assert (kept.start, kept.end) == second
    # Label-all within the document proposes the name whole.
    source = session.project.spans("a", "amal")[0]
    candidates = label_all_candidates(session, "a", source.start, source.end, "ACTOR")
    assert [(c.start, c.end) for c in candidates] == [second]


def test_the_first_word_of_a_longer_span_counts_and_so_do_its_edges(project):
    text = "قال ويلسون\u00a0جونيور إن الوفد وصل، ثم ويلسون غادر، وفي قاويلسون شيء."
    add_documents(project, [("a", text)])
    session = AnnotationSession(project, "amal")
    second = at("ويلسون", text, nth=1)
    assert trim_selection(session, "a", *second, "ACTOR").start == second[0] + 1
    # A span inside a word (قاويلسون) says nothing of the word.
    session.add_span("a", *at("ويلسون", text, nth=2), "ACTOR")
    assert trim_selection(session, "a", *second, "ACTOR").start == second[0] + 1
    # A two-word name, its words apart by a no-break space, labelled from the word's start.
    first = at("ويلسون", text)
    session.add_span("a", first[0], first[1] + len("\u00a0جونيور"), "ACTOR")
    assert trim_selection(session, "a", *second, "ACTOR").start == second[0]


def test_a_span_written_with_harakat_vouches_for_the_word_without(project):
    text = "قال وِيلسون إن الوفد وصل، ثم ويلسون غادر."
    add_documents(project, [("a", text)])
    session = AnnotationSession(project, "amal")
    second = at("ويلسون", text)
    assert trim_selection(session, "a", *second, "ACTOR").start == second[0] + 1
    session.add_span("a", *at("وِيلسون", text), "ACTOR")
    assert trim_selection(session, "a", *second, "ACTOR").start == second[0]
