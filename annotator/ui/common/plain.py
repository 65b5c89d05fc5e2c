"""Text from files, paths and users, shown as text: never as markup, never reordering the
interface around it.

Qt guesses whether a string is rich text (a label's AutoText, a tooltip, a message box): a
title "<b>x</b>" would show bold and "<img src=…>" would try to load a picture. And Unicode's
bidirectional controls in a title (U+202E, right-to-left override) reorder what follows them
on screen, the interface's own words included. So every such string goes through here:
- `shown(text)`: the embedding, override and isolate controls are dropped from what is shown
  (marks such as RLM, LRM and ALM stay: they reorder nothing around them). The stored text
  never changes. For a string shown on its own: a list cell, a choice, a menu item.
- `isolated(text)`: the same, isolated (FSI…PDI), for a string set inside the interface's own
  words ("Source: …"), so that its direction is its own business.
- `rich(text)`: isolated and escaped, for the few places that draw rich text on purpose.
- `tooltip(text)`: a tooltip that shows `text` exactly, markup characters included.
- `warn`, `ask`, `inform`: message boxes that show their text as plain text.
- `menu_text(text)`: a menu item's text, its `&` kept (not taken for a mnemonic).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.ui.common.i18n import direction

FSI, LRI, PDI, RLM = "\u2068", "\u2066", "\u2069", "\u200f"
REORDERING = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))

Button = QMessageBox.StandardButton


def shown(text: str) -> str:
    return text.translate(REORDERING)


def isolated(text: str) -> str:
    return FSI + shown(text) + PDI


def left_to_right(text: str) -> str:
    """`text` (the interface's own: figures, a shortcut) isolated as left to right, so that
    right-to-left words around it neither reorder it nor are reordered by it."""
    return LRI + text + PDI


def rich(text: str) -> str:
    return html.escape(isolated(text))


def tooltip(text: str) -> str:
    """A tooltip of `text` as it is (a tooltip with markup would be taken for rich text)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(shown(text)) + "</p>"


def menu_text(text: str) -> str:
    return shown(text).replace("&", "&&")


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: Button = Button.Ok) -> QMessageBox:
    box = QMessageBox(icon, title, in_interface_direction(text), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def in_interface_direction(text: str) -> str:
    """`text` with each line starting in the interface's direction. Qt takes a paragraph's
    direction from its first strong letter, isolates included: a right-to-left line that
    begins with a file name ("⁨amal.tawsim⁩: …") would be laid out left to right. A
    right-to-left mark, which shows nothing, starts each line in a right-to-left interface."""
    if direction() != Qt.LayoutDirection.RightToLeft:
        return text
    return "\n".join(RLM + line for line in text.split("\n"))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def inform(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """An information box, shown without waiting (it deletes itself when closed)."""
    box = message_box(parent, QMessageBox.Icon.Information, title, text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget | None, title: str, text: str, buttons: Button,
        default: Button) -> Button:
    box = message_box(parent, QMessageBox.Icon.Question, title, text, buttons)
    box.setDefaultButton(default)
    return Button(box.exec())
