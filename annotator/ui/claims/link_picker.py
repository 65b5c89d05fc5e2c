"""The list of spans a new link can point to, shown beside the claim while linking.

It is a plain child of the article, not a popup: the annotator can still click a span in the
text instead of choosing from the list. Arrows move, Enter or a click chooses, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.core.scheme import Scheme
from annotator.ui.common.i18n import language
from annotator.ui.common.labels import swatch, text_alignment
from annotator.ui.common.plain import isolated, tooltip

ROWS_SHOWN = 8
MARGIN = 4
WIDTH = 360
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LinkPicker(QFrame):
    chosen = Signal(str)  # a span id
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("linkPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)
        self.setFont(QApplication.font())  # the interface's size, not the article's
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("linkCandidates")
        self.list.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.list.itemActivated.connect(self._choose)
        self.list.itemClicked.connect(self._choose)
        self.list.installEventFilter(self)
        self.hide()

    def offer(self, title: str, spans: list[Span], scheme: Scheme, near: QRect,
              avoid: list[QRect] | None = None) -> None:
        """Show `spans` (nearest first) under or over the rectangle `near` (in the parent's
        coordinates), where it hides the fewest of the `avoid` rectangles (the spans one may
        click instead), with the first one current and the keyboard focus in the list."""
        # The interface's direction, not the right-to-left article's it sits in.
        self.setLayoutDirection(QApplication.layoutDirection())
        self.title.setText(title)
        self.list.clear()
        lang = language()
        for span in spans:
            label = scheme.label(span.label) if scheme.has_label(span.label) else None
            text = " ".join(span.text.split())
            short = text if len(text) <= 60 else text[:59] + "…"
            item = QListWidgetItem(f"{isolated(short)}  "
                                   f"({label.display(lang) if label else span.label})")
            if label is not None:
                item.setIcon(swatch(label.color, label.style))
            item.setData(SPAN_ID_ROLE, span.id)
            item.setTextAlignment(Qt.AlignmentFlag(text_alignment(text)))
            item.setToolTip(tooltip(span.text))
            self.list.addItem(item)
        self._place(near, len(spans), avoid or [])
        self.show()
        self.raise_()
        if spans:
            self.list.setCurrentRow(0)
        self.list.setFocus(Qt.FocusReason.PopupFocusReason)

    def span_ids(self) -> list[str]:
        return [self.list.item(i).data(SPAN_ID_ROLE) for i in range(self.list.count())]

    def allowed_area(self) -> QRect:
        """Where the picker may go, in the article's coordinates: the part of the article's
        text area (not its scroll bars, which are drawn over it) that is on the screen (a
        window can hang past the screen's edge), less a margin."""
        parent = self.parentWidget()
        viewport = getattr(parent, "viewport", None)
        area = viewport().geometry() if callable(viewport) else parent.rect()
        screen = parent.screen()
        if screen is not None:
            available = screen.availableGeometry()
            on_screen = area.intersected(
                QRect(parent.mapFromGlobal(available.topLeft()), available.size()))
            if on_screen.width() > 2 * MARGIN and on_screen.height() > 2 * MARGIN:
                area = on_screen
        return area.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)

    def _place(self, near: QRect, rows: int, avoid: list[QRect]) -> None:
        area = self.allowed_area()
        row = self.list.sizeHintForRow(0) if rows else self.fontMetrics().height()
        frame = 2 * self.list.frameWidth() + 4
        width = min(WIDTH, area.width())
        self.title.setFixedWidth(width - 12)
        list_height = row * max(1, min(rows, ROWS_SHOWN)) + frame
        self.list.setFixedHeight(list_height)
        self.adjustSize()
        height = self.sizeHint().height()
        if height > area.height():  # fewer rows shown (the list scrolls) rather than cut off
            list_height = max(row + frame, list_height - (height - area.height()))
            self.list.setFixedHeight(list_height)
            self.adjustSize()
            height = min(self.sizeHint().height(), area.height())
        self.resize(width, height)
        lowest, rightmost = area.bottom() - height + 1, area.right() - width + 1
        columns = (area.left(), rightmost,
                   max(area.left(), min(near.center().x() - width // 2, rightmost)))
        lines = [y for y in (near.bottom() + 6, near.top() - height - 6)
                 if area.top() <= y <= lowest]
        if not lines:  # no room beside the claim: over it, inside the area
            lines = [max(area.top(), min(near.bottom() + 6, lowest))]
        spots = [QRect(x, y, width, height) for y in lines for x in columns]

        def hidden(spot: QRect) -> int:
            return sum(1 for rect in avoid if spot.intersects(rect))

        self.move(min(spots, key=hidden).topLeft())  # the first of the least covering

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(SPAN_ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return True
        return False
