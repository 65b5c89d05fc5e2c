"""The annotator's desk: the article in the middle, documents and spans beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from annotator.core.commands import Change
from annotator.core.model import Status
from annotator.ui.article.editing import EditController
from annotator.ui.article.view import ArticleView
from annotator.ui.claims.desk import ClaimsDesk
from annotator.ui.common.i18n import direction, tr
from annotator.ui.common.session import DeskSession
from annotator.ui.common.settings import Settings
from annotator.ui.compare.desk import ComparisonDesk
from annotator.ui.documents.panel import DocumentPanel
from annotator.ui.search.desk import SearchDesk
from annotator.ui.shell import dialogs
from annotator.ui.shell.actions import DeskActions
from annotator.ui.shell.commands import WindowCommands
from annotator.ui.shell.context_menu import build_context_menu
from annotator.ui.shell.docks import add_side_docks, widen_docks
from annotator.ui.shell.header import DocumentHeader
from annotator.ui.shell.menus import build_menus, fill_annotate_menu
from annotator.ui.shell.palette import LabelPalette
from annotator.ui.shell.status_bar import DeskStatusBar
from annotator.ui.spans.panel import SpanPanel


class MainWindow(QMainWindow):
    projectRequested = Signal(str)
    newProjectRequested = Signal(str)
    languageRequested = Signal(str)
    layerRequested = Signal(str)  # View › Working layer

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setLayoutDirection(direction())
        self.settings = settings
        self.desk: DeskSession | None = None
        self.doc_id: str | None = None
        self.undo_behind: str | None = None  # the document Done has just left
        self.title_text = ""
        self.actions_ = DeskActions(self)
        self.view = ArticleView()
        self.view.set_zoom(settings.zoom)
        self.editor = EditController(self.view, self)
        self.editor.snap_to_words = settings.snap_to_words
        self.header = DocumentHeader()
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.view, 1)
        self.setCentralWidget(centre)
        self.palette = LabelPalette(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.palette)
        self.documents = DocumentPanel()
        self.spans = SpanPanel()
        self.documents_dock, self.spans_dock = add_side_docks(self, self.documents, self.spans)
        self.claims_desk = ClaimsDesk(self)
        self.status = DeskStatusBar(self)
        self.setStatusBar(self.status)
        self.recent_menu, self.annotate_menu = build_menus(
            self, self.actions_, [self.documents_dock.toggleViewAction(),
                                  self.spans_dock.toggleViewAction(),
                                  *self.claims_desk.panel_actions()])
        self.commands = WindowCommands(self)
        self.commands.connect_actions()
        self.search_desk = SearchDesk(self)
        self.comparison_desk = ComparisonDesk(self)
        self.view.menuRequested.connect(self._context_menu)
        self.view.selectedSpanChanged.connect(self.spans.show_selected)
        self.view.selectedSpanChanged.connect(self.update_actions)
        self.view.copyAvailable.connect(self.update_actions)
        self.spans.spanChosen.connect(self._reveal_span)
        self.documents.documentChosen.connect(self.open_document)
        self.editor.message.connect(self.status.say)
        self.resize(1280, 800)
        geometry, state = settings.window_state(self._mirrored)
        if geometry:
            self.restoreGeometry(geometry)
        self._sized = bool(state) and self.restoreState(state)
        self.commands.refresh_recent()
        self.update_actions()

    # -- the project -----------------------------------------------------------------------

    def set_session(self, desk: DeskSession, doc_id: str | None = None) -> None:
        """Show a project: its labels, its documents, and the document to work on."""
        self.desk = desk
        self.doc_id = self.undo_behind = None
        desk.setParent(self)
        desk.refused.connect(self.status.say)
        desk.statusChanged.connect(self._on_status)
        desk.spansChanged.connect(self._on_spans_changed)
        desk.documentsChanged.connect(self._on_documents_added)
        self.claims_desk.set_session(desk)
        self._show_scheme(desk)
        self.documents.set_session(desk)
        self.status.show_layer(desk.layer)
        self.status.show_document_counts(desk.status_counts())
        self.search_desk.set_session(desk)
        self.comparison_desk.set_session(desk)
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
        fill_annotate_menu(self.annotate_menu, self.actions_)
        self.commands.connect_labels()
        self.spans.fit_labels(desk.scheme)
        self.claims_desk.show_scheme(self.annotate_menu)

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
        self.view.set_article("", [])
        self.view.setPlaceholderText(
            tr("This project has no articles yet. Use File › Import articles to add some."))
        self.header.clear()
        self.spans.model.clear()
        self.status.show_span_counts(None, {})
        self.claims_desk.show_document(None)
        self.search_desk.show_document()
        self.comparison_desk.show_document()
        self.update_actions()
        self._update_title()

    def open_document(self, doc_id: str) -> None:
        if self.desk is None:
            return
        annotations = self.desk.annotations(doc_id)
        self.doc_id = doc_id
        self.undo_behind = None
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
        self.documents.model.count_spans(doc_id, changes)
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
        menu = build_context_menu(self)
        self.claims_desk.commands.extend_context_menu(menu)
        self.search_desk.extend_context_menu(menu)
        menu.exec(where)
        menu.deleteLater()

    def update_actions(self, *_args: object) -> None:
        undo_step, redo_step = self.desk.undo_steps(self.doc_id) \
            if self.desk is not None and self.doc_id else (None, None)
        if undo_step is None and self.undo_behind is not None and self.desk is not None:
            undo_step = self.desk.undo_steps(self.undo_behind)[0]
        self.actions_.update_states(has_project=self.desk is not None,
                                    has_document=self.doc_id is not None,
                                    has_span=self.view.selected_span() is not None,
                                    undo_step=undo_step, redo_step=redo_step,
                                    scheme=self.desk.scheme if self.desk else None)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            widen_docks(self, (self.documents_dock, self.spans_dock))
            self.claims_desk.size_docks()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.search_desk.shutdown()
        self.settings.save_window_state(self._mirrored, self.saveGeometry().data(),
                                        self.saveState().data())
        super().closeEvent(event)

    @property
    def _mirrored(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def recent_folder(self) -> Path:
        return self.desk.path.parent if self.desk is not None else Path.home()

    def show_shortcuts(self) -> None:
        dialogs.show_text(self, tr("Keyboard shortcuts"),
                          dialogs.shortcuts_page(self.actions()))
