"""The find bar under the article (Ctrl+F): a field, the hit count, next and previous, and
the two ways of comparing letters. What it finds is decided by article_find."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from annotator.services.search import SearchOptions
from annotator.ui.common.i18n import tr


def search_option_boxes() -> tuple[QCheckBox, QCheckBox]:
    """Whole words, and exact letters: the two search options, as the find bar and the search
    panel both show them."""
    whole = QCheckBox(tr("Whole words"))
    whole.setToolTip(tr("Only whole words, though و ف ب ك ل may be joined in front: "
                        "سوريا finds بسوريا but not سورياتي."))
    exact = QCheckBox(tr("ة≠ه, ى≠ي"))
    exact.setToolTip(tr("Tell ة from ه and ى from ي. Harakat, tatweel and the forms of alef "
                        "and hamza are ignored either way."))
    return whole, exact


class FindBar(QWidget):
    queryChanged = Signal()  # the text or an option changed
    stepRequested = Signal(int)  # 1: the next hit, -1: the previous one
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(tr("Find in the article"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 / 0000") + 8)
        self.previous = self._button(Qt.ArrowType.UpArrow, tr("Previous hit (Shift+F3)"), -1)
        self.next = self._button(Qt.ArrowType.DownArrow, tr("Next hit (F3, Enter)"), 1)
        self.whole_words, self.exact_letters = search_option_boxes()
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(tr("Close the find bar (Esc)"))
        close.clicked.connect(self.closeRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        row.addWidget(self.whole_words)
        row.addWidget(self.exact_letters)
        row.addWidget(close)
        self.field.textChanged.connect(self.queryChanged)
        self.whole_words.toggled.connect(self.queryChanged)
        self.exact_letters.toggled.connect(self.queryChanged)

    def _button(self, arrow: Qt.ArrowType, tip: str, step: int) -> QToolButton:
        button = QToolButton()
        button.setArrowType(arrow)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.stepRequested.emit(step))
        return button

    @property
    def query(self) -> str:
        return self.field.text()

    def options(self) -> SearchOptions:
        return SearchOptions(exact_letters=self.exact_letters.isChecked(),
                             whole_word=self.whole_words.isChecked())

    def show_count(self, current: int, total: int) -> None:
        """`current` counts from 1; 0 when no hit is chosen."""
        if not self.query.strip():
            self.count.clear()
        elif total == 0:
            self.count.setText(tr("No hits"))
        else:
            self.count.setText(tr("{current} of {total}", current=current, total=total))
        nothing = bool(self.query.strip()) and total == 0
        self.field.setStyleSheet("QLineEdit { background: #fde2e2; }" if nothing else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.field and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.stepRequested.emit(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.closeRequested.emit()
                return True
        return False
