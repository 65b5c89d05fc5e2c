"""The predictions panel: which layer to compare, the prediction's article with the
disagreements outlined, and the list of disagreements to walk (F4, the arrows) and accept (A).
The panel only shows; comparison_desk decides."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.common.i18n import tr
from annotator.ui.common.list_table import list_table
from annotator.ui.compare.disagreements import Disagreement, DisagreementModel
from annotator.ui.compare.marks import STYLES, kind_name
from annotator.ui.compare.prediction_pane import PredictionPane, is_accept_key


def legend() -> QWidget:
    """Each kind of disagreement with a sample of its outline."""
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(0, 0, 0, 0)
    for kind, (colour, line) in STYLES.items():
        sample = QPixmap(26, 14)
        sample.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sample)
        pen = QPen(QColor(colour))
        pen.setStyle(line)
        pen.setWidthF(1.8)
        painter.setPen(pen)
        painter.drawRoundedRect(QRectF(1, 1, 24, 12), 3, 3)
        painter.end()
        icon = QLabel()
        icon.setPixmap(sample)
        row.addWidget(icon)
        row.addWidget(QLabel(kind_name(kind)))
        row.addSpacing(8)
    row.addStretch(1)
    return widget


class ComparisonPanel(QWidget):
    layerChosen = Signal(str)
    rowChosen = Signal(object)  # the Disagreement of the current row
    acceptRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonPanel")
        self._quiet = False
        self.layer = QComboBox()
        self.layer.setObjectName("predictionLayer")
        self.summary = QLabel()
        self.summary.setObjectName("comparisonSummary")
        self.key = legend()
        self.pane = PredictionPane()
        self.model = DisagreementModel(self)
        self.table = list_table("disagreements", self.model)
        # Widths set by fit_columns whenever the table is resized: stretching sections next
        # to one sized to its contents left the header wider than a narrow panel.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(24)  # Qt's default follows the widest header text
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        # A reset gives the header its default widths back, once it has laid itself out.
        self.model.modelReset.connect(lambda: QTimer.singleShot(0, self.fit_columns))
        self.accept = QPushButton()
        self.accept.setObjectName("acceptPrediction")
        self.accept.clicked.connect(self.acceptRequested)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Compare with")))
        top.addWidget(self.layer, 1)
        top.addWidget(self.summary, 2)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.accept)
        split = QSplitter()
        split.addWidget(self.pane)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.pane.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        self.split = split
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.key)
        layout.addWidget(split, 1)

        self.layer.currentIndexChanged.connect(
            lambda _: self.layerChosen.emit(self.layer.currentData() or ""))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.pane.acceptRequested.connect(self.acceptRequested)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        if not self._sized:  # once laid out: the article three fifths of the width
            self._sized = True
            QTimer.singleShot(0, self._size_split)

    def _size_split(self) -> None:
        width = self.split.width()
        self.split.setSizes([width * 3 // 5, width - width * 3 // 5])

    def set_layers(self, names: list[str], keep: str | None) -> None:
        self.layer.blockSignals(True)
        try:
            self.layer.clear()
            for name in names:
                self.layer.addItem(name, name)
            position = self.layer.findData(keep) if keep else -1
            self.layer.setCurrentIndex(max(position, 0) if names else -1)
        finally:
            self.layer.blockSignals(False)

    def show_accept_target(self, layer: str) -> None:
        self.accept.setText(tr("Accept into {layer} (A)", layer=layer))

    def current(self) -> Disagreement | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def choose_row(self, row: int, *, quiet: bool = False) -> None:
        """Make `row` current; `quiet`: without moving the articles to it."""
        if not 0 <= row < self.model.rowCount():
            return
        self._quiet = quiet
        try:
            self.table.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._quiet = False
        self.table.scrollTo(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.current() if current.isValid() else None
        self.accept.setEnabled(row is not None and row.predicted is not None)
        if row is not None and not self._quiet:
            self.rowChosen.emit(row)

    def fit_columns(self) -> None:
        """The kind column as wide as its longest name (at most a third), the two layers'
        columns sharing the rest."""
        width = self.table.viewport().width()
        metrics = self.table.fontMetrics()
        kind = min(max(metrics.horizontalAdvance(kind_name(k)) for k in STYLES) + 16,
                   width // 3)
        header = self.table.horizontalHeader()
        header.resizeSection(0, kind)
        header.resizeSection(1, (width - kind) // 2)
        header.resizeSection(2, width - kind - (width - kind) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and is_accept_key(event):
            self.acceptRequested.emit()
            return True
        return False
