"""The status bar: messages on the leading side; the layer, the document's span counts and
the project's progress as permanent fields."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from annotator.core.model import Status
from annotator.core.scheme import Scheme
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.labels import status_name
from annotator.ui.common.plain import isolated

MESSAGE_MS = 6000


class DeskStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.spans = QLabel()
        self.spans.setObjectName("spanCounts")
        self.progress = QLabel()
        self.progress.setObjectName("documentCounts")
        self.layer = QLabel()
        self.layer.setObjectName("layerName")
        self.layer.setTextFormat(Qt.TextFormat.PlainText)  # names are the user's
        for label in (self.spans, self.progress, self.layer):
            self.addPermanentWidget(label)

    def say(self, message: str) -> None:
        self.showMessage(message, MESSAGE_MS)

    def show_layer(self, layer: str, person: str) -> None:
        """Who is working, and in which layer."""
        self.layer.setText(tr("{person} — layer: {layer}", person=isolated(person),
                              layer=isolated(layer)))

    def show_document_counts(self, counts: dict[Status, int]) -> None:
        total = sum(counts.values())
        shown = [Status.NEW, Status.IN_PROGRESS, Status.DONE]
        if counts.get(Status.REVIEWED):  # a lead's gold; an annotator never sees the word
            shown.append(Status.REVIEWED)
        parts = [f"{status_name(s)} {counts.get(s, 0)}" for s in shown]
        self.progress.setText(tr("Documents: {total}", total=total) + " — " + " · ".join(parts))

    def show_span_counts(self, scheme: Scheme | None, counts: Mapping[str, int]) -> None:
        """How many spans of each label the open document has."""
        if scheme is None:
            self.spans.clear()
            return
        parts = []
        for label in scheme.labels:
            parts.append(f'<span style="background:{label.color}">&nbsp;'
                         f"{label.display(language())}&nbsp;</span> {counts.get(label.name, 0)}")
        self.spans.setText("&nbsp; ".join(parts))
