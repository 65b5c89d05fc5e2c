"""The selected span's links: a claim's source, or the claims an actor is the source of.

Each row names the relation and the span at the other end. Enter (or a double-click) goes to
that span, Change… re-points the link, Del removes it; the buttons below start a new link of
each type the scheme allows from this label, with the relation's key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.core.scheme import Scheme
from annotator.services.claims import LinkedSpan
from annotator.services.guidelines import tooltip
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.labels import swatch, text_alignment
from annotator.ui.common.panel_tools import show_if
from annotator.ui.common.plain import isolated
from annotator.ui.common.plain import tooltip as plain_tooltip

RELATION_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2
ROWS_SHOWN = 4


class LinksPanel(QWidget):
    jumpRequested = Signal(str)  # span id
    changeRequested = Signal(str)  # relation id
    deleteRequested = Signal(str)  # relation id
    linkRequested = Signal(str)  # relation type: a new link from the selected span

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linksPanel")
        self.title = QLabel(tr("Links"))
        self.list = QListWidget()
        self.list.setObjectName("linkList")
        self.list.itemActivated.connect(lambda item: self.jumpRequested.emit(
            item.data(SPAN_ROLE)))
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.installEventFilter(self)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.go = QPushButton(tr("Go to"))
        self.change = QPushButton(tr("Change…"))
        self.delete = QPushButton(tr("Delete"))
        self.go.clicked.connect(lambda: self._current(self.jumpRequested, SPAN_ROLE))
        self.change.clicked.connect(lambda: self._current(self.changeRequested, RELATION_ROLE))
        self.delete.clicked.connect(lambda: self._current(self.deleteRequested, RELATION_ROLE))
        row = QHBoxLayout()
        row.addWidget(self.go)
        row.addWidget(self.change)
        row.addWidget(self.delete)
        self.new_links = QHBoxLayout()
        # What the link buttons are for: the scheme (kept, so its id is never reused while
        # compared) and the relation types.
        self._shape: tuple[Scheme | None, tuple[str, ...]] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addLayout(self.new_links)
        self.show_links(None, None, [])

    def show_links(self, scheme: Scheme | None, span: Span | None,
                   links: list[LinkedSpan]) -> None:
        current = self.list.currentItem().data(RELATION_ROLE) if self.list.currentItem() \
            else None
        self.list.clear()
        lang = language()
        for link in links:
            text = " ".join(link.text.split())
            text = text if len(text) <= 70 else text[:69] + "…"
            line = f"{link.type_title}: {isolated(text)}" if link.outgoing \
                else tr("{relation} of: {span}", relation=link.type_title, span=isolated(text))
            item = QListWidgetItem(line)
            if scheme is not None and scheme.has_label(link.label):
                label = scheme.label(link.label)
                item.setIcon(swatch(label.color, label.style))
            item.setData(RELATION_ROLE, link.relation_id)
            item.setData(SPAN_ROLE, link.span_id)
            item.setTextAlignment(Qt.AlignmentFlag(text_alignment(line)))
            item.setToolTip(plain_tooltip(f"{link.label_title}: {link.text}"))
            self.list.addItem(item)
            if link.relation_id == current:
                self.list.setCurrentItem(item)
        if links and self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        # As tall as its rows (up to four): the panel keeps its room for the attributes.
        rows = max(1, min(len(links), ROWS_SHOWN))
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 1)
                                 + 2 * self.list.frameWidth() + 2)
        has_span = scheme is not None and span is not None and scheme.has_label(span.label)
        show_if(self, has_span)
        show_if(self.list, bool(links))
        starts = scheme.relations_from(span.label) if has_span else ()
        show_if(self.empty, has_span and not links)
        if starts:
            self.empty.setText(tr("Not linked yet. Press {key} to link it.",
                                  key=" / ".join(r.hotkey.upper() for r in starts if r.hotkey)
                                  or "…"))
        else:
            self.empty.setText(tr("No links."))
        self._fill_new_links(scheme, starts, lang)
        self._update_buttons()

    def _fill_new_links(self, scheme: Scheme | None, starts: tuple, lang: str) -> None:
        shape = (scheme, tuple(r.name for r in starts))
        if self._shape is not None and self._shape[0] is scheme and self._shape[1] == shape[1]:
            return
        self._shape = shape
        while self.new_links.count():
            item = self.new_links.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # it is deleted later; until then it must not show
                item.widget().deleteLater()
        for relation in starts:
            text = tr("Link {relation}…", relation=relation.display(lang))
            button = QPushButton(f"{text}  ({relation.hotkey.upper()})" if relation.hotkey
                                 else text)
            button.setObjectName(f"link_{relation.name}")
            if scheme is not None:
                button.setToolTip(tooltip(scheme, relation.name, lang))
            button.clicked.connect(lambda _=False, n=relation.name: self.linkRequested.emit(n))
            self.new_links.addWidget(button)

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        for button in (self.go, self.change, self.delete):
            button.setEnabled(has)
            show_if(button, self.list.count() > 0)

    def _current(self, signal: Signal, role: int) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(role))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if not isinstance(event, QKeyEvent) \
                or event.key() not in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # Del here removes the link, not the span (the window's shortcut)
            return True
        if event.type() == QEvent.Type.KeyPress:
            self._current(self.deleteRequested, RELATION_ROLE)
            return True
        return False
