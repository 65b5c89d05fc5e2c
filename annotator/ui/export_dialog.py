"""Export options: format, whose annotations, which documents, and where to write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core.model import Status
from annotator.services.catalog import formats
from annotator.ui.i18n import tr


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    format: str
    layer: str | None
    status: Status | None


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, layer: str, folder: Path, name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export dataset"))
        self.setMinimumWidth(520)
        self._formats = {f.name: f for f in formats() if f.can_export}
        self.format = QComboBox()
        for info in self._formats.values():
            self.format.addItem(f"{info.name}: {info.description}", info.name)
        self.layer = QComboBox()
        self.layer.addItem(tr("My annotations ({layer})", layer=layer), layer)
        self.layer.addItem(tr("Every layer"), None)
        self.status = QComboBox()
        self.status.addItem(tr("Every document"), None)
        self.status.addItem(tr("Only documents marked done"), Status.DONE.value)
        self.path = QLineEdit(str(folder / f"{name}.jsonl"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Format"), self.format)
        form.addRow(tr("Annotations"), self.layer)
        form.addRow(tr("Documents"), self.status)
        form.addRow(tr("Save to"), where)
        form.addRow(buttons)

    def _browse(self) -> None:
        info = self._formats[self.format.currentData()]
        if info.writes_folder:
            chosen = QFileDialog.getExistingDirectory(self, tr("Export to a folder"),
                                                      self.path.text())
        else:
            patterns = " ".join(f"*{ext}" for ext in info.extensions)
            chosen, _ = QFileDialog.getSaveFileName(self, tr("Export dataset"), self.path.text(),
                                                    f"{info.name} ({patterns})")
        if chosen:
            self.path.setText(chosen)

    def choice(self) -> ExportChoice | None:
        text = self.path.text().strip()
        if not text:
            return None
        status = self.status.currentData()
        return ExportChoice(Path(text), self.format.currentData(), self.layer.currentData(),
                            Status(status) if status else None)
