"""The Agreement panel: how far the annotators agree on the open document, and, measured on
request in the background, over the whole project; the project's report saved as HTML.

It only shows: the AgreementDesk computes the figures and tells it what to show.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import PairAgreement
from annotator.core.model import Status
from annotator.ui.common.i18n import tr
from annotator.ui.common.list_table import list_table
from annotator.ui.compare.agreement_model import AgreementModel


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class SpreadColumns(QObject):
    """Each column of a figures table as wide as its header and figures, and the room left
    shared out evenly: the figures stay apart at 1920 pixels and all in view at 1400."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        # The viewport's own resize: it comes after the table's (so its new width is known)
        # and also when a scroll bar appears or goes.
        self.viewport = table.viewport()
        self.viewport.installEventFilter(self)
        table.model().modelReset.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.viewport and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        count = header.count()
        if not count:
            return
        needed = [max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
                  for column in range(count)]
        spare = max(0, table.viewport().width() - sum(needed)) // count
        for column, width in enumerate(needed):
            header.resizeSection(column, width + spare)


def _figures_table(name: str, model: AgreementModel) -> QTableView:
    table = list_table(name, model)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    # The style's minimum section width follows the font's widest glyph (over a hundred
    # pixels with an Arabic font): nine columns of it hid the last three behind a scroll.
    header.setMinimumSectionSize(24)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    SpreadColumns(table)
    # Three pairs (three annotators) in view without scrolling.
    rows = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(header.sizeHint().height() + 3 * rows + 4)
    return table


class AgreementPanel(QWidget):
    measureRequested = Signal(object)  # the status both must have reached, or None
    stopRequested = Signal()
    saveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementPanel")
        self.document_model = AgreementModel(self)
        self.project_model = AgreementModel(self)
        self.document_note = _plain_label("agreementDocumentNote")
        self.document_table = _figures_table("agreementDocumentTable", self.document_model)
        self.project_note = _plain_label("agreementProjectNote")
        self.project_table = _figures_table("agreementProjectTable", self.project_model)
        self.scope = QComboBox()
        self.scope.setObjectName("agreementScope")
        self.scope.addItem(tr("Documents both have worked on"), None)
        self.scope.addItem(tr("Documents both have marked done"), Status.DONE.value)
        self.measure = QPushButton(tr("Measure the project"))
        self.measure.setObjectName("agreementMeasure")
        self.measure.clicked.connect(lambda: self.measureRequested.emit(self.scope.currentData()))
        self.stop = QPushButton(tr("Stop"))
        self.stop.setObjectName("agreementStop")
        self.stop.clicked.connect(self.stopRequested)
        self.save = QPushButton(tr("Save the report…"))
        self.save.setObjectName("agreementSave")
        self.save.clicked.connect(self.saveRequested)
        self.progress = QProgressBar()
        self.progress.setObjectName("agreementProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        controls = QHBoxLayout()
        controls.addWidget(_heading(tr("The project")))
        controls.addWidget(self.scope)
        controls.addWidget(self.measure)
        controls.addWidget(self.stop)
        controls.addWidget(self.progress, 1)
        controls.addStretch(0)
        controls.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(_heading(tr("This document")))
        layout.addWidget(self.document_note)
        layout.addWidget(self.document_table, 1)
        layout.addLayout(controls)
        layout.addWidget(self.project_note)
        layout.addWidget(self.project_table, 2)
        self.show_measuring(False)
        self.save.setEnabled(False)

    def show_document(self, pairs: list[PairAgreement], note: str) -> None:
        self.document_model.show(pairs, intervals=False)  # one document: no interval
        self.document_note.setText(note)
        self.document_note.setVisible(bool(note))

    def show_project(self, pairs: list[PairAgreement], note: str) -> None:
        self.project_model.show(pairs, intervals=True)
        self.project_note.setText(note)
        self.project_note.setVisible(bool(note))
        self.save.setEnabled(bool(pairs))

    def show_measuring(self, measuring: bool, note: str = "") -> None:
        self.measure.setEnabled(not measuring)
        self.scope.setEnabled(not measuring)
        self.stop.setVisible(measuring)
        self.progress.setVisible(measuring)
        if measuring:
            self.project_note.setText(note)
            self.project_note.setVisible(bool(note))


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
