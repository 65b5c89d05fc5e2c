"""The curation panel: the open document's items, annotators beside gold, and the lead's
choices for the current one.

Keys in the table: 1 to 9 accept the version of the annotator in that column (its stance,
note and SOURCE link come along), R or Del rejects (gold drops its version), Enter shows the
item in the article. The buttons under the table do the same, and accept every span of one
annotator in the document.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.curation import CurationItem
from annotator.ui.common.i18n import tr
from annotator.ui.common.list_table import list_table
from annotator.ui.common.plain import isolated, menu_text
from annotator.ui.compare.curation_model import CurationModel

DIGITS = "123456789"
FIRST_COLUMNS_SHARE = 0.18  # of the table's width, at most, for the place and for what differs
LINES = 2  # a row: a claim's stance and source on the first line, its text on the second
ARABIC_DIGITS = "١٢٣٤٥٦٧٨٩"


class CurationPanel(QWidget):
    itemChosen = Signal(object)  # the current CurationItem (or None)
    acceptRequested = Signal(str)  # an annotator layer
    rejectRequested = Signal()
    acceptAllRequested = Signal(str)  # an annotator layer
    agreedToggled = Signal(bool)
    goldRequested = Signal()  # work in the gold layer offered

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curationPanel")
        self.model = CurationModel(self)
        self.table = list_table("curationTable", self.model)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # keep the label in view
        # Two lines a row, wrapped: a version's label, stance and source, then its text
        # (a document has tens of items, not thousands: no long list to keep to one line).
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(
            LINES * self.table.fontMetrics().lineSpacing() + 10)
        # The style's minimum section width follows the font's widest glyph (over a hundred
        # pixels with an Arabic font): five columns of it pushed gold's out of view.
        self.table.horizontalHeader().setMinimumSectionSize(24)
        self.model.modelReset.connect(self._fit_columns)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.installEventFilter(self)
        self.summary = QLabel()
        self.summary.setObjectName("curationSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.agreed = QCheckBox(tr("Show agreed items too"))
        self.agreed.setObjectName("curationShowAgreed")
        self.agreed.toggled.connect(self.agreedToggled)
        self.gold = QPushButton()
        self.gold.setObjectName("curationWorkInGold")
        self.gold.clicked.connect(self.goldRequested)
        self.gold.hide()
        self.accept_row = QHBoxLayout()
        self.reject = QPushButton(tr("Reject (R)"))
        self.reject.setObjectName("curationReject")
        self.reject.clicked.connect(self.rejectRequested)
        self.accept_all = QToolButton()
        self.accept_all.setObjectName("curationAcceptAll")
        self.accept_all.setText(tr("Accept all of…"))
        self.accept_all.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.accept_all.setMenu(QMenu(self.accept_all))
        self._accept_buttons: list[QPushButton] = []
        self._quiet = False
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.agreed)
        buttons = QHBoxLayout()
        buttons.addLayout(self.accept_row)
        buttons.addWidget(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.accept_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.gold, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_layers(self, layers: tuple[str, ...]) -> None:
        """One Accept button (and key) per annotator layer, in the table's order."""
        if tuple(b.property("layer") for b in self._accept_buttons) == layers:
            return
        for button in self._accept_buttons:
            button.deleteLater()
        self._accept_buttons = []
        menu = self.accept_all.menu()
        menu.clear()
        for number, layer in enumerate(layers[:len(DIGITS)], start=1):
            button = QPushButton(tr("Accept {layer} ({key})", layer=isolated(layer),
                                    key=number))
            button.setObjectName(f"curationAccept{number}")
            button.setProperty("layer", layer)
            button.clicked.connect(lambda _=False, name=layer: self.acceptRequested.emit(name))
            self.accept_row.addWidget(button)
            button.show()  # at once, not when the layout gets round to it
            self._accept_buttons.append(button)
            action = menu.addAction(menu_text(layer))
            action.triggered.connect(
                lambda _=False, name=layer: self.acceptAllRequested.emit(name))
        self.accept_all.setEnabled(bool(layers))

    def current(self) -> CurationItem | None:
        return self.model.item(self.table.currentIndex().row())

    def choose_row(self, row: int, *, quiet: bool = False) -> None:
        """Make `row` current; `quiet`: without showing it in the article."""
        if 0 <= row < self.model.rowCount():
            self._quiet = quiet
            try:
                self.table.setCurrentIndex(self.model.index(row, 0))
            finally:
                self._quiet = False
            self.table.scrollTo(self.model.index(row, 0))

    def show_gold_choice(self, layer: str | None) -> None:
        """Offer to work in the gold layer `layer` (curation writes there), or not."""
        if layer is not None:
            self.gold.setText(tr("Curation writes to a gold layer: work in {layer}",
                                 layer=isolated(layer)))
        self.gold.setVisible(layer is not None)

    def show_state(self, text: str, has_item: bool) -> None:
        self.summary.setText(text)
        for button in (*self._accept_buttons, self.reject):
            button.setEnabled(has_item)

    def _fit_columns(self) -> None:
        """The place and what differs as wide as they need, up to a share of the table each;
        the versions share the rest, each in view (gold's too) and elided at its end."""
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        for column in range(self.model.columnCount()):
            if column in (CurationModel.WHERE, CurationModel.KIND):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                needed = max(self.table.sizeHintForColumn(column),
                             header.sectionSizeHint(column))
                header.resizeSection(column, min(needed, int(width * FIRST_COLUMNS_SHARE)))
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        has_item = self.model.item(current.row()) is not None
        for button in (*self._accept_buttons, self.reject):
            button.setEnabled(has_item)
        if not self._quiet:
            self.itemChosen.emit(self.model.item(current.row()))

    def _is_choice(self, event: QKeyEvent) -> bool:
        text = event.text()
        return (bool(text) and (text in DIGITS or text in ARABIC_DIGITS
                               or text in ("r", "R", "ق"))) \
            or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        if watched is self.table and event.type() == QEvent.Type.ShortcutOverride \
                and isinstance(event, QKeyEvent) and self._is_choice(event) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            # In the table these keys decide the item, not the window's label keys.
            event.accept()
            return True
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            text = event.text()
            number = DIGITS.find(text) if text in DIGITS else ARABIC_DIGITS.find(text)
            if text and number >= 0 and number < len(self._accept_buttons):
                self.acceptRequested.emit(self._accept_buttons[number].property("layer"))
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_R) or text in ("r", "R", "ق"):
                self.rejectRequested.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.itemChosen.emit(self.current())
                return True
        return False
