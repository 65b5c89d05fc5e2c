"""Feedback from the lead in an annotator's desk (View › Feedback from the lead).

In a work package made with the lead's feedback (services.feedback), the panel opens with
the project and follows the open document: where gold differs from the annotator's own
spans, and the lead's notes. Choosing a difference selects the place in the article. The
feedback layer is read-only: the desk never offers to work in it.

It reads through the services and writes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from annotator.core.errors import TawsimError
from annotator.services.feedback import Difference, feedback_differences, feedback_info
from annotator.ui.common.actions import window_action
from annotator.ui.common.docks import DockToggle, panel_dock
from annotator.ui.common.failures import said
from annotator.ui.common.i18n import tr, trn
from annotator.ui.common.session import DeskSession
from annotator.ui.compare.feedback_panel import FeedbackPanel
from annotator.ui.context import DeskContext


class FeedbackDesk(QObject):

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.desk: DeskSession | None = None
        self.has_feedback = False
        self.panel = FeedbackPanel()
        self.dock = panel_dock(context.host, tr("Feedback from the lead"), "feedbackDock",
                               self.panel, floatable=True)
        self.show_action = window_action(context.host, tr("&Feedback from the lead"),
                                         name="showFeedback", checkable=True)
        self.show_action.setEnabled(False)
        self.toggle = DockToggle(self.show_action, self.dock)
        self.placeWanted = self.toggle.placeWanted
        self.toggle.visibilityChanged.connect(self.refresh)
        self.panel.differenceChosen.connect(self.reveal)
        self._opened_for = None  # the project it opened with: once, not at every layer switch

    def set_session(self, desk: DeskSession) -> None:
        self.desk = desk
        try:
            info = feedback_info(desk.project)
        except TawsimError as error:
            info = None
            desk.refused.emit(said(error))
        self.has_feedback = info is not None
        self.show_action.setEnabled(info is not None)
        if info is None:
            self.dock.hide()
        elif self._opened_for != desk.path:
            self._opened_for = desk.path
            self.show_action.setChecked(True)  # a package with feedback opens with it
        self.refresh()

    def show_document(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        desk, doc_id, panel = self.desk, self.context.doc_id, self.panel
        if desk is None or doc_id is None or self.dock.isHidden() \
                or not self.has_feedback:
            panel.model.show(None, None)
            panel.summary.setText("")
            return
        try:
            view = feedback_differences(desk.project, doc_id, own_layer=desk.own_layer)
        except TawsimError:
            view = None
        panel.model.show(view, desk.scheme)
        if view is None or (not view.differences and not view.agreed):
            panel.summary.setText(tr("The lead has not reviewed this document."))
            return
        # "The lead", not the package's record of the lead (the lead project's id).
        panel.summary.setText(trn(
            "The lead kept {count} span as you marked it; the differences:",
            "The lead kept {count} spans as you marked them; the differences:",
            view.agreed) if view.differences else trn(
            "The lead kept your {count} span as you marked it.",
            "The lead kept all {count} of your spans as you marked them.",
            view.agreed))

    def reveal(self, difference: Difference | None) -> None:
        if difference is None or self.desk is None:
            return
        own = difference.item.version(self.desk.own_layer)
        view = self.context.view
        view.set_selected_span(own.span.id if own is not None else None)
        view.reveal(difference.start, difference.end)
