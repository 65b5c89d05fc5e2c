"""Label keys keep a word's own first letter, and still trim real proclitics (through the
services, in a project of its own)."""

import pytest

from annotator.services.label_all import label_all_candidates, trim_selection
from annotator.services.session import AnnotationSession
from tests.services.conftest import add_documents

# Composed for these tests. أدى normalises to ادي, the rest of وادي after a و.
VALLEY = "أدى القصف إلى أضرار في وادي النخيل قرب الحدود."
NEWS = ("قالت سوريا إن قذائف سقطت بسوريا أمس. ووصل وفد من بغداد إلى لبنان، ثم عاد الوفد، "
        "وأبحرت زوارق بحرية نحو الميناء، "
        "وبغداد ولبنان على اتصال. وقال مسؤول إن رسالة وصلت لإيران، وإن إيران ستردّ، "
        "وإن القرار يعود للتحالف لا التحالف وحده.")


@pytest.fixture
def session(project):
    add_documents(project, [("valley", VALLEY), ("news", NEWS)])
    return AnnotationSession(project, "amal")


def at(text, word):
    start = text.index(word)
    return start, start + len(word)


def test_a_valley_labelled_as_a_location_stays_whole(session):
    start, end = at(VALLEY, "وادي النخيل")
    trim = trim_selection(session, "valley", start, end, "LOCATION")
    assert (trim.start, trim.end) == (start, end)
    assert trim.proclitics is None and trim.suggestion is None
    span = session.add_span("valley", trim.start, trim.end, "LOCATION")
    assert span.text == "وادي النخيل"


@pytest.mark.parametrize(("word", "label"), [
    ("بسوريا", "LOCATION"), ("وبغداد", "LOCATION"), ("ولبنان", "LOCATION"),
    ("لإيران", "LOCATION"), ("للتحالف", "ACTOR"),
])
def test_real_proclitics_are_trimmed_as_before(session, word, label):
    start, end = at(NEWS, word)
    trim = trim_selection(session, "news", start, end, label)
    assert (trim.start, trim.end) == (start + 1, end)
    assert trim.proclitics == (start, start + 1)


def test_an_uncertain_letter_is_labelled_as_selected_and_its_trim_offered(session):
    # بحرية is 'naval' (زوارق بحرية) or ب + حرية 'freely': only the sentence tells.
    start, end = at(NEWS, "بحرية")
    trim = trim_selection(session, "news", start, end, "ACTOR")
    assert (trim.start, trim.end, trim.proclitics) == (start, end, None)
    assert trim.suggestion == (start + 1, end)
    assert trim_selection(session, "news", start, end, "CLAIM").suggestion is None  # keep


def test_label_all_finds_no_occurrence_inside_a_word_of_its_own(session):
    source = at(VALLEY, "أدى")
    candidates = label_all_candidates(session, "valley", *source, "ACTOR", scope="project")
    assert [c.text for c in candidates] == []
