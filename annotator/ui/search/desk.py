"""Search on the desk, attached to the main window: Ctrl+F in the article, the project search
panel, label all occurrences, the label's proclitic policy, invisible characters, and the
search index kept up to date in the background.

Every long piece of work (indexing, searching the project, label-all over the project) runs
as a background job on its own connection to the project file, one job at a time (JobRunner);
every edit goes through the window's DeskSession.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QMenu

from annotator.core.commands import Change
from annotator.ui.article.find_bar import FindBar
from annotator.ui.article.finder import ArticleFinder
from annotator.ui.article.invisibles import InvisibleMarks
from annotator.ui.common.background import JobRunner
from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession
from annotator.ui.search.actions import SearchActions
from annotator.ui.search.index_keeper import IndexKeeper, IndexProgress
from annotator.ui.search.label_all_flow import LabelAllFlow
from annotator.ui.search.panel import SearchPanel
from annotator.ui.search.proclitic_policy import ProcliticPolicy
from annotator.ui.search.project_search import ProjectSearch

if TYPE_CHECKING:
    from annotator.ui.shell.window import MainWindow


class SearchDesk(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.desk: DeskSession | None = None
        self.runner = JobRunner(self)
        self.actions = SearchActions(window)
        self.find_bar = FindBar()
        layout = window.centralWidget().layout()
        layout.addWidget(self.find_bar)  # under the article
        self.finder = ArticleFinder(window.view, self.find_bar, self)
        self.invisibles = InvisibleMarks(window.view)
        self.panel = SearchPanel()
        self.search_dock = QDockWidget(tr("Search"), window)
        self.search_dock.setObjectName("searchDock")  # saveState() finds docks by name
        self.search_dock.setWidget(self.panel)
        window.addDockWidget(window.dockWidgetArea(window.documents_dock), self.search_dock)
        window.tabifyDockWidget(window.documents_dock, self.search_dock)
        window.documents_dock.raise_()
        self.search = ProjectSearch(window, self.runner, self.panel)
        self.index_progress = IndexProgress()
        window.status.insertPermanentWidget(0, self.index_progress)
        self.keeper = IndexKeeper(self.runner, self.index_progress, self)
        self.label_all = LabelAllFlow(window, self.runner)
        self.policy = ProcliticPolicy(window, self.keeper.ready)
        self._connect()
        self._add_to_menus()
        self.invisibles.set_shown(window.settings.show_invisibles)
        self.actions.show_invisibles.setChecked(window.settings.show_invisibles)
        self.update_states()

    def _connect(self) -> None:
        a, w = self.actions, self.window
        a.find.triggered.connect(self.finder.open)
        a.find_next.triggered.connect(lambda: self.finder.step(1))
        a.find_previous.triggered.connect(lambda: self.finder.step(-1))
        a.search_project.triggered.connect(self.open_search)
        a.label_all.triggered.connect(self.label_all.start)
        a.leave_out_proclitic.triggered.connect(self.policy.take)
        a.show_invisibles.toggled.connect(self.set_invisibles)
        self.policy.suggestionChanged.connect(a.leave_out_proclitic.setEnabled)
        self.label_all.message.connect(w.status.say)
        w.view.selectedSpanChanged.connect(self.update_states)

    def _add_to_menus(self) -> None:
        bar = self.window.menuBar()
        self.actions.add_to_menus(bar.findChild(QMenu, "editMenu"),
                                  bar.findChild(QMenu, "viewMenu"))
        view = bar.findChild(QMenu, "viewMenu")
        if view is not None:
            view.addAction(self.search_dock.toggleViewAction())
        annotate = self.window.annotate_menu
        # The window refills the Annotate menu with the scheme's labels; ours go at its end.
        annotate.aboutToShow.connect(lambda: self._fill_annotate(annotate))

    def _fill_annotate(self, menu: QMenu) -> None:
        ours = self.actions.annotate_actions()
        if not set(ours) <= set(menu.actions()):
            menu.addSeparator()
            menu.addActions(ours)

    # -- the window's hooks --------------------------------------------------------------------

    def set_session(self, desk: DeskSession) -> None:
        self.desk = desk
        desk.spansChanged.connect(self._on_changes)
        desk.documentsChanged.connect(self.keeper.check)
        self.search.set_session(desk)
        self.keeper.set_session(desk)
        self.policy.set_session(desk)
        self.update_states()

    def show_document(self) -> None:
        """The window shows another article (or none)."""
        self.finder.show_document()
        self.update_states()

    def extend_context_menu(self, menu: QMenu) -> None:
        if self.window.view.selected_span() is not None:
            menu.addSeparator()
            menu.addAction(self.actions.label_all)

    def shutdown(self) -> None:
        """The window closes: stop the background work and wait for it."""
        self.keeper.stop()
        self.runner.shutdown()

    # -- commands ------------------------------------------------------------------------------

    def open_search(self) -> None:
        """Ctrl+Shift+F: the search panel with the focus in its field (a short selection in
        the article becomes the query)."""
        view = self.window.view
        start, end = view.selection_range()
        selected = view.text[start:end]
        if start < end and "\n" not in selected and len(selected) <= 80:
            self.panel.field.setText(selected)
        self.search_dock.show()
        self.search_dock.raise_()
        self.panel.focus_query()

    def set_invisibles(self, shown: bool) -> None:
        self.invisibles.set_shown(shown)
        self.window.settings.show_invisibles = shown

    def update_states(self, *_args: object) -> None:
        w = self.window
        self.actions.update_states(has_project=w.desk is not None,
                                   has_document=w.doc_id is not None,
                                   has_span=w.view.selected_span() is not None)

    def _on_changes(self, doc_id: str, changes: list[Change]) -> None:
        # The window keeps the open document's count; label-all also edits other documents.
        if doc_id != self.window.doc_id:
            self.window.documents.model.count_spans(doc_id, changes)
