"""The lead's commands while curating: open the curation panel, mark the document reviewed,
pre-merge what the annotators agree on, and show the agreement figures."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from annotator.ui.common.actions import window_action
from annotator.ui.common.i18n import tr


class CurationActions:
    def __init__(self, host: QWidget) -> None:
        a = window_action
        self.curate = a(host, tr("C&urate into gold"), "Ctrl+Shift+G", name="curateGold",
                        checkable=True)
        self.agreement = a(host, tr("A&greement between annotators"), "Ctrl+Shift+K",
                           name="showAgreement", checkable=True)
        self.mark_reviewed = a(host, tr("Mark &reviewed"), "Ctrl+Shift+R",
                               name="markReviewed", checkable=True)
        self.premerge = a(host, tr("&Pre-merge what the annotators agree on"),
                          name="premergeDocument")
        self.review_all = a(host, tr("Review every &fully agreed document…"),
                            name="reviewFullyAgreed")
        for action in (self.mark_reviewed, self.premerge, self.review_all):
            action.setEnabled(False)

    def view_actions(self) -> list[QAction]:
        """For the View menu, beside the comparison's."""
        return [self.curate, self.agreement]

    def document_actions(self) -> list[QAction]:
        """For the Document menu, after Mark done."""
        return [self.mark_reviewed, self.premerge, self.review_all]
