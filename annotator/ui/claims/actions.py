"""The claims commands as actions: link keys in the Annotate menu, the note, the claims list,
and the scheme (edit, load a file, save to a file).

A relation's key (S) and the attribute values' keys depend on the selected span's label and
must work on an Arabic layout too, so they are matched by SpanKeys, not as shortcuts; the
menu shows them after a tab, as Qt shows a shortcut.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from annotator.core.scheme import Scheme
from annotator.services.guidelines import tooltip
from annotator.ui.common.i18n import language, tr


def _action(window: QWidget, text: str, shortcut: str = "", name: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    window.addAction(action)
    return action


class ClaimsActions:
    def __init__(self, window: QWidget) -> None:
        a = _action
        self.edit_scheme = a(window, tr("&Edit the scheme…"), name="editScheme")
        self.load_scheme = a(window, tr("&Load a scheme file…"), name="loadScheme")
        self.save_scheme = a(window, tr("&Save the scheme to a file…"), name="saveScheme")
        self.edit_note = a(window, tr("Write a &note on the span"), "F2", name="editNote")
        self.focus_claims = a(window, tr("Go to the &claims list"), "F9", name="focusClaims")
        self.links: dict[str, QAction] = {}
        self._window = window

    def build_links(self, scheme: Scheme) -> dict[str, QAction]:
        """One menu item per relation type, showing its key."""
        for action in self.links.values():
            self._window.removeAction(action)
            action.deleteLater()
        self.links = {}
        lang = language()
        for relation in scheme.relations:
            text = tr("&Link {relation}…", relation=relation.display(lang))
            action = QAction(f"{text}\t{relation.hotkey.upper()}" if relation.hotkey else text,
                             self._window)
            action.setObjectName(f"link{relation.name.title()}")
            action.setToolTip(tooltip(scheme, relation.name, lang))
            self.links[relation.name] = action
        return self.links

    def update_states(self, *, has_document: bool, label: str | None,
                      scheme: Scheme | None) -> None:
        """Enable what the selected span (of `label`) allows."""
        self.edit_note.setEnabled(label is not None)
        starts = {r.name for r in scheme.relations_from(label)} \
            if scheme is not None and label is not None and scheme.has_label(label) else set()
        for name, action in self.links.items():
            action.setEnabled(name in starts)
        for action in (self.edit_scheme, self.load_scheme, self.save_scheme):
            action.setEnabled(scheme is not None)
        self.focus_claims.setEnabled(has_document)

    def fill_menu(self, menu: QMenu) -> None:
        """Append to the Annotate menu (which the window has just refilled)."""
        menu.addSeparator()
        menu.addActions(list(self.links.values()))
        menu.addAction(self.edit_note)
        menu.addAction(self.focus_claims)
        menu.addSeparator()
        scheme = menu.addMenu(tr("The &scheme"))
        scheme.setObjectName("schemeMenu")
        scheme.addActions([self.edit_scheme, self.load_scheme, self.save_scheme])
