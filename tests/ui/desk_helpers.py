"""Shared steps of the claims desk tests: marking spans as a user does, reading the layer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core.model import relation_as_dict, span_as_dict
from annotator.services.projects import open_project
from tests.scheme_texts import at


def mark(qtbot, window, words: str, key: Qt.Key, occurrence: int = 0):
    """Select `words` in the article and press a label key; returns the new span."""
    view = window.view
    view.setFocus()
    view.select_range(*at(view.text, words, occurrence))
    with qtbot.waitSignal(window.desk.spansChanged):
        qtbot.keyClick(view, key)
    span = view.selected_span()
    assert span is not None and span.text == words
    return span


def point_of(view, position: int) -> QPoint:
    """The middle of the character at code point `position`, in viewport pixels."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.units.to_utf16(position))
    left = view.cursorRect(cursor)
    cursor.setPosition(view.units.to_utf16(position + 1))
    right = view.cursorRect(cursor)
    point = left.center()
    point.setX((left.center().x() + right.center().x()) // 2)
    return point


def click_words(qtbot, view, words: str) -> None:
    start = at(view.text, words)[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=point_of(view, start + len(words) // 2))


def press(qtbot, widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifiers)


def layer_state(project_path, doc_id: str, layer: str = "amal"):
    """The layer as stored: spans and relations as plain data, sorted."""
    with open_project(project_path) as store:
        annotations = store.annotations(doc_id, layer)
        spans = sorted((span_as_dict(s) for s in annotations.spans), key=lambda d: d["id"])
        relations = sorted((relation_as_dict(r) for r in annotations.relations),
                           key=lambda d: d["id"])
    return spans, relations


def visible(text: str) -> str:
    """What a user reads in `text`: the isolates (FSI…PDI) the desk puts around names and
    article text inside its own words are invisible."""
    return text.replace("\u2068", "").replace("\u2069", "")
