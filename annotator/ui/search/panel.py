"""The project search panel (Ctrl+Shift+F): a query, the hits in context, more on demand.

The panel only shows; project_search runs the searches off the window's thread and fills it.
Moving through the hits opens each one's document with the hit selected; Enter goes to the
article.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.services.search import SearchOptions
from annotator.ui.article.find_bar import search_option_boxes
from annotator.ui.common.i18n import tr
from annotator.ui.search.hit_list import HitDelegate, HitListModel, HitRow

TYPING_DELAY_MS = 300


class SearchPanel(QWidget):
    searchRequested = Signal()  # the query or an option changed (or Enter)
    moreRequested = Signal()
    cancelRequested = Signal()
    hitChosen = Signal(object)  # the SearchHit of the current row
    hitActivated = Signal(object)  # Enter or a double click: go to the article

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(tr("Search every article"))
        self.field.setClearButtonEnabled(True)
        self.whole_words, self.exact_letters = search_option_boxes()
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(self.fontMetrics().height())
        self.progress.setTextVisible(False)
        self.cancel = QToolButton()
        self.cancel.setText(tr("Cancel"))
        self.cancel.clicked.connect(self.cancelRequested)
        self.model = HitListModel(self)
        self.list = QListView()
        self.list.setObjectName("searchResults")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HitDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.more = QPushButton(tr("Show more hits"))
        self.more.setObjectName("searchMore")
        self.more.clicked.connect(self.moreRequested)
        self.more.hide()

        options = QHBoxLayout()
        options.addWidget(self.whole_words)
        options.addWidget(self.exact_letters)
        options.addStretch(1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addLayout(busy)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)
        self.show_busy(False)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self.searchRequested)
        self.field.textChanged.connect(self._typing.start)
        self.field.returnPressed.connect(self._search_now)
        self.whole_words.toggled.connect(self._search_now)
        self.exact_letters.toggled.connect(self._search_now)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.activated.connect(
            lambda index: self.hitActivated.emit(index.data(HitListModel.RowRole).payload))

    def _search_now(self) -> None:
        self._typing.stop()
        self.searchRequested.emit()

    @property
    def query(self) -> str:
        return self.field.text()

    def options(self) -> SearchOptions:
        return SearchOptions(exact_letters=self.exact_letters.isChecked(),
                             whole_word=self.whole_words.isChecked())

    def focus_query(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def show_busy(self, busy: bool, done: int = 0, total: int = 0) -> None:
        """While a search runs: a bar (counting articles indexed when there are some to
        index, else just busy) and Cancel."""
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))

    def show_hits(self, rows: list[HitRow], *, append: bool, more: bool) -> None:
        if append:
            self.model.add_rows(rows)
        else:
            self.model.set_rows(rows)
        self.more.setVisible(more)

    def say(self, text: str) -> None:
        self.summary.setText(text)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.hitChosen.emit(current.data(HitListModel.RowRole).payload)
