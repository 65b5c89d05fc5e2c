"""Search on the desk: Ctrl+F in the article, the project search panel, label all
occurrences, the label's proclitic policy, invisible characters, and the search index kept up
to date in the background.

Every long piece of work (indexing, searching the project, label-all over the project) runs
as a background job on its own connection to the project file, one job at a time (the
context's JobRunner); every edit goes through the DeskSession. The shell places the find bar
under the article, the search panel's dock beside the documents, the indexing progress in
the status bar and the actions in the menus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from annotator.ui.article.find_bar import FindBar
from annotator.ui.article.finder import ArticleFinder
from annotator.ui.article.invisibles import InvisibleMarks
from annotator.ui.common.docks import panel_dock
from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession
from annotator.ui.context import DeskContext
from annotator.ui.search.actions import SearchActions
from annotator.ui.search.index_keeper import IndexKeeper, IndexProgress
from annotator.ui.search.label_all_flow import LabelAllFlow
from annotator.ui.search.lexicon_keeper import LexiconKeeper
from annotator.ui.search.panel import SearchPanel
from annotator.ui.search.proclitic_policy import ProcliticPolicy
from annotator.ui.search.project_search import ProjectSearch


class SearchDesk(QObject):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.view = context.view
        self.desk: DeskSession | None = None
        self.runner = context.runner
        self.actions = SearchActions(context.host)
        self.find_bar = FindBar()
        self.finder = ArticleFinder(self.view, self.find_bar, self)
        self.invisibles = InvisibleMarks(self.view)
        self.panel = SearchPanel()
        self.search_dock = panel_dock(context.host, tr("Search"), "searchDock", self.panel,
                                      floatable=True)
        self.search = ProjectSearch(context, self.panel)
        self.index_progress = IndexProgress()
        self.keeper = IndexKeeper(self.runner, self.index_progress, self)
        self.label_all = LabelAllFlow(context)
        self.policy = ProcliticPolicy(context, self.keeper.ready)
        self.lexicon = LexiconKeeper(context)
        self._connect()
        self.invisibles.set_shown(context.settings.show_invisibles)
        self.actions.show_invisibles.setChecked(context.settings.show_invisibles)
        self.update_states()

    def _connect(self) -> None:
        a = self.actions
        a.find.triggered.connect(self.finder.open)
        a.find_next.triggered.connect(lambda: self.finder.step(1))
        a.find_previous.triggered.connect(lambda: self.finder.step(-1))
        a.search_project.triggered.connect(self.open_search)
        a.label_all.triggered.connect(self.label_all.start)
        a.leave_out_proclitic.triggered.connect(self.policy.take)
        a.show_invisibles.toggled.connect(self.set_invisibles)
        self.policy.suggestionChanged.connect(a.leave_out_proclitic.setEnabled)
        self.label_all.message.connect(self.context.say)
        self.context.selectionChanged.connect(self.update_states)

    # -- the shell's hooks ---------------------------------------------------------------------

    def set_session(self, desk: DeskSession) -> None:
        self.desk = desk
        desk.documentsChanged.connect(self.keeper.check)
        self.search.set_session(desk)
        self.keeper.set_session(desk)
        self.policy.set_session(desk)
        self.update_states()

    def show_document(self) -> None:
        """The desk shows another article (or none)."""
        self.finder.show_document()
        self.lexicon.show_document()
        self.update_states()

    def extend_context_menu(self, menu: QMenu) -> None:
        if self.view.selected_span() is not None:
            menu.addSeparator()
            menu.addAction(self.actions.label_all)

    def shutdown(self) -> None:
        """The desk closes: stop the background work and wait for it."""
        self.keeper.stop()
        self.lexicon.shutdown()
        self.runner.shutdown()

    # -- commands ------------------------------------------------------------------------------

    def open_search(self) -> None:
        """Ctrl+Shift+F: the search panel with the focus in its field (a short selection in
        the article becomes the query)."""
        view = self.view
        start, end = view.selection_range()
        selected = view.text[start:end]
        if start < end and "\n" not in selected and len(selected) <= 80:
            self.panel.field.setText(selected)
        self.search_dock.show()
        self.search_dock.raise_()
        self.panel.focus_query()

    def set_invisibles(self, shown: bool) -> None:
        self.invisibles.set_shown(shown)
        self.context.settings.show_invisibles = shown

    def update_states(self, *_args: object) -> None:
        context = self.context
        self.actions.update_states(has_project=context.session is not None,
                                   has_document=context.doc_id is not None,
                                   has_span=context.selected_span() is not None)
