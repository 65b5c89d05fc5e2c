"""Claims on the desk: links between spans, attributes and notes, and the claims table.

It keeps the open document's links (LinkIndex) beside the article's SpanIndex and follows
every edit, undo and redo through the DeskSession's signal, so the panels, the marks over the
article and the claims table always show what is saved. Every change goes through the
DeskSession, never to the project directly. The shell places its two docks (the selected
span's details, the claims table) and calls the hooks below as projects and documents open.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMenu, QScrollArea, QVBoxLayout, QWidget

from annotator.core.commands import Change
from annotator.core.model import Annotations, Document
from annotator.services.claims import span_links
from annotator.ui.claims.actions import ClaimsActions
from annotator.ui.claims.attributes_panel import AttributesPanel
from annotator.ui.claims.link_index import LinkIndex
from annotator.ui.claims.link_marks import LinkMarks
from annotator.ui.claims.linking import LinkController
from annotator.ui.claims.links_panel import LinksPanel
from annotator.ui.claims.panel import ClaimsPanel
from annotator.ui.claims.rows import all_claim_rows, claim_row, touched_claims
from annotator.ui.claims.span_keys import SpanKeys
from annotator.ui.common.docks import panel_dock
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.session import DeskSession
from annotator.ui.context import DeskContext


class ClaimsDesk(QObject):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.view = context.view
        self.links = LinkIndex()
        self.document: Document | None = None
        self.marks = LinkMarks(self.view)
        self.linking = LinkController(context, self.marks, self.current_annotations)
        self.keys = SpanKeys(context, self.linking)
        self.attributes = AttributesPanel()
        self.link_panel = LinksPanel()
        self.details = QWidget()
        column = QVBoxLayout(self.details)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.attributes)
        column.addWidget(self.link_panel)
        column.addStretch(1)
        self.claims = ClaimsPanel()
        self.details_dock = panel_dock(context.host, tr("Selected span"), "detailsDock",
                                       _scrolling(self.details))
        self.claims_dock = panel_dock(context.host, tr("Claims"), "claimsDock", self.claims)
        self.actions = ClaimsActions(context.host)
        self._claims_stale = True
        for widget in (self.view, self.attributes):
            self.keys.watch(widget)
        self._connect()

    def _connect(self) -> None:
        self.context.selectionChanged.connect(self.show_selection)
        self.linking.message.connect(self.say)
        self.attributes.attributeChosen.connect(
            lambda span_id, name, value: self.desk and self.desk.set_attribute(span_id, name,
                                                                               value))
        self.attributes.noteCommitted.connect(
            lambda span_id, note: self.desk and self.desk.set_note(span_id, note))
        self.attributes.noteDone.connect(
            lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        self.link_panel.jumpRequested.connect(self.jump)
        self.link_panel.deleteRequested.connect(self.unlink)
        self.link_panel.changeRequested.connect(self.relink)
        self.link_panel.linkRequested.connect(self.start_link)
        self.claims.claimChosen.connect(self.jump)
        self.actions.edit_note.triggered.connect(self.edit_note)
        self.actions.focus_claims.triggered.connect(self.focus_claims)
        self.claims_dock.visibilityChanged.connect(lambda shown: shown and self.fill_claims())

    @property
    def desk(self) -> DeskSession | None:
        return self.context.session

    def say(self, message: str) -> None:
        self.context.say(message)

    # -- the shell's hooks -----------------------------------------------------------------

    def set_session(self, desk: DeskSession) -> None:
        desk.spansChanged.connect(self.apply_changes)

    def show_scheme(self) -> None:
        """The scheme is new (a project opened, or the scheme changed): rebuild what
        depends on it, before the shell refills the Annotate menu."""
        desk = self.desk
        if desk is None:
            return
        for name, action in self.actions.build_links(desk.scheme).items():
            action.triggered.connect(lambda _=False, n=name: self.start_link(n))
        self.attributes.show_span(None, None)

    def show_document(self, annotations: Annotations | None) -> None:
        self.linking.cancel(quietly=True)
        self.document = annotations.document if annotations else None
        self.links = LinkIndex(annotations.relations if annotations else ())
        self.claims.set_rows([])
        self._claims_stale = True
        if self.claims_dock.isVisible():
            QTimer.singleShot(0, self.fill_claims)  # after the article is on screen
        self.show_selection(self.view.selected_span_id or "")

    def current_annotations(self) -> Annotations | None:
        desk = self.desk
        if desk is None or self.document is None:
            return None
        return Annotations(self.document, desk.layer, spans=tuple(self.view.index.values()),
                           relations=tuple(self.links.values()))

    def apply_changes(self, doc_id: str, changes: list[Change]) -> None:
        desk, view = self.desk, self.view
        if desk is None or doc_id != self.context.doc_id or self.document is None:
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
                                            self.view.index, self.links, language()))
        self.claims.show_selected(self.view.selected_span_id or "")

    def show_selection(self, span_id: str) -> None:
        desk, view = self.desk, self.view
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

    # -- commands --------------------------------------------------------------------------

    def jump(self, span_id: str) -> None:
        if span_id in self.view.index:
            self.view.set_selected_span(span_id, reveal=True)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_link(self, relation_name: str) -> None:
        desk, span = self.desk, self.view.selected_span()
        if desk is not None and span is not None and desk.scheme.has_relation(relation_name):
            self.linking.start(desk.scheme.relation(relation_name), span)

    def relink(self, relation_id: str) -> None:
        desk, view = self.desk, self.view
        relation = self.links.get(relation_id)
        head = view.index.get(relation.head) if relation else None
        if desk is None or relation is None or head is None:
            return
        if view.selected_span_id != head.id:
            view.set_selected_span(head.id, reveal=True)
        self.linking.start(desk.scheme.relation(relation.type), head, relation_id)

    def unlink(self, relation_id: str) -> None:
        if self.desk is not None and self.context.doc_id is not None:
            self.desk.unlink(self.context.doc_id, relation_id)

    def edit_note(self) -> None:
        if self.view.selected_span() is not None:
            self.details_dock.show()
            self.details_dock.raise_()
            self.attributes.edit_note()

    def focus_claims(self) -> None:
        self.claims_dock.show()
        self.fill_claims()
        self.claims.focus_table()

    def extend_context_menu(self, menu: QMenu) -> None:
        """The selected span's link and note commands, before Copy."""
        if self.view.selected_span() is None:
            return
        enabled = [action for action in self.actions.links.values() if action.isEnabled()]
        items = menu.actions()
        before = items[-2] if len(items) >= 2 else None  # the separator above Copy
        menu.insertSeparator(before)
        menu.insertActions(before, [*enabled, self.actions.edit_note])


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area
