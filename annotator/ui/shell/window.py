"""The annotator's desk: the article in the middle, documents and spans beside it.

The window builds the desk's context and every feature, places their panels, actions and
menus, and carries the desk from one project, layer and document to the next: each feature
is told in turn (set_session, show_scheme, show_document), so what they show is always the
same document. Features never see the window; they get the DeskContext.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent

from annotator.core.commands import Change
from annotator.core.model import Status
from annotator.services.adjudication import working_layers
from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession
from annotator.ui.common.settings import Settings
from annotator.ui.shell import docks, menus
from annotator.ui.shell.activity import ActivityClock
from annotator.ui.shell.commands import WindowCommands
from annotator.ui.shell.context_menu import build_context_menu
from annotator.ui.shell.window_parts import DeskWindowParts


class MainWindow(DeskWindowParts):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.commands = WindowCommands(self, self.context, self.actions_, self.editor,
                                       self.documents, self.documents_dock, self.recent_menu,
                                       self.open_document, self.update_actions)
        self.commands.connect_actions()
        self.clock = ActivityClock(self, lambda: settings.idle_minutes * 60, self._record_time)
        self._connect()
        self.resize(1280, 800)
        geometry, state = settings.window_state(self._mirrored)
        if geometry:
            self.restoreGeometry(geometry)
        self._sized = bool(state) and self.restoreState(state)
        self.commands.refresh_recent()
        self.update_actions()

    def _connect(self) -> None:
        c = self.commands
        c.projectRequested.connect(self.projectRequested)
        c.newProjectRequested.connect(self.newProjectRequested)
        c.languageRequested.connect(self.languageRequested)
        c.nameChanged.connect(self.nameChanged)
        self.layers.layerChosen.connect(self.layerRequested)
        self.actions_.guide.triggered.connect(self.scheme_desk.show_help)
        self.actions_.focus_spans.triggered.connect(self.spans.focus_list)
        self.context.documentRequested.connect(self.open_document)
        self.view.menuRequested.connect(self._context_menu)
        self.context.selectionChanged.connect(self.spans.show_selected)
        self.context.selectionChanged.connect(self.update_actions)
        self.view.copyAvailable.connect(self.update_actions)
        self.spans.spanChosen.connect(self._reveal_span)
        self.documents.documentChosen.connect(self.open_document)
        self.editor.message.connect(self.status.say)
        self.editor.trim_for_label = self.search_desk.policy.trim
        self.claims_desk.keys.watch(self.spans.table)
        self.claims_desk.keys.labelKeyPressed.connect(
            lambda name: self.actions_.labels[name].trigger())
        self.comparison_desk.placeWanted.connect(
            lambda: docks.place_at_the_foot(self, self.comparison_desk.dock))
        curation = self.curation_desk
        curation.placeWanted.connect(lambda: docks.place_at_the_foot(self, curation.dock))
        curation.layerWanted.connect(self.layerRequested)
        self.comparison_desk.first_walk = curation.walk  # F4 walks curation while it is open
        self.comparison_desk.first_walking = lambda: curation.walking
        curation.walkingChanged.connect(self.comparison_desk.follow_walkers)
        agreement = self.agreement_desk
        agreement.placeWanted.connect(lambda: docks.place_at_the_foot(self, agreement.dock))
        feedback = self.feedback_desk
        feedback.placeWanted.connect(lambda: docks.place_at_the_foot(self, feedback.dock))

    # -- what the desk shows ---------------------------------------------------------------

    def set_session(self, desk: DeskSession, doc_id: str | None = None) -> None:
        """Show a project: its labels, its documents, and the document to work on."""
        self.clock.show_document(None)  # the time so far goes to the project it was spent on
        self.context.show_session(desk)
        self.commands.undo_behind = None
        desk.setParent(self)
        desk.refused.connect(self.status.say)
        desk.statusChanged.connect(self._on_status)
        desk.spansChanged.connect(self._on_spans_changed)
        desk.documentsChanged.connect(self._on_documents_added)
        desk.schemeChanged.connect(self.refresh_scheme)
        self.claims_desk.set_session(desk)
        self._show_scheme(desk)
        self.documents.set_session(desk)
        self.status.show_layer(desk.layer, desk.annotator)
        self.status.show_document_counts(desk.status_counts())
        self.search_desk.set_session(desk)
        self.comparison_desk.set_session(desk)
        self.curation_desk.set_session(desk)
        self.agreement_desk.set_session(desk)
        self.feedback_desk.set_session(desk)
        self.team_desk.set_session(desk)
        self._fill_layers()
        target = doc_id or desk.resume_document(
            self.settings.last_document(desk.path, desk.layer))
        if target is not None:
            self.open_document(target)
        else:
            self._show_empty()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_scheme(self, desk: DeskSession) -> None:
        """Label keys, palette, menus, colours and panels from the project's scheme."""
        self.editor.set_session(desk)
        labels = self.actions_.build_labels(self, desk.scheme)
        self.palette.set_actions(list(labels.values()), [self.actions_.mark_done])
        self.commands.connect_labels()
        self.spans.fit_labels(desk.scheme)
        self.claims_desk.show_scheme()
        self.scheme_desk.show_scheme(desk.scheme)
        menus.fill_annotate_menu(self.annotate_menu, self.actions_, self._feature_actions())

    def _fill_layers(self) -> None:
        desk = self.desk
        if desk is not None:
            self.layers.fill(working_layers(desk.project, desk.own_layer), desk.layer,
                             desk.own_layer)

    def refresh_scheme(self) -> None:
        """The project's scheme changed: rebuild what it decides and read the document
        again, since its spans may have been renamed or removed."""
        if self.desk is None:
            return
        doc_id = self.doc_id
        self._show_scheme(self.desk)
        self.documents.model.refresh_rows()  # span counts, if spans were deleted
        if doc_id is not None:
            self.open_document(doc_id)
        else:
            self._show_empty()

    def _show_empty(self) -> None:
        self.clock.show_document(None)
        self.context.show_document(None)
        self.view.set_article("", [])
        self.view.setPlaceholderText(
            tr("This project has no articles yet. Use File › Import articles to add some."))
        self.header.clear()
        self.spans.model.clear()
        self.status.show_span_counts(None, {})
        self.claims_desk.show_document(None)
        self.search_desk.show_document()
        self.comparison_desk.show_document()
        self.curation_desk.show_document()
        self.agreement_desk.show_document()
        self.feedback_desk.show_document()
        self.update_actions()
        self._update_title()

    def open_document(self, doc_id: str) -> None:
        if self.desk is None:
            return
        annotations = self.desk.annotations(doc_id)
        self.clock.show_document(doc_id)
        self.context.show_document(doc_id)
        self.commands.undo_behind = None
        self.settings.remember_document(self.desk.path, self.desk.layer, doc_id)
        self.editor.doc_id = doc_id
        self.view.set_article(annotations.document.text, annotations.spans)
        self.spans.model.set_spans(self.desk.scheme, annotations.spans)
        self.documents.show_current(doc_id)
        self.status.show_span_counts(self.desk.scheme, self.view.index.label_counts)
        self.title_text = annotations.document.title
        self._show_status(annotations.status)
        self.claims_desk.show_document(annotations)
        self.search_desk.show_document()
        self.comparison_desk.show_document()
        self.curation_desk.show_document()
        self.agreement_desk.show_document()
        self.feedback_desk.show_document()
        self.update_actions()
        self._update_title()

    def _show_status(self, status: Status) -> None:
        if self.desk is None or self.doc_id is None:
            return
        self.header.show_document(self.title_text, self.desk.document_position(self.doc_id),
                                  self.desk.document_count(), status)
        self.actions_.mark_done.setChecked(status in (Status.DONE, Status.REVIEWED))

    def _update_title(self) -> None:
        parts = ["Tawsim"]
        if self.desk is not None:
            parts.append(self.desk.name)
        self.setWindowTitle(" — ".join(parts))

    # -- reactions -------------------------------------------------------------------------

    def _on_spans_changed(self, doc_id: str, changes: list[Change]) -> None:
        if self.desk is None or doc_id != self.doc_id:
            return
        self.view.apply_changes(changes)
        self.spans.apply_changes(changes)
        self.status.show_span_counts(self.desk.scheme, self.view.index.label_counts)
        self.update_actions()

    def _on_status(self, doc_id: str, status: str) -> None:
        if self.desk is None:
            return
        if doc_id == self.doc_id:
            self._show_status(Status(status))
        if self.documents.model.status_filter is not None:
            self.documents.apply_filter()
        else:
            self.documents.model.refresh_rows()
        self.status.show_document_counts(self.desk.status_counts())

    def _on_documents_added(self) -> None:
        if self.desk is None:
            return
        self.documents.model.reload()
        self.status.show_document_counts(self.desk.status_counts())
        self._fill_layers()  # an import may bring a layer
        if self.doc_id is None:
            target = self.desk.resume_document()
            if target is not None:
                self.open_document(target)
        else:
            self.documents.show_current(self.doc_id)
            self._show_status(self.desk.status(self.doc_id))  # "1 / N" counts the new ones

    def _reveal_span(self, span_id: str) -> None:
        span = self.view.index.get(span_id)
        if span is not None:
            self.view.set_selected_span(span_id, reveal=True)

    def _context_menu(self, where: QPoint, _character: int) -> None:
        menu = build_context_menu(self.actions_, self.editor,
                                  self.desk.scheme if self.desk is not None else None)
        self.claims_desk.extend_context_menu(menu)
        self.search_desk.extend_context_menu(menu)
        menu.exec(where)
        menu.deleteLater()

    def update_actions(self, *_args: object) -> None:
        self.actions_.follow(self.desk, self.doc_id, self.commands.undo_behind,
                             has_span=self.view.selected_span() is not None)

    def _record_time(self, doc_id: str, seconds: float) -> None:
        if self.desk is not None:
            self.desk.record_time(doc_id, seconds)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.clock.stop()
        self.search_desk.shutdown()
        self.settings.save_window_state(self._mirrored, self.saveGeometry().data(),
                                        self.saveState().data())
        super().closeEvent(event)

