"""Label all occurrences, the labels' proclitic policies, and invisible characters shown
without moving an offset: driven through the real widgets, checked in the project file."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from annotator.core.datafiles import schema_file
from annotator.services.importing import import_paths
from annotator.services.projects import init_project, open_project

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier

# Composed for these tests: سوريا alone, behind ب, و and ل, in a longer word, and an emoji.
ARTICLE = ("أكدت مصادر 🚀 أن سوريا ردت، وسقطت قذائف بسوريا أمس. "
           "وقال مسؤول إن لسوريا حق الرد وسوريا لن تسكت، والسوريون غاضبون.")
OTHER = "وصلت قافلة إلى سوريا، وغادرت بسوريا نحو الحدود."


def spans_in(project, doc_index=0, layer="amal"):
    with open_project(project) as store:
        doc_id = list(store.document_ids())[doc_index]
        return sorted((s.start, s.end, s.text, s.label) for s in store.spans(doc_id, layer))


def label_first_syria(qtbot, window):
    start = ARTICLE.index("سوريا")
    window.view.select_range(start, start + len("سوريا"))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_1)
    return window.view.selected_span()


def test_label_all_from_a_location_covers_syria_without_its_proclitic(qtbot, make_project,
                                                                      open_desk):
    project = make_project(ARTICLE)
    window = open_desk(project).window
    source = label_first_syria(qtbot, window)
    qtbot.keyClick(window.view, Qt.Key.Key_L, CTRL_SHIFT)
    dialog = window.search_desk.label_all.dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.model.rows
    assert [row.hit for row in rows] == ["سوريا", "سوريا", "سوريا"]
    behind = [ARTICLE[r.payload.word_start:r.payload.start] for r in rows]
    assert behind == ["ب", "ل", "و"]  # والسوريون is another word: not offered
    with qtbot.waitSignal(window.desk.spansChanged):
        dialog.checked.click()
    assert not dialog.isVisible()
    stored = spans_in(project)
    assert [(text, label) for _, _, text, label in stored] == [("سوريا", "LOCATION")] * 4
    assert all(ARTICLE[start:end] == "سوريا" for start, end, _, _ in stored)
    assert "3" in window.status.currentMessage()
    # One undo takes all three back and leaves the span label-all started from.
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert spans_in(project) == [(source.start, source.end, "سوريا", "LOCATION")]
    assert len(window.view.index) == 1
    # Twice in a row: the second run offers nothing it already made.
    window.view.set_selected_span(source.id)
    window.search_desk.label_all.start()
    window.search_desk.label_all.dialog.checked.click()
    window.view.set_selected_span(source.id)
    window.search_desk.label_all.start()
    dialog = window.search_desk.label_all.dialog
    assert dialog.model.rowCount() == 0 and not dialog.checked.isEnabled()
    assert len(spans_in(project)) == 4
    dialog.reject()


def test_label_all_one_by_one_and_over_the_project(qtbot, make_project, open_desk):
    project = make_project(ARTICLE, OTHER)
    window = open_desk(project).window
    label_first_syria(qtbot, window)
    flow = window.search_desk.label_all
    flow.start()
    dialog = flow.dialog
    dialog.list.setCurrentIndex(dialog.model.index(1))
    with qtbot.waitSignal(window.desk.spansChanged):
        dialog.one.click()  # the one behind ل, on its own
    assert dialog.model.rowCount() == 2
    assert [t for _, _, t, _ in spans_in(project)] == ["سوريا", "سوريا"]
    with qtbot.waitSignal(dialog.model.modelReset, timeout=5000):
        dialog.scope.setCurrentIndex(dialog.scope.findData("project"))
    rows = dialog.model.rows
    assert [(r.payload.doc_id == window.doc_id, r.hit) for r in rows] == [
        (True, "سوريا"), (True, "سوريا"), (False, "سوريا"), (False, "سوريا")]
    assert all(row.where for row in rows)  # each row names its document
    dialog.model.setData(dialog.model.index(0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    dialog.checked.click()
    qtbot.waitUntil(lambda: not window.search_desk.runner.busy)
    assert len(spans_in(project, 0)) == 3
    assert [OTHER[s:e] for s, e, _, _ in spans_in(project, 1)] == ["سوريا", "سوريا"]
    assert window.documents.model.data(window.documents.model.index(1, 2)) == 2


def test_a_trim_label_leaves_the_proclitic_out_when_labelling(qtbot, make_project, open_desk):
    project = make_project(ARTICLE)
    window = open_desk(project).window
    word = ARTICLE.index("بسوريا")
    window.view.select_range(word, word + len("بسوريا"))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_1)  # LOCATION: "trim"
    window.view.select_range(word, word + len("بسوريا"))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_4)  # CLAIM: "keep"
    assert spans_in(project) == [(word, word + 6, "بسوريا", "CLAIM"),
                                 (word + 1, word + 6, "سوريا", "LOCATION")]


def suggesting_project(tmp_path, *texts):
    """A project whose LOCATION label only suggests leaving proclitics out."""
    source = json.loads(schema_file("scheme.default.json").read_text("utf-8"))
    for label in source["labels"]:
        if label["name"] == "LOCATION":
            label["proclitics"] = "suggest"
    scheme_file = tmp_path / "suggest.json"
    scheme_file.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "texts"
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "suggest.tawsim"
    store = init_project(path, scheme_file)
    import_paths(store, [folder], actor="setup")
    store.close()
    return path


def test_a_suggest_label_offers_the_trim_and_ctrl_t_takes_it_in_one_step(qtbot, tmp_path,
                                                                        open_desk):
    project = suggesting_project(tmp_path, ARTICLE)
    window = open_desk(project).window
    word = ARTICLE.index("بسوريا")
    window.view.select_range(word, word + len("بسوريا"))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert spans_in(project) == [(word, word + 6, "بسوريا", "LOCATION")]
    assert "Ctrl+T" in window.status.currentMessage()
    take = window.search_desk.actions.leave_out_proclitic
    assert take.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_T, CTRL)
    assert spans_in(project) == [(word + 1, word + 6, "سوريا", "LOCATION")]
    assert not take.isEnabled()
    assert window.view.selected_span().text == "سوريا"
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert spans_in(project) == []  # labelling and trimming were one step
    assert not window.actions_.undo.isEnabled()


def test_showing_invisible_characters_moves_no_offset(qtbot, make_project, open_desk):
    text = "قال\u00a0المتحدث إن \u200fالقصف 🚀 استمر\u200c ساعة في بلدة الزهراء.\n"
    project = make_project(text)
    window = open_desk(project).window
    view = window.view
    units = view.document().characterCount()
    word = text.index("الزهراء")
    plain = view.grab().toImage()
    window.search_desk.actions.show_invisibles.setChecked(True)
    assert view.grab().toImage() != plain  # the marks are painted over the text
    made = []
    for shown in (False, True):
        view.set_selected_span(None)
        window.search_desk.actions.show_invisibles.setChecked(shown)
        assert window.search_desk.invisibles.shown is shown
        view.viewport().repaint()
        assert view.document().characterCount() == units
        assert view.units.to_utf16(word) == word + 1  # one emoji before it
        view.select_range(word, word + len("الزهراء"))
        assert view.selection_range() == (word, word + len("الزهراء"))
        with qtbot.waitSignal(window.desk.spansChanged):
            qtbot.keyClick(view, Qt.Key.Key_1)
        made += spans_in(project)
        with qtbot.waitSignal(window.desk.spansChanged):
            qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert made == [(word, word + 7, "الزهراء", "LOCATION")] * 2
    assert window.settings.show_invisibles
    assert view.text == text
