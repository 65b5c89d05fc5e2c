"""Export options: format and its options, whose annotations, which documents and labels,
an optional train/dev/test split, and where to write."""

from __future__ import annotations

from dataclasses import dataclass, field
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
from annotator.services.audit import layers_to_compare
from annotator.services.catalog import FormatInfo, formats
from annotator.services.exporting import split_preview
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import status_name
from annotator.ui.common.session import DeskSession
from annotator.ui.export.options import LabelChecks, OptionsForm, SplitChooser
from annotator.ui.export.texts import format_description

EVERY_LAYER = ""  # the layer box's data for "every layer" (no layer is named "")


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    format: str
    layer: str | None
    status: Status | None
    labels: set[str] | None = None
    options: dict[str, str] = field(default_factory=dict)
    split: str | None = None  # "train=0.8,dev=0.1,test=0.1": `path` is then a folder


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, desk: DeskSession, folder: Path,
                 name: str) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export dataset"))
        self.setMinimumWidth(620)
        self.name = name
        self._formats = {f.name: f for f in formats() if f.can_export}
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for info in self._formats.values():
            self.format.addItem(f"{info.name}: {format_description(info)}", info.name)
        self.options = OptionsForm()
        self.layer = QComboBox()
        self.layer.setObjectName("exportLayer")
        self.layer.addItem(tr("The working layer ({layer})", layer=desk.layer), desk.layer)
        for other in layers_to_compare(desk.project)[0]:
            if other != desk.layer:
                self.layer.addItem(tr("Layer {layer}", layer=other), other)
        self._layer_count = self.layer.count()
        self.status = QComboBox()
        self.status.setObjectName("exportStatus")
        self.status.addItem(tr("Every document"), None)
        for status in (Status.DONE, Status.REVIEWED, Status.IN_PROGRESS, Status.NEW):
            self.status.addItem(tr("Only documents marked {status}",
                                   status=status_name(status).lower()), status.value)
        self.labels = LabelChecks(desk.scheme)
        self.split = SplitChooser(lambda spec: split_preview(desk.project, spec))
        self.path = QLineEdit(str(folder / f"{name}.jsonl"))
        self.path.setObjectName("exportPath")
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Format"), self.format)
        form.addRow("", self.options)
        form.addRow(tr("Annotations"), self.layer)
        form.addRow(tr("Documents"), self.status)
        form.addRow(tr("Labels"), self.labels)
        form.addRow(tr("Split"), self.split)
        form.addRow(tr("Save to"), where)
        form.addRow(buttons)
        self._previous = self.info
        self.options.set_format(self.info)
        self._offer_every_layer()
        self.format.currentIndexChanged.connect(self._format_changed)
        self.split.changed.connect(self._target_changed)

    @property
    def info(self) -> FormatInfo:
        return self._formats[self.format.currentData()]

    def _target_changed(self) -> None:
        """A split or a folder format writes a folder; otherwise a file with the format's
        extension. The name follows, unless the user typed one of their own."""
        self.ok.setEnabled(self.split.valid)
        self._retarget(self._previous, self.info)

    def _format_changed(self) -> None:
        self.options.set_format(self.info)
        self._offer_every_layer()
        self._retarget(self._previous, self.info)
        self._previous = self.info

    def _offer_every_layer(self) -> None:
        """Every layer at once only where the format keeps them apart (one record per
        document and layer, as jsonl does) or where there is one layer: the other formats
        hold one layer per document and the export would refuse to mix them."""
        every = self.layer.findData(EVERY_LAYER)
        wanted = self.info.carries_layers or self._layer_count == 1
        if wanted and every < 0:
            self.layer.addItem(tr("Every layer"), EVERY_LAYER)
        elif not wanted and every >= 0:
            self.layer.removeItem(every)

    def _target_name(self, info: FormatInfo) -> str:
        if self.split.spec() is not None or info.writes_folder or not info.extensions:
            return f"{self.name}-{info.name}" if info.name != "jsonl" else self.name
        return self.name + info.extensions[0]

    def _retarget(self, before: FormatInfo, after: FormatInfo) -> None:
        current = Path(self.path.text().strip())
        names = {self._target_name(before), self.name + ".jsonl", self.name,
                 f"{self.name}-{before.name}"} | {self.name + ext for ext in before.extensions}
        if current.name in names:
            self.path.setText(str(current.with_name(self._target_name(after))))

    def _browse(self) -> None:
        info = self.info
        if info.writes_folder or self.split.spec() is not None:
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
        if not text or not self.split.valid:
            return None
        status = self.status.currentData()
        return ExportChoice(Path(text), self.format.currentData(),
                            self.layer.currentData() or None,
                            Status(status) if status else None, self.labels.chosen(),
                            self.options.values(), self.split.spec())
