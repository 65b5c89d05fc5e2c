"""The label-all preview: every other occurrence of a span's entity, to accept one at a time
or all at once. The dialog shows; label_all_flow finds and labels."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.common.i18n import tr
from annotator.ui.search.hit_list import HitDelegate, HitListModel, HitRow


class LabelAllDialog(QDialog):
    scopeChanged = Signal(str)  # "document" or "project"
    acceptOne = Signal(object)  # the current row's LabelCandidate
    acceptChecked = Signal(list)  # the checked rows' LabelCandidates
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None, heading: str) -> None:
        super().__init__(parent)
        self.setObjectName("labelAllDialog")
        self.setWindowTitle(tr("Label all occurrences"))
        self.resize(560, 460)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the article
        self.heading.setWordWrap(True)
        self.scope = QComboBox()
        self.scope.setObjectName("labelAllScope")
        self.scope.addItem(tr("In this document"), "document")
        self.scope.addItem(tr("In every document of the project"), "project")
        self.summary = QLabel()
        self.summary.setObjectName("labelAllSummary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.stop = QPushButton(tr("Cancel"))
        self.stop.clicked.connect(self.cancelRequested)
        self.model = HitListModel(self)
        self.list = QListView()
        self.list.setObjectName("labelAllCandidates")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HitDelegate(self.list))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.check_all = QPushButton(tr("Check all"))
        self.check_none = QPushButton(tr("Check none"))
        self.one = QPushButton(tr("Label this one"))
        self.one.setObjectName("labelAllOne")
        self.checked = QPushButton()
        self.checked.setObjectName("labelAllChecked")
        self.checked.setDefault(True)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.reject)

        scope_row = QHBoxLayout()
        scope_row.addWidget(QLabel(tr("Where")))
        scope_row.addWidget(self.scope, 1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.stop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_all)
        buttons.addWidget(self.check_none)
        buttons.addStretch(1)
        buttons.addWidget(self.one)
        buttons.addWidget(self.checked)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(scope_row)
        layout.addWidget(self.summary)
        layout.addLayout(busy)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.scope.currentIndexChanged.connect(
            lambda _: self.scopeChanged.emit(self.scope.currentData()))
        self.check_all.clicked.connect(lambda: self.model.set_all_checked(True))
        self.check_none.clicked.connect(lambda: self.model.set_all_checked(False))
        self.one.clicked.connect(self._accept_one)
        self.checked.clicked.connect(
            lambda: self.acceptChecked.emit(self.model.checked_payloads()))
        self.model.dataChanged.connect(self._count_checked)
        self.model.modelReset.connect(self._count_checked)
        self.model.rowsRemoved.connect(self._count_checked)
        self.show_busy(False)

    def show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop.setVisible(busy)
        self.scope.setEnabled(not busy)

    def show_candidates(self, rows: list[HitRow], summary: str) -> None:
        self.model.set_rows(rows)
        self.summary.setText(summary)
        if rows:
            self.list.setCurrentIndex(self.model.index(0))
            self.list.setFocus()

    def remove_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def _accept_one(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.acceptOne.emit(index.data(HitListModel.RowRole).payload)

    def _count_checked(self, *_args: object) -> None:
        count = len(self.model.checked_payloads())
        self.checked.setText(tr("Label the checked ones ({count})", count=count))
        self.checked.setEnabled(count > 0)
        self.one.setEnabled(self.model.rowCount() > 0)
