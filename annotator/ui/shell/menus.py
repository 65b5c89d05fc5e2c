"""The menu bar, built from the desk's actions and those each feature offers."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.ui.claims.actions import ClaimsActions
from annotator.ui.common.i18n import tr
from annotator.ui.compare.actions import ComparisonActions
from annotator.ui.compare.curation_actions import CurationActions
from annotator.ui.search.actions import SearchActions
from annotator.ui.shell.actions import DeskActions
from annotator.ui.shell.docks import DeskDocks


@dataclass
class FeatureActions:
    """What the features add to the menus."""

    team: list[QAction] = field(default_factory=list)  # File, after the export
    find: list[QAction] = field(default_factory=list)  # Edit, after a separator
    view_marks: list[QAction] = field(default_factory=list)  # View, after the zoom
    panels: list[QAction] = field(default_factory=list)  # View: show or hide each panel
    view_extra: list[QAction] = field(default_factory=list)  # View, after the languages
    compare: list[QAction] = field(default_factory=list)  # View, in a group of their own
    review: list[QAction] = field(default_factory=list)  # Document, after Mark done
    annotate_links: list[QAction] = field(default_factory=list)  # Annotate, after the spans
    scheme: list[QAction] = field(default_factory=list)  # Annotate › The scheme
    annotate_search: list[QAction] = field(default_factory=list)  # Annotate, at its end


def feature_actions(docks: DeskDocks, search: SearchActions, claims: ClaimsActions,
                    scheme: list[QAction], compare: ComparisonActions,
                    curation: CurationActions, feedback: list[QAction],
                    team: list[QAction]) -> FeatureActions:
    return FeatureActions(
        team=team, find=search.edit_actions(), view_marks=[search.show_invisibles],
        panels=[dock.toggleViewAction() for dock in (docks.documents, docks.spans,
                                                     docks.details, docks.claims, docks.help,
                                                     docks.team)],
        view_extra=[docks.search.toggleViewAction()],
        compare=[*compare.view_actions(), *curation.view_actions(), *feedback],
        review=curation.document_actions(),
        annotate_links=claims.annotate_actions(), scheme=scheme,
        annotate_search=search.annotate_actions())


def build_menus(window: QMainWindow, actions: DeskActions, features: FeatureActions,
                layers: QMenu) -> tuple[QMenu, QMenu]:
    """Fill the menu bar; returns the Open recent menu and the Annotate menu, which the
    window refills (recent projects, the scheme's labels). `layers` is View › Working layer."""
    bar = window.menuBar()
    bar.clear()
    a = actions

    file = bar.addMenu(tr("&File"))
    file.addActions([a.new_project, a.open_project])
    recent = file.addMenu(tr("Open &recent"))
    recent.setObjectName("recentMenu")
    file.addSeparator()
    importing = file.addMenu(tr("&Import articles"))
    importing.addActions([a.import_files, a.import_folder])
    file.addActions([a.export, a.save_copy])
    file.addSeparator()
    file.addActions(features.team)
    file.addSeparator()
    file.addAction(a.settings)
    file.addSeparator()
    file.addAction(a.quit)

    edit = bar.addMenu(tr("&Edit"))
    edit.setObjectName("editMenu")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addAction(a.delete_span)
    edit.addSeparator()
    edit.addActions(features.find)

    annotate = bar.addMenu(tr("&Annotate"))
    annotate.setObjectName("annotateMenu")

    document = bar.addMenu(tr("&Document"))
    document.addActions([a.next_document, a.previous_document])
    document.addSeparator()
    document.addAction(a.mark_done)
    document.addActions(features.review)
    document.addSeparator()
    document.addActions([a.focus_article, a.focus_documents, a.focus_spans, a.focus_filter])

    view = bar.addMenu(tr("&View"))
    view.setObjectName("viewMenu")
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset, *features.view_marks])
    view.addSeparator()
    view.addActions(features.panels)
    view.addSeparator()
    languages = view.addMenu(tr("&Language"))
    languages.addActions(list(a.language.values()))
    view.addActions(features.view_extra)
    view.addSeparator()
    view.addActions(features.compare)
    view.addMenu(layers)

    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addActions([a.shortcuts, a.guide])
    help_menu.addSeparator()
    help_menu.addAction(a.about)
    return recent, annotate


def fill_annotate_menu(menu: QMenu, actions: DeskActions, features: FeatureActions) -> None:
    """The Annotate menu, again after the scheme changed: its labels, then span commands."""
    a = actions
    menu.clear()
    menu.addActions(list(a.labels.values()))
    menu.addSeparator()
    menu.addAction(a.snap_words)
    menu.addSeparator()
    edges = menu.addMenu(tr("Span &edges"))
    edges.addActions([a.extend_start, a.shrink_start, a.extend_end, a.shrink_end])
    edges.addSeparator()
    edges.addActions([a.extend_start_word, a.shrink_start_word, a.extend_end_word,
                      a.shrink_end_word])
    menu.addActions([a.next_span, a.previous_span])
    menu.addSeparator()
    menu.addActions(features.annotate_links)
    menu.addSeparator()
    scheme = menu.addMenu(tr("The &scheme"))
    scheme.setObjectName("schemeMenu")
    scheme.addActions(features.scheme)
    menu.addSeparator()
    menu.addActions(features.annotate_search)
