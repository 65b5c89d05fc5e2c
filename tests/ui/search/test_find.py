"""Ctrl+F in the article and the project search panel, driven through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui.shell import dialogs
from tests.ui.conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier

# Composed for these tests: emoji before the hits (each one is two UTF-16 units), the word
# written with and without hamza, with harakat, and behind a proclitic.
ARTICLE = ("قالت مصادر 🚀 محلية إن خلية الإعلام الأمني 👍🏽 نشرت بيانا.\n"
           "وقال مسؤول في الاعلامِ الرسمي إن بسوريا هدوءا، وإن سوريا لم تعلق.\n")
OTHER = "نفى مصدر 🇸🇾 في الإعلام المحلي ما نشرته وسائل الاعلام عن سوريا."


def occurrences(text: str, word: str) -> list[tuple[int, int]]:
    found, start = [], text.find(word)
    while start != -1:
        found.append((start, start + len(word)))
        start = text.find(word, start + 1)
    return found


def test_ctrl_f_finds_every_spelling_at_its_code_points(qtbot, make_project, open_desk):
    window = open_desk(make_project(ARTICLE)).window
    view, bar = window.view, window.search_desk.find_bar
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and bar.field.hasFocus()
    type_text(bar.field, "الاعلام")
    finder = window.search_desk.finder
    expected = [*occurrences(ARTICLE, "الإعلام"), *occurrences(ARTICLE, "الاعلامِ")]
    assert [(h.start, h.end) for h in finder.hits] == expected
    assert [ARTICLE[s:e] for s, e in expected] == ["الإعلام", "الاعلامِ"]  # the kasra kept
    assert bar.count.text() == "1 of 2"
    assert view.selection_range() == expected[0]
    assert finder.marks.hits == expected
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert view.selection_range() == expected[1] and bar.count.text() == "2 of 2"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_range() == expected[0]
    # A word inside a word with proclitics: سوريا finds بسوريا's سوريا, at its سين.
    bar.field.clear()
    type_text(bar.field, "سوريا")
    assert [(h.start, h.end, h.proclitics) for h in finder.hits] == [
        (ARTICLE.index("بسوريا") + 1, ARTICLE.index("بسوريا") + 6, "ب"),
        (ARTICLE.index(" سوريا") + 1, ARTICLE.index(" سوريا") + 6, "")]
    # Esc closes the bar and leaves the hit selected: a label key labels it.
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.hasFocus() and finder.marks.hits == []
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, Qt.Key.Key_1)
    (span,) = view.index.values()
    assert (span.start, span.text, span.label) == (ARTICLE.index("بسوريا") + 1, "سوريا",
                                                   "LOCATION")


def test_f3_walks_the_hits_and_a_selection_becomes_the_query(qtbot, make_project, open_desk):
    window = open_desk(make_project(ARTICLE)).window
    view, bar = window.view, window.search_desk.find_bar
    start = ARTICLE.index("سوريا")
    view.select_range(start, start + len("سوريا"))
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert bar.field.text() == "سوريا"
    assert bar.count.text() == "1 of 2"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert view.selection_range()[0] == ARTICLE.index(" سوريا") + 1
    qtbot.keyClick(view, Qt.Key.Key_F3)  # wraps round
    assert view.selection_range() == (start, start + len("سوريا"))
    bar.whole_words.setChecked(True)
    assert len(window.search_desk.finder.hits) == 2  # proclitics may precede a whole word
    bar.field.setText("سوري")
    assert bar.count.text() == "No hits"


def test_the_project_search_opens_each_hit_at_its_code_points(qtbot, make_project,
                                                              open_desk):
    window = open_desk(make_project(ARTICLE, OTHER)).window
    first = window.doc_id
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.search_desk.panel
    assert window.search_desk.search_dock.isVisible() and panel.field.hasFocus()
    type_text(panel.field, "الاعلام")
    with qtbot.waitSignal(panel.model.modelReset, timeout=5000):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    hits = [row.payload for row in panel.model.rows]
    assert [(h.doc_id == first, h.text) for h in hits] == [
        (True, "الإعلام"), (True, "الاعلامِ"), (False, "الإعلام"), (False, "الاعلام")]
    qtbot.waitUntil(lambda: "4 hits shown, in 2 articles" in panel.summary.text())
    # Moving down the list opens each document with the hit selected, after the emoji too.
    panel.list.setFocus()
    for number, hit in enumerate(hits):
        panel.list.setCurrentIndex(panel.model.index(number))
        assert window.doc_id == hit.doc_id
        assert window.view.selection_range() == (hit.start, hit.end)
        assert window.view.text[hit.start:hit.end] == hit.text
    assert hits[2].start == OTHER.index("الإعلام")
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert window.view.hasFocus()
    qtbot.waitUntil(lambda: not window.search_desk.runner.busy)


def test_a_project_search_pages_and_says_when_nothing_is_found(qtbot, make_project,
                                                               open_desk, monkeypatch):
    from annotator.ui.search import project_search

    monkeypatch.setattr(project_search, "PAGE", 2)
    window = open_desk(make_project(ARTICLE, OTHER)).window
    desk = window.search_desk
    desk.open_search()
    panel = desk.panel
    panel.field.setText("الإعلام")
    with qtbot.waitSignal(panel.model.modelReset, timeout=5000):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 2 and panel.more.isVisible()
    with qtbot.waitSignal(panel.model.rowsInserted, timeout=5000):
        panel.more.click()
    assert [row.hit for row in panel.model.rows] == ["الإعلام", "الاعلامِ", "الإعلام",
                                                     "الاعلام"]
    assert not panel.more.isVisible()
    panel.field.setText("طائرات")
    with qtbot.waitSignal(panel.model.modelReset, timeout=5000):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not desk.runner.busy)
    assert panel.model.rowCount() == 0 and "No hits" in panel.summary.text()


def test_one_letter_waits_for_a_pause_and_the_shortcuts_are_listed(qtbot, make_project,
                                                                   open_desk):
    window = open_desk(make_project(ARTICLE)).window
    finder = window.search_desk.finder
    finder.open()
    type_text(window.search_desk.find_bar.field, "س")
    assert finder.hits == []  # a one-letter query matches everywhere: it waits
    qtbot.waitUntil(lambda: len(finder.hits) == ARTICLE.count("س"))
    page = dialogs.shortcuts_page(window.actions())
    for text, keys in (("Find in the article", "Ctrl+F"), ("Search the project", "Ctrl+Shift+F"),
                       ("Filter documents", "Ctrl+L"), ("Label all occurrences", "Ctrl+Shift+L"),
                       ("Show invisible characters", "Ctrl+Shift+H"),
                       ("Next disagreement", "F4")):
        assert f"<td>{text}" in page and keys in page


def test_the_index_catches_up_in_the_background_after_an_import(qtbot, make_project,
                                                                open_desk, monkeypatch,
                                                                tmp_path):
    from annotator.services.search import index_state
    from annotator.ui.search import index_keeper

    monkeypatch.setattr(index_keeper, "START_AFTER_MS", 0)
    window = open_desk(make_project(ARTICLE)).window
    hub = window.search_desk
    qtbot.waitUntil(lambda: index_state(window.desk.project).pending == 0, timeout=5000)
    qtbot.waitUntil(lambda: not hub.runner.busy)
    assert hub.keeper.ready() and not hub.index_progress.isVisible()
    folder = tmp_path / "more"
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.txt").write_text(f"{OTHER} ({number})", encoding="utf-8")
    shown = []
    hub.index_progress.bar.valueChanged.connect(lambda _: shown.append(
        hub.index_progress.isVisible()))
    window.commands.import_paths([folder])
    assert not hub.keeper.ready()  # three articles wait: labelling decides from the document
    qtbot.waitUntil(lambda: index_state(window.desk.project).pending == 0, timeout=5000)
    qtbot.waitUntil(lambda: not hub.runner.busy)
    assert True in shown and not hub.index_progress.isVisible()  # shown while it ran


def test_a_project_search_can_be_cancelled(qtbot, make_project, open_desk):
    window = open_desk(make_project(ARTICLE, OTHER)).window
    hub = window.search_desk
    hub.open_search()
    panel = hub.panel
    panel.field.setText("الاعلام")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert panel.cancel.isVisibleTo(panel) and hub.search.job is not None
    panel.cancel.click()
    assert hub.search.job is None and not panel.cancel.isVisibleTo(panel)
    assert panel.summary.text() == "Search cancelled."
    qtbot.waitUntil(lambda: not hub.runner.busy)
    assert panel.model.rowCount() == 0  # the answer to the cancelled search is dropped
