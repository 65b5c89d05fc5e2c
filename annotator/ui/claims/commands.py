"""What the claims panels and keys ask for: go to a span, start, re-point or remove a link,
write a note, reach the claims list or the help, and the span's link commands in the
article's context menu. Every change goes through the DeskSession."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from annotator.ui.claims.desk import ClaimsDesk


class ClaimsCommands(QObject):
    def __init__(self, hub: ClaimsDesk) -> None:
        super().__init__(hub)
        self.hub = hub

    def jump(self, span_id: str) -> None:
        view = self.hub.window.view
        if span_id in view.index:
            view.set_selected_span(span_id, reveal=True)
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_link(self, relation_name: str) -> None:
        desk, span = self.hub.desk, self.hub.window.view.selected_span()
        if desk is not None and span is not None and desk.scheme.has_relation(relation_name):
            self.hub.linking.start(desk.scheme.relation(relation_name), span)

    def relink(self, relation_id: str) -> None:
        desk, view = self.hub.desk, self.hub.window.view
        relation = self.hub.links.get(relation_id)
        head = view.index.get(relation.head) if relation else None
        if desk is None or relation is None or head is None:
            return
        if view.selected_span_id != head.id:
            view.set_selected_span(head.id, reveal=True)
        self.hub.linking.start(desk.scheme.relation(relation.type), head, relation_id)

    def unlink(self, relation_id: str) -> None:
        if self.hub.desk is not None and self.hub.window.doc_id is not None:
            self.hub.desk.unlink(self.hub.window.doc_id, relation_id)

    def edit_note(self) -> None:
        if self.hub.window.view.selected_span() is not None:
            self.hub.details_dock.show()
            self.hub.details_dock.raise_()
            self.hub.attributes.edit_note()

    def focus_claims(self) -> None:
        self.hub.claims_dock.show()
        self.hub.fill_claims()
        self.hub.claims.focus_table()

    def show_help(self) -> None:
        """F1: show the help panel (in front of its tab neighbour); F1 again hides it."""
        dock = self.hub.help_dock
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            dock.hide()
            return
        dock.show()
        dock.raise_()

    def extend_context_menu(self, menu: QMenu) -> None:
        """The selected span's link and note commands, before Copy."""
        span = self.hub.window.view.selected_span()
        if span is None:
            return
        enabled = [action for action in self.hub.actions.links.values() if action.isEnabled()]
        items = menu.actions()
        before = items[-2] if len(items) >= 2 else None  # the separator above Copy
        menu.insertSeparator(before)
        menu.insertActions(before, [*enabled, self.hub.actions.edit_note])
