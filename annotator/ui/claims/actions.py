"""The claims commands as actions: one per relation type (its key shown), the note, and the
claims list.

A relation's key (S) and the attribute values' keys depend on the selected span's label and
must work on an Arabic layout too, so they are matched by SpanKeys, not as shortcuts; the
menu shows them after a tab, as Qt shows a shortcut.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from annotator.core.scheme import Scheme
from annotator.services.guidelines import tooltip
from annotator.ui.common.actions import window_action
from annotator.ui.common.i18n import language, tr


class ClaimsActions:
    def __init__(self, host: QWidget) -> None:
        a = window_action
        self.edit_note = a(host, tr("Write a &note on the span"), "F2", name="editNote")
        self.focus_claims = a(host, tr("Go to the &claims list"), "F9", name="focusClaims")
        self.links: dict[str, QAction] = {}
        self._host = host

    def build_links(self, scheme: Scheme) -> dict[str, QAction]:
        """One menu item per relation type, showing its key."""
        for action in self.links.values():
            self._host.removeAction(action)
            action.deleteLater()
        self.links = {}
        lang = language()
        for relation in scheme.relations:
            text = tr("&Link {relation}…", relation=relation.display(lang))
            action = QAction(f"{text}\t{relation.hotkey.upper()}" if relation.hotkey else text,
                             self._host)
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
        self.focus_claims.setEnabled(has_document)

    def annotate_actions(self) -> list[QAction]:
        """For the Annotate menu, after the labels: the links, the note, the claims list."""
        return [*self.links.values(), self.edit_note, self.focus_claims]
