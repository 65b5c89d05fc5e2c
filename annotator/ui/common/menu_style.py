"""Shortcuts in menus read left to right in the Arabic interface too.

A menu item's text carries its shortcut after a tab ("Zoom in\tCtrl++"). Laid out right to
left, the bidirectional algorithm moves the trailing "+" of "Ctrl++" to the front ("++Ctrl")
and reverses "Alt+Down" once Qt's Arabic names the key. Drawing the shortcut inside a
left-to-right isolate (U+2066 … U+2069) keeps it as written; the label before the tab keeps
the interface's direction.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionMenuItem,
    QWidget,
)

from annotator.ui.common.plain import LRI, left_to_right


def isolate_shortcut(text: str) -> str:
    """A menu item's text with the part after the tab (its shortcut) isolated as LTR."""
    label, tab, shortcut = text.partition("\t")
    if not tab or not shortcut or shortcut.startswith(LRI):
        return text
    return f"{label}\t{left_to_right(shortcut)}"


class ShortcutStyle(QProxyStyle):
    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,  # Qt's name
                    painter: QPainter, widget: QWidget | None = None) -> None:
        if element == QStyle.ControlElement.CE_MenuItem and \
                isinstance(option, QStyleOptionMenuItem) and "\t" in option.text:
            option = QStyleOptionMenuItem(option)
            option.text = isolate_shortcut(option.text)
        super().drawControl(element, option, painter, widget)


def install(app: QApplication) -> None:
    """Wrap the application's style once (starting the desk again keeps the wrapper)."""
    if not isinstance(app.style(), ShortcutStyle):
        app.setStyle(ShortcutStyle(app.style().name()))
