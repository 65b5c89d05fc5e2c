"""Parts of the export dialog: a format's own options, the labels to export, and the split.

Option widgets come from the format's declared options (services.catalog): a list of choices
becomes a drop-down, anything else a text field showing its default. Only values the user
changed are passed on, so a format's defaults stay its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import TawsimError
from annotator.core.scheme import Scheme
from annotator.services.catalog import FormatInfo
from annotator.ui.common.failures import said
from annotator.ui.common.i18n import language, tr
from annotator.ui.export.texts import choice_name, option_help, option_name

DEFAULT_SPLIT = "train=0.8,dev=0.1,test=0.1"


class OptionsForm(QWidget):
    """The chosen format's options; empty (and hidden) for a format without any."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QComboBox | QLineEdit] = {}
        self.defaults: dict[str, str] = {}

    def set_format(self, info: FormatInfo) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields, self.defaults = {}, {}
        for spec in info.options:
            help_text = option_help(spec.name, spec.help, info.name)
            field: QComboBox | QLineEdit
            if spec.choices:
                field = QComboBox()
                for value in spec.choices:
                    field.addItem(choice_name(value), value)
                field.setCurrentIndex(max(field.findData(spec.default), 0))
            else:
                field = QLineEdit()
                field.setPlaceholderText(spec.default)
            field.setObjectName(f"option:{spec.name}")
            field.setToolTip(help_text)
            label = QLabel(option_name(spec.name))
            label.setToolTip(help_text)
            self.form.addRow(label, field)
            self.fields[spec.name] = field
            self.defaults[spec.name] = spec.default
        self.setVisible(bool(info.options))

    def values(self) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for name, field in self.fields.items():
            value = field.currentData() if isinstance(field, QComboBox) \
                else field.text().strip()
            if value and value != self.defaults[name]:
                chosen[name] = value
        return chosen


class LabelChecks(QWidget):
    """A check box per label; all checked means no filter."""

    def __init__(self, scheme: Scheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for number, label in enumerate(scheme.labels):
            box = QCheckBox(label.display(language()))
            box.setObjectName(f"exportLabel:{label.name}")
            box.setChecked(True)
            grid.addWidget(box, number // 4, number % 4)
            self.boxes[label.name] = box

    def chosen(self) -> set[str] | None:
        names = {name for name, box in self.boxes.items() if box.isChecked()}
        return None if len(names) == len(self.boxes) else names


class SplitChooser(QWidget):
    """Whether to split the documents into parts by a hash of their id, and the shares."""

    changed = Signal()

    def __init__(self, preview: Callable[[str], dict[str, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.enabled = QCheckBox(tr("Split into parts, each document by its id"))
        self.enabled.setObjectName("exportSplit")
        self.spec_field = QLineEdit(DEFAULT_SPLIT)
        self.spec_field.setObjectName("exportSplitSpec")
        self.spec_field.setToolTip(tr("Parts and their shares, as NAME=SHARE separated by "
                                      "commas. A document always goes to the same part."))
        self.counts = QLabel()
        self.counts.setObjectName("exportSplitCounts")
        self.counts.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.spec_field, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.counts)
        self.valid = True
        self.enabled.toggled.connect(self._update)
        self.spec_field.textChanged.connect(self._update)
        self._update()

    def spec(self) -> str | None:
        return self.spec_field.text().strip() if self.enabled.isChecked() else None

    def _update(self) -> None:
        on = self.enabled.isChecked()
        self.spec_field.setEnabled(on)
        self.valid = True
        if not on:
            self.counts.clear()
        else:
            try:
                counts = self.preview(self.spec_field.text().strip())
            except TawsimError as error:
                self.valid = False
                self.counts.setText(said(error))
            else:
                self.counts.setText(tr("Documents in each part: {parts}", parts=" · ".join(
                    f"{name} {count}" for name, count in counts.items())))
        self.changed.emit()
