"""The selected span's attributes and note.

One row of buttons per attribute the scheme gives the span's label (a claim's stance:
asserted, reported, denied, uncertain), each showing its key; a click sets the value and a
click on the value already set clears it. The note is saved as one undoable edit when Enter
is pressed or the field loses the focus; Esc puts the saved note back.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.core.scheme import Scheme
from annotator.services.guidelines import tooltip
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.panel_tools import show_if
from annotator.ui.common.plain import rich

VALUE_COLUMNS = 2


class AttributesPanel(QWidget):
    attributeChosen = Signal(str, str, object)  # span id, attribute, value name or None
    noteCommitted = Signal(str, str)  # span id, note
    noteDone = Signal()  # Enter or Esc in the note: back to the article

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attributesPanel")
        self.header = QLabel()
        self.header.setObjectName("selectedSpan")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.values_box = QWidget()
        self.values_layout = QVBoxLayout(self.values_box)
        self.values_layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLineEdit()
        self.note.setObjectName("noteEditor")
        self.note.setPlaceholderText(tr("A note on this span (Enter saves it)"))
        self.note.setClearButtonEnabled(True)
        self.note.editingFinished.connect(self.commit_note)
        self.note.installEventFilter(self)
        self.note_title = QLabel(tr("Note"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.values_box)
        layout.addWidget(self.note_title)
        layout.addWidget(self.note)
        self.buttons: dict[tuple[str, str], QToolButton] = {}  # (attribute, value)
        # The scheme and label the rows were built for (the scheme itself, not its id: a new
        # scheme could reuse a freed one's id).
        self._shape: tuple[Scheme, str] | None = None
        self.span: Span | None = None
        self.show_span(None, None)

    # -- showing ---------------------------------------------------------------------------

    def show_span(self, scheme: Scheme | None, span: Span | None) -> None:
        """Show `span` (None: nothing is selected)."""
        self.span = span
        has_span = scheme is not None and span is not None and scheme.has_label(span.label)
        show_if(self.values_box, has_span)
        show_if(self.note, has_span)
        show_if(self.note_title, has_span)
        if not has_span:
            self.header.setText(tr("Select a span to see its attributes, note and links."))
            return
        lang = language()
        label = scheme.label(span.label)
        text = " ".join(span.text.split())
        text = text if len(text) <= 90 else text[:89] + "…"
        self.header.setText(f'<span style="background:{label.color}">&nbsp;'
                            f"{html.escape(label.display(lang))}&nbsp;</span> {rich(text)}")
        self.header.setToolTip(tooltip(scheme, label.name, lang))
        if self._shape is None or self._shape[0] is not scheme or self._shape[1] != label.name:
            self._build(scheme, span.label)
        for (attribute, value), button in self.buttons.items():
            button.setChecked(span.attrs.get(attribute) == value)
        if not self.note.hasFocus() or not self.note.isModified():
            self.note.setText(span.note)
            self.note.setModified(False)

    def _build(self, scheme: Scheme, label_name: str) -> None:
        while self.values_layout.count():
            item = self.values_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # it is deleted later; until then it must not show
                item.widget().deleteLater()
        self.buttons.clear()
        self._shape = (scheme, label_name)
        lang = language()
        label = scheme.label(label_name)
        # The value that is set shows in the label's colour: plain "checked" is too faint.
        checked_style = (f"QToolButton {{ padding: 4px 8px; }} QToolButton:checked {{ "
                         f"background: {label.color}; font-weight: bold; "
                         f"border: 2px solid {QColor(label.color).darker(160).name()}; "
                         f"border-radius: 4px; }}")
        for attribute in label.attributes:
            title = QLabel(attribute.display(lang))
            title.setToolTip(tooltip(scheme, f"{label_name}.{attribute.name}", lang))
            self.values_layout.addWidget(title)
            grid_box = QWidget()
            grid = QGridLayout(grid_box)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(4)
            for n, value in enumerate(attribute.values):
                button = QToolButton()
                button.setObjectName(f"value_{attribute.name}_{value.name}")
                button.setCheckable(True)
                button.setAutoRaise(False)
                # In Arabic the key still comes first, on the right (a Latin letter first
                # would turn the line left to right).
                lead = "\u200f" if lang == "ar" else ""
                button.setText(f"{lead}{value.hotkey.upper()}  {value.display(lang)}"
                               if value.hotkey else value.display(lang))
                button.setToolTip(tooltip(scheme, f"{label_name}.{attribute.name}:{value.name}",
                                          lang))
                button.setStyleSheet(checked_style)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                button.clicked.connect(
                    lambda checked, a=attribute.name, v=value.name: self._clicked(a, v, checked))
                grid.addWidget(button, n // VALUE_COLUMNS, n % VALUE_COLUMNS)
                self.buttons[(attribute.name, value.name)] = button
            self.values_layout.addWidget(grid_box)
        if not label.attributes:
            none = QLabel(tr("This label has no attributes."))
            none.setEnabled(False)
            self.values_layout.addWidget(none)

    def _clicked(self, attribute: str, value: str, checked: bool) -> None:
        if self.span is not None:
            self.attributeChosen.emit(self.span.id, attribute, value if checked else None)

    # -- the note --------------------------------------------------------------------------

    def edit_note(self) -> None:
        if self.span is not None:
            self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.note.selectAll()

    def commit_note(self) -> None:
        span = self.span
        if span is not None and self.note.text() != span.note:
            self.noteCommitted.emit(span.id, self.note.text())
        self.note.setModified(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.note and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.note.setText(self.span.note if self.span else "")
                self.note.setModified(False)
                self.noteDone.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commit_note()
                self.noteDone.emit()
                return True
        return False

