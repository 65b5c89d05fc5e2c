"""Details of the article view: hover, context menu, zoom, colouring long articles, and a
span that survives the process being killed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.services.projects import open_project
from annotator.ui.shell.context_menu import build_context_menu

TEXT = "أكد المتحدث أن الطريق مفتوح أمام المدنيين.\n"


def point_of(view, position: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.units.to_utf16(position))
    left = view.cursorRect(cursor).center()
    cursor.setPosition(view.units.to_utf16(position + 1))
    right = view.cursorRect(cursor).center()
    return QPoint((left.x() + right.x()) // 2, left.y())


def test_hovering_a_span_shows_its_label_attributes_and_annotator(qtbot, make_project,
                                                                  open_desk):
    window = open_desk(make_project(TEXT)).window
    start = TEXT.index("الطريق")
    claim = window.desk.add_span(window.doc_id, start, TEXT.index("."), "CLAIM")
    window.desk.set_attribute(claim.id, "stance", "asserted")
    view = window.view
    where = point_of(view, start + 2)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, where, view.viewport().mapToGlobal(where))
    QApplication.sendEvent(view.viewport(), event)
    shown = QToolTip.text()
    assert "Claim" in shown and "Stance: Asserted" in shown and "By amal" in shown
    QToolTip.hideText()


def test_the_context_menu_labels_and_sets_a_stance(qtbot, make_project, open_desk):
    window = open_desk(make_project(TEXT)).window
    start = TEXT.index("الطريق")
    claim = window.desk.add_span(window.doc_id, start, TEXT.index("."), "CLAIM")
    window.view.set_selected_span(claim.id)
    menu = build_context_menu(window.actions_, window.editor, window.desk.scheme)
    texts = [action.text() for action in menu.actions()]
    assert "Label as Location" in texts and "&Delete span" in texts
    stance = next(a.menu() for a in menu.actions() if a.text() == "Stance")
    denied = next(a for a in stance.actions() if a.text() == "Denied")
    with qtbot.waitSignal(window.desk.spansChanged):
        denied.trigger()
    with open_project(window.desk.path) as store:
        assert store.span(claim.id).attrs == {"stance": "denied"}
    menu.deleteLater()
    # A new text selection: the menu labels it and offers nothing for the span from before.
    window.view.select_range(0, 3)
    menu = build_context_menu(window.actions_, window.editor, window.desk.scheme)
    texts = [action.text() for action in menu.actions()]
    assert "Label as Location" in texts and "&Delete span" not in texts and "Stance" not in texts
    menu.deleteLater()


def test_the_article_uses_the_shipped_arabic_font_right_to_left(qtbot, make_project,
                                                                open_desk):
    window = open_desk(make_project(TEXT)).window
    view = window.view
    assert QFontInfo(view.font()).family() == "Noto Sans Arabic"
    option = view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    # The first line of the paragraph ends at the right edge of the text area.
    line = view.document().firstBlock().layout().lineAt(0)
    text_box = line.naturalTextRect()
    assert abs(text_box.right() - (line.x() + line.width())) <= 2
    assert text_box.left() > line.x() + 2  # a short line: the space is on the left


def test_zoom_keys_change_the_article_size_and_are_remembered(qtbot, make_project,
                                                              open_desk):
    window = open_desk(make_project(TEXT)).window
    size = window.view.font().pointSize()
    qtbot.keyClick(window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSize() == size + 2
    assert window.settings.zoom == 2
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSize() == size + 1
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSize() == size and window.settings.zoom == 0


def test_a_long_article_is_coloured_on_screen_first_then_entirely(qtbot, make_project,
                                                                  open_desk):
    paragraphs = [f"فقرة {n}: قصفت طائرة مسيرة مستودعًا قرب بلدة الزهراء." for n in range(600)]
    text = "\n".join(paragraphs)
    window = open_desk(make_project(text)).window
    desk, doc = window.desk, window.doc_id
    word = "الزهراء"
    for n in (0, 599):
        start = sum(len(p) + 1 for p in paragraphs[:n]) + paragraphs[n].index(word)
        desk.add_span(doc, start, start + len(word), "LOCATION")
    window.open_document(doc)
    view = window.view
    last = view.document().lastBlock()
    assert view.highlighter.is_coloured(0)
    assert not view.highlighter.is_coloured(last.blockNumber())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.highlighter.is_coloured(last.blockNumber())  # coloured before it is painted
    assert [r.length for r in last.layout().formats()] == [len(word)]
    qtbot.waitUntil(lambda: view.colouring.finished)


def test_a_span_on_screen_survives_killing_the_process(make_project, tmp_path):
    project = make_project(TEXT)
    script = textwrap.dedent(f"""
        import os, signal
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from annotator.ui.shell.app import start
        desk = start([{str(project)!r}, "--annotator", "amal"])
        window = desk.window
        QTest.qWaitForWindowActive(window)
        window.view.select_range(0, 3)
        QTest.keyClick(window.view, Qt.Key.Key_2)
        window.view.viewport().repaint()
        assert len(window.view.index) == 1  # on screen
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAWSIM_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            timeout=60, text=True)
    assert result.returncode == -9, result.stderr
    with open_project(project) as store:
        (span,) = store.spans(next(store.document_ids()), "amal")
    assert (span.text, span.label) == ("أكد", "ACTOR")
