"""The form beside the scheme tree: every setting of the chosen label, attribute, value or
relation type. A field reports its new value when it is left (or Enter is pressed, a choice
made, a box ticked); the dialog turns that into a scheme edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from annotator.core.scheme import PROCLITIC_POLICIES, STYLES, Scheme
from annotator.ui.common.i18n import tr
from annotator.ui.scheme.draft import Path

TEXTS = ("names.ar", "names.en", "description.ar", "description.en", "example")


def _titles() -> dict[str, str]:
    return {
        "name": tr("Machine name"), "color": tr("Colour"), "hotkey": tr("Key"),
        "style": tr("Drawn as"), "proclitics": tr("Attached proclitics"),
        "names.ar": tr("Arabic name"), "names.en": tr("English name"),
        "description.ar": tr("Definition (Arabic)"), "description.en": tr("Definition (English)"),
        "example": tr("Arabic example"), "default": tr("Proposed value"),
        "required": tr("Required"), "from": tr("From labels"), "to": tr("To labels"),
    }


FIELDS = {
    "label": ("name", "color", "hotkey", "style", "proclitics", *TEXTS),
    "attribute": ("name", "default", "required", *TEXTS),
    "value": ("name", "hotkey", *TEXTS),
    "relation": ("name", "hotkey", "from", "to", *TEXTS),
}


class NoteField(QPlainTextEdit):
    """A few lines of text that report themselves when left."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # Qt's name
        super().focusOutEvent(event)
        if self.document().isModified():
            self.document().setModified(False)
            self.committed.emit(self.toPlainText())


def current_values(scheme: Scheme, path: Path) -> dict[str, object]:
    """What the form shows for an item of `scheme`."""
    kind, *names = path
    owner = scheme.label(names[0]) if scheme.has_label(names[0]) else scheme.relation(names[0])
    item = owner
    if kind in ("attribute", "value"):
        item = owner.attribute(names[1])
        if kind == "value":
            item = item.value(names[2])
    values: dict[str, object] = {"name": item.name, "example": item.example}
    for language in ("ar", "en"):
        values[f"names.{language}"] = item.names.get(language, "")
        values[f"description.{language}"] = item.description.get(language, "")
    for key in ("color", "hotkey", "style", "proclitics", "default", "required"):
        if hasattr(item, key):
            values[key] = getattr(item, key)
    if kind == "relation":
        values["from"], values["to"] = list(item.heads), list(item.tails)
    return values


class SchemeItemForm(QWidget):
    edited = Signal(object, str, object)  # path, field, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemeItemForm")
        self.layout_ = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
        self.path: Path | None = None

    def show_item(self, scheme: Scheme, path: Path | None) -> None:
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.fields.clear()
        self.path = path
        if path is None:
            return
        values = current_values(scheme, path)
        titles = _titles()
        for key in FIELDS[path[0]]:
            widget = self._field(scheme, key, values.get(key))
            widget.setObjectName(f"field_{key.replace('.', '_')}")
            self.fields[key] = widget
            self.layout_.addRow(titles[key], widget)

    def _emit(self, key: str) -> Callable[..., None]:
        return lambda value: self.edited.emit(self.path, key, value)

    def _field(self, scheme: Scheme, key: str, value: object) -> QWidget:
        if key in ("style", "proclitics", "default"):
            return self._choice(scheme, key, value)
        if key == "required":
            box = QCheckBox()
            box.setChecked(bool(value))
            box.clicked.connect(self._emit(key))
            return box
        if key in ("from", "to"):
            return self._labels(scheme, key, value)
        if key.startswith("description"):
            text = NoteField()
            text.setPlainText(str(value or ""))
            text.document().setModified(False)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 3 + 12)
            text.committed.connect(self._emit(key))
            # Each language reads from its own side, whatever the interface language (a
            # QPlainTextEdit right-aligns only with AlignRight | AlignAbsolute).
            arabic = key.endswith(".ar")
            option = QTextOption(text.document().defaultTextOption())
            option.setTextDirection(Qt.LayoutDirection.RightToLeft if arabic
                                    else Qt.LayoutDirection.LeftToRight)
            option.setAlignment((Qt.AlignmentFlag.AlignRight if arabic
                                 else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignAbsolute)
            text.document().setDefaultTextOption(option)
            return text
        line = QLineEdit(str(value or ""))
        if key == "hotkey":
            line.setMaxLength(1)
            line.setFixedWidth(line.fontMetrics().horizontalAdvance("WW") + 16)
        line.setLayoutDirection(Qt.LayoutDirection.RightToLeft if key in ("names.ar", "example")
                                else Qt.LayoutDirection.LeftToRight)
        shown = line.text()
        line.editingFinished.connect(
            lambda: line.text() != shown and self._emit(key)(line.text()))
        if key != "color":
            return line
        return self._colour(line)

    def _colour(self, line: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(tr("Choose…"))
        button.setObjectName("chooseColour")
        row.addWidget(line)
        row.addWidget(button)
        line.setStyleSheet(f"QLineEdit {{ border-left: 14px solid {line.text()}; }}")

        def choose() -> None:
            colour = QColorDialog.getColor(QColor(line.text()), self, tr("Colour"))
            if colour.isValid():
                line.setText(colour.name())
                self._emit("color")(colour.name())

        button.clicked.connect(choose)
        box.setFocusProxy(line)
        self.fields["color.line"] = line
        return box

    def _choice(self, scheme: Scheme, key: str, value: object) -> QComboBox:
        box = QComboBox()
        if key == "style":
            options = [(s, tr("a colour behind the text") if s == "background"
                        else tr("a bar under the lines")) for s in STYLES]
        elif key == "proclitics":
            names = {"trim": tr("left out of the span"), "suggest": tr("suggest leaving out"),
                     "keep": tr("kept in the span")}
            options = [(p, names[p]) for p in PROCLITIC_POLICIES]
        else:
            _kind, owner, attribute = self.path or ("", "", "")
            definition = (scheme.label(owner) if scheme.has_label(owner)
                          else scheme.relation(owner)).attribute(attribute)
            options = [(None, tr("(none)"))] + [(v.name, v.name) for v in definition.values]
        for data, text in options:
            box.addItem(text, data)
        box.setCurrentIndex(max(0, box.findData(value)))
        box.activated.connect(lambda index: self._emit(key)(box.itemData(index)))
        return box

    def _labels(self, scheme: Scheme, key: str, value: object) -> QListWidget:
        chosen = set(value or ())  # type: ignore[call-overload]
        box = QListWidget()
        for label in scheme.labels:
            item = QListWidgetItem(label.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if label.name in chosen
                               else Qt.CheckState.Unchecked)
            box.addItem(item)
        box.setFixedHeight(box.sizeHintForRow(0) * min(len(scheme.labels), 5) + 6)
        box.itemChanged.connect(lambda _item: self._emit(key)(
            [box.item(i).text() for i in range(box.count())
             if box.item(i).checkState() == Qt.CheckState.Checked]))
        return box
