"""Making a command of the desk: a QAction with its shortcuts, owned by the window.

Every feature builds its actions this way, so a shortcut works wherever the focus is in the
window, and Help › Keyboard shortcuts lists it with the others.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def window_action(host: QWidget, text: str, *shortcuts: str, name: str = "",
                  checkable: bool = False) -> QAction:
    # Shortcuts are spelled out rather than taken from QKeySequence.StandardKey: the standard
    # ones vary by platform theme (the offscreen one has no Quit key at all).
    action = QAction(text, host)
    if name:
        action.setObjectName(name)
    if shortcuts:
        action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
    action.setCheckable(checkable)
    host.addAction(action)  # the shortcut works even when no menu shows the action
    return action
