"""A prediction layer beside the working layer (Ctrl+Shift+P), and the working layer itself.

The predictions panel shows the same article with the prediction layer's spans, and both
articles outline where the layers disagree (comparison_marks). F4 and Shift+F4 walk the
disagreements; A accepts the predicted span into the working layer as one undoable edit
(services.adjudication). The comparison is computed again after every edit, undo and redo.
An adjudicator works in a gold layer, chosen under View › Working layer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt

from annotator.core.commands import Change
from annotator.services.adjudication import accept_prediction
from annotator.services.audit import DocumentComparison, compare_document, layers_to_compare
from annotator.ui.common.docks import DockToggle, panel_dock
from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession
from annotator.ui.compare.actions import ComparisonActions
from annotator.ui.compare.disagreements import Disagreement, disagreements
from annotator.ui.compare.marks import ComparisonMarks, kind_name
from annotator.ui.compare.panel import ComparisonPanel
from annotator.ui.context import DeskContext


class ComparisonDesk(QObject):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.desk: DeskSession | None = None
        self.result: DocumentComparison | None = None
        self._shown: tuple[str, str] | None = None  # (document, layer) the pane shows
        self.panel = ComparisonPanel()
        self.dock = panel_dock(context.host, tr("Predictions"), "predictionsDock", self.panel,
                               floatable=True)
        self.gold_marks = ComparisonMarks(context.view)
        self.predicted_marks = ComparisonMarks(self.panel.pane)
        self.actions = ComparisonActions(context.host)
        self.compare = self.actions.compare
        self.toggle = DockToggle(self.compare, self.dock)
        # The panel opens for the first time: the shell places its dock.
        self.placeWanted = self.toggle.placeWanted
        # The marks are drawn while the panel is on screen.
        self.toggle.visibilityChanged.connect(self.refresh)
        # The shell lets the curation panel's walk take F4 first while that panel is open.
        self.first_walk: Callable[[int], bool] = lambda _direction: False
        self.first_walking: Callable[[], bool] = lambda: False
        self.actions.next.triggered.connect(lambda: self.step(1))
        self.actions.previous.triggered.connect(lambda: self.step(-1))
        self.actions.accept.triggered.connect(self.accept_current)
        self.panel.acceptRequested.connect(self.accept_current)
        self.panel.layerChosen.connect(lambda _: self.refresh())
        self.panel.rowChosen.connect(self.reveal)
        self.panel.pane.spanClicked.connect(self._pane_clicked)

    # -- the shell's hooks ---------------------------------------------------------------------

    def set_session(self, desk: DeskSession) -> None:
        self.desk = desk
        self._shown = None
        desk.spansChanged.connect(self._on_changes)
        desk.documentsChanged.connect(self.update_layers)  # an import may bring a layer
        self.update_layers()

    def update_layers(self) -> None:
        """Offer the project's other layers. With none, the panel would only ever be empty:
        it is hidden and its command disabled, saying why."""
        desk = self.desk
        if desk is None:
            return
        keep = self.panel.layer.currentData()
        predicted = [name for name in layers_to_compare(desk.project)[1] if name != desk.layer]
        self.panel.set_layers(predicted, keep)
        self.panel.show_accept_target(desk.layer)
        self.compare.setEnabled(bool(predicted))
        self.compare.setStatusTip("" if predicted else tr(
            "This project has no other layer to compare with. Import an extractor's "
            "predictions (tawsim import --layer NAME) to compare them here."))
        if not predicted:
            self.dock.hide()
        self.refresh()

    def show_document(self) -> None:
        self.refresh()

    # -- the comparison ------------------------------------------------------------------------

    def _on_changes(self, doc_id: str, _changes: list[Change]) -> None:
        if doc_id == self.context.doc_id:
            self.refresh()

    def refresh(self) -> None:
        desk, doc_id, panel = self.desk, self.context.doc_id, self.panel
        layer = panel.layer.currentData()
        result = None
        if self.dock.isVisible() and desk is not None and doc_id is not None and layer:
            result = desk.attempt(compare_document, desk.project, doc_id, desk.layer, layer)
        self.result = result
        self.follow_walkers()
        if result is None:
            self._clear(tr("This project has no other layer to compare with.")
                        if desk is not None and not layer else "")
            return
        if self._shown != (result.doc_id, layer):
            panel.pane.set_scheme(desk.scheme)  # type: ignore[union-attr]
            panel.pane.set_zoom(self.context.settings.zoom)
            panel.pane.set_article(self.context.view.text, result.predicted_spans)
            self._shown = (result.doc_id, layer)
        current = panel.table.currentIndex().row()
        rows = disagreements(result)
        panel.model.set_rows(rows, desk.scheme)  # type: ignore[union-attr]
        panel.model.set_headers(tr("Disagreement"), layer, desk.layer)  # type: ignore
        if rows and current >= 0:  # the same place: the next row after an accepted one
            panel.choose_row(min(current, len(rows) - 1), quiet=True)
        row = panel.current()
        panel.accept.setEnabled(row is not None and row.predicted is not None)
        self._show_marks(row)
        counts = {kind: 0 for kind in ("exact", "boundary", "wrong_label", "spurious",
                                       "missed")}
        for kind in result.predicted_state.values():
            counts[kind] += 1
        counts["missed"] = sum(1 for k in result.gold_state.values() if k == "missed")
        panel.summary.setText(" · ".join(f"{kind_name(k)} {n}" for k, n in counts.items()))

    def follow_walkers(self) -> None:
        """Enable F4 while comparing or while the other walk is open."""
        self.actions.set_comparing(self.result is not None, self.first_walking())

    def _clear(self, message: str) -> None:
        self.gold_marks.show_states({})
        self.predicted_marks.show_states({})
        self.panel.model.set_rows([], self.desk.scheme) if self.desk else None
        self.panel.summary.setText(message)
        self.panel.accept.setEnabled(False)

    def _show_marks(self, row: Disagreement | None) -> None:
        if self.result is None:
            return
        self.gold_marks.show_states(self.result.gold_state,
                                    row.gold.id if row and row.gold else None)
        self.predicted_marks.show_states(self.result.predicted_state,
                                         row.predicted.id if row and row.predicted else None)

    # -- walking and accepting -----------------------------------------------------------------

    def step(self, direction: int) -> None:
        """F4 / Shift+F4: the next or previous disagreement, with the focus in the list (so
        that A accepts it); the curation panel's items instead while that is open."""
        if self.first_walk(direction):
            return
        if not self.dock.isVisible():
            self.compare.setChecked(True)
        rows = self.panel.model.rowCount()
        if not rows:
            self.context.say(tr("No disagreements in this document."))
            return
        current = self.panel.table.currentIndex().row()
        target = (current + direction) % rows if current >= 0 else (0 if direction > 0
                                                                     else rows - 1)
        self.panel.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panel.choose_row(target)
        if target == current:
            self.reveal(self.panel.current())

    def reveal(self, row: Disagreement | None) -> None:
        """Show a disagreement in both articles: the predicted span chosen in the pane, the
        gold span selected in the article."""
        if row is None:
            return
        view, pane = self.context.view, self.panel.pane
        first = row.predicted or row.gold
        assert first is not None
        pane.set_selected_span(row.predicted.id if row.predicted else None)
        pane.reveal(first.start, first.end)
        view.set_selected_span(row.gold.id if row.gold else None)
        view.reveal(first.start, first.end)
        self._show_marks(row)

    def _pane_clicked(self, span_id: str) -> None:
        for number, row in enumerate(self.panel.model.rows):
            if row.predicted is not None and row.predicted.id == span_id:
                self.panel.choose_row(number)
                return
        self.panel.pane.set_selected_span(span_id)

    def accept_current(self) -> None:
        """A: the focused predicted span into the working layer, as one undoable edit."""
        desk, row = self.desk, self.panel.current()
        if desk is None or self.result is None or row is None:
            self.context.say(tr("Choose a disagreement first (F4)."))
            return
        if row.predicted is None:
            self.context.say(tr("The prediction has no span here: nothing to accept. "
                                      "Delete the gold span if it is wrong."))
            return
        plan = desk.attempt(accept_prediction, desk.session, self.result, row.predicted.id)
        if plan is None:
            return
        self.context.say(tr("Accepted into {layer}. Ctrl+Z takes it back.",
                                  layer=desk.layer))
        self.reveal(self.panel.current())
