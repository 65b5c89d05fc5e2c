"""A name the dictionary lacks, labelled whole once at the desk, keeps its first letter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.article.test_labelling import select_words_from, stored_spans

# Composed for this test: ويلسون (Wilson) begins both paragraphs; the dictionary's corpus
# reads it as و + a verb, so an ACTOR label key trims its first letter.
ARTICLE = "ويلسون قال إن الوفد وصل أمس.\nويلسون غادر اليوم.\n"
NAME = "ويلسون"


def stored(project):
    return [(s.start, s.end, s.text) for s in stored_spans(project)]


def test_a_name_widened_once_is_labelled_whole_the_next_time(qtbot, make_project, open_desk):
    project = make_project(ARTICLE)
    window = open_desk(project).window
    view = window.view
    select_words_from(qtbot, view, block=0, words=1)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_2)
    assert stored(project) == [(1, len(NAME), NAME[1:])]
    # The annotator gives the name its letter back: Alt+Right extends the start (the right
    # edge in right-to-left text).
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert stored(project) == [(0, len(NAME), NAME)]
    # The next time the key keeps it whole.
    second = ARTICLE.index(NAME, 1)
    select_words_from(qtbot, view, block=1, words=1)
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_2)
    assert stored(project) == [(0, len(NAME), NAME), (second, second + len(NAME), NAME)]
