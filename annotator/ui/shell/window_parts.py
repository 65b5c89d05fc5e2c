"""The parts of the desk's window: the article with its header, the panels, the features
built on the DeskContext, the actions, menus, palette and status bar, placed where they go.

MainWindow (window.py) adds what the desk does with them: the commands, the wiring between
features, and the flow from one project, layer and document to the next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMainWindow

from annotator.ui.article.editing import EditController
from annotator.ui.article.view import ArticleView
from annotator.ui.claims.desk import ClaimsDesk
from annotator.ui.common.docks import panel_dock
from annotator.ui.common.i18n import direction, tr
from annotator.ui.common.session import DeskSession
from annotator.ui.common.settings import Settings
from annotator.ui.compare.agreement_desk import AgreementDesk
from annotator.ui.compare.curation_desk import CurationDesk
from annotator.ui.compare.desk import ComparisonDesk
from annotator.ui.compare.feedback_desk import FeedbackDesk
from annotator.ui.context import DeskContext
from annotator.ui.documents.panel import DocumentPanel
from annotator.ui.scheme.desk import SchemeDesk
from annotator.ui.search.desk import SearchDesk
from annotator.ui.shell import docks, menus
from annotator.ui.shell.actions import DeskActions
from annotator.ui.shell.header import DocumentHeader
from annotator.ui.shell.palette import LabelPalette
from annotator.ui.shell.status_bar import DeskStatusBar
from annotator.ui.shell.working_layer import working_layer_menu
from annotator.ui.spans.panel import SpanPanel
from annotator.ui.team.desk import TeamDesk


class DeskWindowParts(QMainWindow):
    projectRequested = Signal(str)
    newProjectRequested = Signal(str)
    languageRequested = Signal(str)
    nameChanged = Signal(str)  # File › Settings
    layerRequested = Signal(str)  # View › Working layer

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setLayoutDirection(direction())
        self.settings = settings
        self.title_text = ""
        self.actions_ = DeskActions(self)
        self.view = ArticleView()
        self.view.set_zoom(settings.zoom)
        self.status = DeskStatusBar(self)
        self.setStatusBar(self.status)
        self.context = DeskContext(self, self.view, settings, self.status.say)
        self.editor = EditController(self.view, self)
        self.editor.snap_to_words = settings.snap_to_words
        self.header = DocumentHeader()
        self.palette = LabelPalette(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.palette)
        self.documents = DocumentPanel()
        self.spans = SpanPanel()
        self.claims_desk = ClaimsDesk(self.context)
        self.scheme_desk = SchemeDesk(self.context)
        self.search_desk = SearchDesk(self.context)
        self.comparison_desk = ComparisonDesk(self.context)
        self.curation_desk = CurationDesk(self.context)
        self.agreement_desk = AgreementDesk(self.context, self.curation_desk.actions.agreement)
        self.feedback_desk = FeedbackDesk(self.context)
        self.team_desk = TeamDesk(self.context)
        self._arrange()
        self.layers_menu, self.layers = working_layer_menu(self)
        self.recent_menu, self.annotate_menu = menus.build_menus(
            self, self.actions_, self._feature_actions(), self.layers_menu)

    def _arrange(self) -> None:
        """The article with its header and find bar in the middle, the panels around it."""
        self.setCentralWidget(docks.article_column(self.header, self.view,
                                                   self.search_desk.find_bar))
        self.documents_dock = panel_dock(self, tr("Documents"), "documentsDock", self.documents)
        self.spans_dock = panel_dock(self, tr("Spans"), "spansDock", self.spans)
        self.docks = docks.DeskDocks(self.documents_dock, self.spans_dock,
                                     self.claims_desk.details_dock, self.claims_desk.claims_dock,
                                     self.scheme_desk.help_dock, self.search_desk.search_dock,
                                     self.comparison_desk.dock, self.team_desk.dock,
                                     self.curation_desk.dock, self.agreement_desk.dock,
                                     self.feedback_desk.dock)
        docks.place_docks(self, self.docks)
        docks.place_when_first_shown(self, self.team_desk.dock)
        self.status.insertPermanentWidget(0, self.search_desk.index_progress)

    def _feature_actions(self) -> menus.FeatureActions:
        return menus.feature_actions(self.docks, self.search_desk.actions,
                                     self.claims_desk.actions, self.scheme_desk.actions(),
                                     self.comparison_desk.actions,
                                     self.curation_desk.actions,
                                     [self.feedback_desk.show_action],
                                     self.team_desk.file_actions())

    @property
    def desk(self) -> DeskSession | None:
        return self.context.session

    @property
    def doc_id(self) -> str | None:
        return self.context.doc_id

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            docks.size_docks(self, self.docks)

    @property
    def _mirrored(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft
