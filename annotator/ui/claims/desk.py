"""Claims on the desk: links between spans, attributes and notes, the claims table, the help
and the scheme, attached to the main window.

It keeps the open document's links (LinkIndex) beside the window's SpanIndex and follows
every edit, undo and redo through the DeskSession's signal, so the panels, the marks over the
article and the claims table always show what is saved. Every change goes through the
DeskSession, never to the project directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from annotator.core.commands import Change
from annotator.core.model import Annotations, Document
from annotator.services.claims import span_links
from annotator.ui.claims.actions import ClaimsActions
from annotator.ui.claims.attributes_panel import AttributesPanel
from annotator.ui.claims.commands import ClaimsCommands
from annotator.ui.claims.link_index import LinkIndex
from annotator.ui.claims.link_marks import LinkMarks
from annotator.ui.claims.linking import LinkController
from annotator.ui.claims.links_panel import LinksPanel
from annotator.ui.claims.panel import ClaimsPanel
from annotator.ui.claims.rows import all_claim_rows, claim_row, touched_claims
from annotator.ui.claims.span_keys import SpanKeys
from annotator.ui.common.i18n import language
from annotator.ui.common.session import DeskSession
from annotator.ui.scheme.commands import SchemeCommands
from annotator.ui.scheme.help_panel import HelpPanel
from annotator.ui.shell.claims_docks import add_claim_docks, size_claim_docks

if TYPE_CHECKING:
    from annotator.ui.shell.window import MainWindow


class ClaimsDesk(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.links = LinkIndex()
        self.document: Document | None = None
        self.marks = LinkMarks(window.view)
        self.linking = LinkController(self)
        self.keys = SpanKeys(self)
        self.attributes = AttributesPanel()
        self.link_panel = LinksPanel()
        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.attributes)
        column.addWidget(self.link_panel)
        column.addStretch(1)
        self.claims = ClaimsPanel()
        self.help = HelpPanel()
        self.details_dock, self.claims_dock, self.help_dock = add_claim_docks(
            window, window.spans_dock, details, self.claims, self.help)
        self.actions = ClaimsActions(window)
        self.scheme = SchemeCommands(self)
        self.commands = ClaimsCommands(self)
        self._claims_stale = True
        for widget in (window.view, self.attributes, window.spans.table):
            self.keys.watch(widget)
        self._connect()

    def _connect(self) -> None:
        w, a = self.window, self.actions
        w.view.selectedSpanChanged.connect(self.show_selection)
        self.linking.message.connect(self.say)
        self.attributes.attributeChosen.connect(
            lambda span_id, name, value: self.desk and self.desk.set_attribute(span_id, name,
                                                                               value))
        self.attributes.noteCommitted.connect(
            lambda span_id, note: self.desk and self.desk.set_note(span_id, note))
        self.attributes.noteDone.connect(
            lambda: w.view.setFocus(Qt.FocusReason.OtherFocusReason))
        c = self.commands
        self.link_panel.jumpRequested.connect(c.jump)
        self.link_panel.deleteRequested.connect(c.unlink)
        self.link_panel.changeRequested.connect(c.relink)
        self.link_panel.linkRequested.connect(c.start_link)
        self.claims.claimChosen.connect(c.jump)
        self.claims_dock.visibilityChanged.connect(lambda shown: shown and self.fill_claims())
        a.edit_note.triggered.connect(c.edit_note)
        a.focus_claims.triggered.connect(c.focus_claims)

    def panel_actions(self) -> list[QAction]:
        return [dock.toggleViewAction() for dock in (self.details_dock, self.claims_dock,
                                                     self.help_dock)]

    @property
    def desk(self) -> DeskSession | None:
        return self.window.desk

    def say(self, message: str) -> None:
        self.window.status.say(message)

    # -- following the window --------------------------------------------------------------

    def set_session(self, desk: DeskSession) -> None:
        desk.spansChanged.connect(self.apply_changes)
        self.scheme.follow(desk)

    def show_scheme(self, menu: QMenu) -> None:
        """The scheme is new (a project opened, or the scheme changed): rebuild what
        depends on it; `menu` is the Annotate menu, just refilled by the window."""
        desk = self.desk
        if desk is None:
            return
        for name, action in self.actions.build_links(desk.scheme).items():
            action.triggered.connect(lambda _=False, n=name: self.commands.start_link(n))
        self.actions.fill_menu(menu)
        self.help.show_scheme(desk.scheme)
        self.attributes.show_span(None, None)

    def show_document(self, annotations: Annotations | None) -> None:
        self.linking.cancel(quietly=True)
        self.document = annotations.document if annotations else None
        self.links = LinkIndex(annotations.relations if annotations else ())
        self.claims.set_rows([])
        self._claims_stale = True
        if self.claims_dock.isVisible():
            QTimer.singleShot(0, self.fill_claims)  # after the article is on screen
        self.show_selection(self.window.view.selected_span_id or "")

    def current_annotations(self) -> Annotations | None:
        desk, view = self.desk, self.window.view
        if desk is None or self.document is None:
            return None
        return Annotations(self.document, desk.layer, spans=tuple(view.index.values()),
                           relations=tuple(self.links.values()))

    def apply_changes(self, doc_id: str, changes: list[Change]) -> None:
        desk, view = self.desk, self.window.view
        if desk is None or doc_id != self.window.doc_id or self.document is None:
            return
        self.links.apply_changes(changes)
        mode = self.linking.mode
        if mode is not None:
            head = view.index.get(mode.head.id)
            if head is None or head.label != mode.head.label:
                self.linking.cancel(quietly=True)
        roles = desk.scheme.claim_roles
        if roles is not None and not self._claims_stale:
            for span_id in touched_claims(changes, view.index, self.links, roles.label):
                span = view.index.get(span_id)
                row = claim_row(desk.scheme, self.document, desk.layer, view.index, self.links,
                                span, language()) if span and span.label == roles.label \
                    else None
                if row is None:
                    self.claims.model.remove(span_id)
                else:
                    self.claims.model.put(row)
        self.show_selection(view.selected_span_id or "")

    def fill_claims(self) -> None:
        desk = self.desk
        if desk is None or self.document is None or not self._claims_stale:
            return
        self._claims_stale = False
        self.claims.set_rows(all_claim_rows(desk.scheme, self.document, desk.layer,
                                            self.window.view.index, self.links, language()))
        self.claims.show_selected(self.window.view.selected_span_id or "")

    def show_selection(self, span_id: str) -> None:
        desk, view = self.desk, self.window.view
        span = view.index.get(span_id) if span_id else None
        mode = self.linking.mode
        if mode is not None and (span is None or span.id != mode.head.id):
            self.linking.cancel(quietly=True)
        scheme = desk.scheme if desk is not None else None
        relations = self.links.of_span(span.id) if span is not None else []
        linked = []
        if span is not None and scheme is not None and self.document is not None:
            ends = {span.id: span}
            for relation in relations:
                for end in (relation.head, relation.tail):
                    if (other := view.index.get(end)) is not None:
                        ends[end] = other
            linked = span_links(scheme, Annotations(self.document, desk.layer,
                                                    spans=tuple(ends.values()),
                                                    relations=tuple(relations)),
                                span.id, language())
        self.attributes.show_span(scheme, span)
        self.link_panel.show_links(scheme, span, linked)
        self.marks.show_links({link.span_id for link in linked},
                              [(r.head, r.tail) for r in relations])
        self.claims.show_selected(span_id)
        self.actions.update_states(has_document=self.document is not None,
                                   label=span.label if span else None, scheme=scheme)

    def size_docks(self) -> None:
        size_claim_docks(self.window, self.window.spans_dock, self.details_dock,
                         self.claims_dock)
