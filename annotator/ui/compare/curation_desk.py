"""Curating gold in the desk: the annotators' versions of the open document beside gold's.

View › Curate into gold (Ctrl+Shift+G) opens the curation panel and, unless the desk already
works in a gold layer, asks the shell to work in one (the first gold layer, or a new one
named gold): the article then shows gold, every accept and reject is an edit of gold with
the lead's name on it, and Ctrl+Z takes it back. The panel lists the items where the layers
differ (services.curation); F4 and Shift+F4 walk them while the panel is open, 1 to 9 take
that annotator's version (with its stance, note and SOURCE link), R rejects, and "Accept all
of…" takes one annotator's whole document. The differing places are outlined in the article.

Document › Mark reviewed and Document › Pre-merge act on gold's copy of the open document.
It reads the project through the services and writes only through the desk's session.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from annotator.core.commands import Change
from annotator.core.curation import CurationItem
from annotator.core.model import LayerKind, Status
from annotator.services.adjudication import working_layers
from annotator.services.curation import CurationView, curation_view
from annotator.services.curation_edits import accept_all, accept_version, reject
from annotator.services.curation_premerge import premerge
from annotator.services.review import undecided_places
from annotator.ui.common.docks import DockToggle, panel_dock
from annotator.ui.common.i18n import tr
from annotator.ui.common.plurals import spans
from annotator.ui.common.session import DeskSession
from annotator.ui.compare.curation_actions import CurationActions
from annotator.ui.compare.curation_marks import CurationMarks
from annotator.ui.compare.curation_panel import CurationPanel
from annotator.ui.compare.curation_summary import (
    curation_summary,
    review_anyway,
)
from annotator.ui.compare.review_all import review_all_fully_agreed
from annotator.ui.context import DeskContext


class CurationDesk(QObject):
    layerWanted = Signal(str)  # work in this gold layer (the shell switches the session)
    walkingChanged = Signal()  # F4 now walks (or no longer walks) the curation items

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.desk: DeskSession | None = None
        self.view: CurationView | None = None
        self.panel = CurationPanel()
        self.dock = panel_dock(context.host, tr("Curation"), "curationDock", self.panel,
                               floatable=True)
        self.marks = CurationMarks(context.view)
        self.actions = CurationActions(context.host)
        self.toggle = DockToggle(self.actions.curate, self.dock)
        self.placeWanted = self.toggle.placeWanted
        self._advance_from: CurationItem | None = None
        self.actions.mark_reviewed.triggered.connect(self.toggle_reviewed)
        self.actions.premerge.triggered.connect(self.premerge_document)
        self.actions.review_all.triggered.connect(
            lambda: self.desk is not None and review_all_fully_agreed(self.context, self.desk))
        self.actions.curate.toggled.connect(lambda shown: shown and self._work_in_gold())
        self.toggle.visibilityChanged.connect(self.refresh)
        self.panel.itemChosen.connect(self.reveal)
        self.panel.acceptRequested.connect(self.accept)
        self.panel.rejectRequested.connect(self.reject)
        self.panel.acceptAllRequested.connect(self.accept_all)
        self.panel.agreedToggled.connect(self._show_agreed)
        self.panel.goldRequested.connect(self._work_in_gold)

    # -- the shell's hooks ---------------------------------------------------------------------

    def set_session(self, desk: DeskSession) -> None:
        self.desk = desk
        desk.spansChanged.connect(self._on_changes)
        desk.statusChanged.connect(self._on_status)
        # Another program wrote the project (a merge from the command line, another
        # window): the annotators' layers compared here may have changed, not only gold.
        desk.documentsChanged.connect(self.refresh)
        self.refresh()

    def show_document(self) -> None:
        self.refresh()

    @property
    def walking(self) -> bool:
        """Whether F4 walks the curation items (the panel is open in a gold layer)."""
        return not self.dock.isHidden() and self.view is not None

    def walk(self, direction: int) -> bool:
        """F4 / Shift+F4 while the panel is open: the next or previous item to decide, with
        the focus in the table (so that 1 to 9 and R act on it). False: not curating."""
        if not self.walking:
            return False
        rows = self.panel.model.rowCount()
        if not rows:
            self.context.say(tr("Nothing to decide in this document."))
            return True
        current = self.panel.table.currentIndex().row()
        target = (current + direction) % rows if current >= 0 else (0 if direction > 0
                                                                     else rows - 1)
        self.panel.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panel.choose_row(target)
        if target == current:
            self.reveal(self.panel.current())
        return True

    # -- which layer ---------------------------------------------------------------------------

    def gold_layer(self) -> str | None:
        """The gold layer to curate into: the working layer when it is one, else the first
        the project has (or a new one named gold)."""
        desk = self.desk
        if desk is None:
            return None
        golds = [choice.name for choice in working_layers(desk.project, desk.own_layer)
                 if choice.kind == LayerKind.GOLD.value]
        if desk.layer in golds:
            return desk.layer
        return golds[0] if golds else None

    def in_gold(self) -> bool:
        desk = self.desk
        return desk is not None and desk.layer != desk.own_layer \
            and desk.layer == self.gold_layer()

    def _work_in_gold(self) -> None:
        layer = self.gold_layer()
        if layer is not None and not self.in_gold():
            self.layerWanted.emit(layer)

    # -- the view ------------------------------------------------------------------------------

    def _on_changes(self, doc_id: str, _changes: list[Change]) -> None:
        if doc_id == self.context.doc_id:
            self.refresh()

    def _on_status(self, doc_id: str, _status: str) -> None:
        if doc_id == self.context.doc_id:
            self._follow_status()

    def _show_agreed(self, shown: bool) -> None:
        self.panel.model.show_agreed = shown
        self.refresh()

    def refresh(self) -> None:
        desk, doc_id, panel = self.desk, self.context.doc_id, self.panel
        was_walking = self.walking
        previous = self._advance_from or panel.current()
        advance, self._advance_from = self._advance_from is not None, None
        view = None
        if not self.dock.isHidden() and desk is not None and doc_id is not None \
                and self.in_gold():
            view = desk.attempt(curation_view, desk.project, doc_id, None, desk.layer)
        self.view = view
        panel.model.show(view, desk.scheme if desk is not None else None)
        panel.set_layers(view.annotator_layers if view is not None else ())
        panel.show_gold_choice(self._gold_offer() if view is None else None)
        if view is not None and panel.model.rowCount() and previous is not None:
            panel.choose_row(self._row_after(previous, advance), quiet=not advance)
        item = panel.current()
        panel.show_state(curation_summary(view), item is not None)
        self.marks.show_items(view.items if view is not None else [],
                              item.index if item is not None else None)
        self._follow_status()
        if was_walking != self.walking:
            self.walkingChanged.emit()

    def _gold_offer(self) -> str | None:
        """Why the panel is empty, with the gold layer to offer when that is the reason."""
        if self.desk is None or self.context.doc_id is None or self.dock.isHidden():
            return None
        return None if self.in_gold() else self.gold_layer()

    def _row_after(self, previous: CurationItem, advance: bool) -> int:
        """The row to show after the table was filled again: the same place, or after an
        accept or reject the one after it."""
        model = self.panel.model
        for row, item in enumerate(model.rows):
            if (item.start, item.end) == (previous.start, previous.end) \
                    or item.start >= previous.end:
                same = (item.start, item.end) == (previous.start, previous.end)
                return min(row + (1 if advance and same else 0), model.rowCount() - 1)
        return model.rowCount() - 1

    def reveal(self, item: CurationItem | None) -> None:
        """Show an item in the article: gold's span selected, or else its place."""
        if item is None:
            return
        view = self.context.view
        if item.gold is not None:
            view.set_selected_span(item.gold.span.id)
        else:
            view.set_selected_span(None)
        view.reveal(item.start, item.end)
        self.marks.show_items(self.view.items if self.view is not None else [], item.index)

    # -- the lead's decisions ------------------------------------------------------------------

    def _chosen(self) -> CurationItem | None:
        item = self.panel.current()
        if self.view is None or self.desk is None or item is None:
            self.context.say(tr("Choose an item in the curation panel first (F4)."))
            return None
        return item

    def accept(self, layer: str) -> None:
        item = self._chosen()
        if item is None or self.desk is None or self.view is None:
            return
        if item.versions.get(layer) is None:
            self.context.say(tr("{layer} marked nothing here: nothing to accept.",
                                layer=layer))
            return
        self._advance_from = item
        if self.desk.attempt(accept_version, self.desk.session, self.view, item, layer) \
                is None:
            self._advance_from = None
            return
        self.context.say(tr("Gold took {layer}'s version. Ctrl+Z takes it back.",
                            layer=layer))

    def reject(self) -> None:
        item = self._chosen()
        if item is None or self.desk is None or self.view is None:
            return
        self._advance_from = item
        if self.desk.attempt(reject, self.desk.session, self.view, item) is None:
            self._advance_from = None
            return
        self.context.say(tr("Rejected: gold has nothing here. Ctrl+Z takes it back."))

    def accept_all(self, layer: str) -> None:
        desk, doc_id = self.desk, self.context.doc_id
        if desk is None or doc_id is None or not self.in_gold():
            return
        count = desk.attempt(accept_all, desk.session, doc_id, layer)
        if count is None:
            return
        self.context.say(tr("Gold took {spans} from {layer}. Ctrl+Z takes it back.",
                            spans=spans(count), layer=layer))

    # -- review and pre-merge ------------------------------------------------------------------

    def _follow_status(self) -> None:
        desk, doc_id = self.desk, self.context.doc_id
        usable = desk is not None and doc_id is not None and self.in_gold()
        reviewed = self.actions.mark_reviewed
        reviewed.setEnabled(usable)
        reviewed.setStatusTip("" if usable else tr(
            "Documents are marked reviewed in a gold layer: open the curation panel "
            "(Ctrl+Shift+G)."))
        reviewed.setChecked(usable and desk.status(doc_id) == Status.REVIEWED)  # type: ignore
        self.actions.review_all.setEnabled(desk is not None and self.in_gold())
        self.actions.premerge.setEnabled(usable and self.view is not None
                                         and len(self.view.annotator_layers) >= 2)

    def toggle_reviewed(self) -> None:
        """Mark the document reviewed in gold (or, unchecked, back in progress): one edit,
        on the record with the lead's name."""
        desk, doc_id = self.desk, self.context.doc_id
        if desk is None or doc_id is None or not self.in_gold():
            return
        reviewed = desk.status(doc_id) == Status.REVIEWED
        if not reviewed and not self._may_mark_reviewed(doc_id):
            self._follow_status()  # the action unchecks again
            return
        desk.set_status(doc_id, Status.IN_PROGRESS if reviewed else Status.REVIEWED)
        self.context.say(tr("Back in progress in {layer}.", layer=desk.layer) if reviewed
                         else tr("Marked reviewed in {layer}.", layer=desk.layer))
        self._follow_status()

    def _may_mark_reviewed(self, doc_id: str) -> bool:
        """True when nothing is left to decide in the document, or the lead says to go
        ahead all the same."""
        desk, view = self.desk, self.view
        if desk is None:
            return False
        if view is not None and view.doc_id == doc_id:
            undecided = len(view.places_to_decide())
        else:  # the panel is closed: the service counts as the command line does
            found = desk.attempt(undecided_places, desk.project, desk.layer, [doc_id])
            if found is None:
                return False  # the check failed and said why: nothing is marked
            undecided = found.get(doc_id, 0)
        return not undecided or review_anyway(self.context.host, undecided)

    def premerge_document(self) -> None:
        """Gold takes every place all the annotators marked alike (with the links they all
        made), as one edit; the rest stays for the lead."""
        desk, doc_id, view = self.desk, self.context.doc_id, self.view
        if desk is None or doc_id is None or view is None or not view.annotator_layers:
            return
        report = desk.attempt(premerge, desk.session, [doc_id], view.annotator_layers)
        if report is None:
            return
        if report.skipped_reviewed:
            self.context.say(tr("This document is reviewed in {layer}: pre-merge leaves it "
                                "as it is.", layer=desk.layer))
            return
        self.context.say(tr("Pre-merged {spans} that every annotator marked alike. Ctrl+Z "
                            "takes it back.", spans=spans(report.spans)))
