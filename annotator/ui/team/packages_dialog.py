"""File › Work packages…: the choices of `tawsim package`, with a preview of who gets what.

The preview is the packaging service's own plan (plan_packages), made again a moment after
each change; a choice it refuses shows its one-line reason and the dialog cannot be accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, Status
from annotator.services.identity import layers_of_kind
from annotator.services.packaging import PackagePlan, plan_packages
from annotator.ui.common.failures import said
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import status_name
from annotator.ui.common.plain import isolated
from annotator.ui.common.plurals import documents
from annotator.ui.common.session import DeskSession

PREVIEW_DELAY_MS = 300


@dataclass(frozen=True)
class PackageChoice:
    folder: Path
    annotators: list[str]
    overlap: float
    per_annotator: int | None
    status: str | None
    with_layer: str | None
    reassign: bool


def split_names(text: str) -> list[str]:
    return [name.strip() for name in text.replace("،", ",").split(",") if name.strip()]


class PackagesDialog(QDialog):
    def __init__(self, parent: QWidget | None, desk: DeskSession, folder: Path) -> None:
        super().__init__(parent)
        self.setObjectName("packagesDialog")
        self.setWindowTitle(tr("Work packages"))
        self.desk = desk
        self.plan: PackagePlan | None = None
        self.names = QLineEdit()
        self.names.setObjectName("packageAnnotators")
        self.names.setPlaceholderText(tr("amal, basel, chadi"))
        self.folder = QLineEdit(str(folder))
        self.folder.setObjectName("packageFolder")
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.overlap = QSpinBox()
        self.overlap.setObjectName("packageOverlap")
        self.overlap.setRange(0, 100)
        self.overlap.setSuffix(" %")
        self.overlap.setValue(20)
        self.per_annotator = QSpinBox()
        self.per_annotator.setObjectName("packagePerAnnotator")
        self.per_annotator.setRange(0, 10_000_000)
        self.per_annotator.setSpecialValueText(tr("all"))
        self.status = QComboBox()
        self.status.setObjectName("packageStatus")
        self.status.addItem(tr("any status"), None)
        for status in Status:
            self.status.addItem(status_name(status), status.value)
        self.layer = QComboBox()
        self.layer.setObjectName("packageLayer")
        self.layer.addItem(tr("none"), None)
        for name in layers_of_kind(desk.project, LayerKind.MODEL):
            self.layer.addItem(name, name)
        self.reassign = QCheckBox(tr("Hand out again documents already assigned"))
        self.reassign.setObjectName("packageReassign")
        form = QFormLayout()
        form.addRow(tr("Annotators (separated by commas)"), self.names)
        form.addRow(tr("Folder for the packages"), where)
        form.addRow(tr("Documents for two annotators"), self.overlap)
        form.addRow(tr("Documents per annotator"), self.per_annotator)
        form.addRow(tr("Documents whose status is"), self.status)
        form.addRow(tr("Predictions to start from"), self.layer)
        form.addRow("", self.reassign)
        self.preview = QLabel()
        self.preview.setObjectName("packagePreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Write the packages"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(PREVIEW_DELAY_MS)
        self._delay.timeout.connect(self.update_preview)
        for signal in (self.names.textChanged, self.folder.textChanged,
                       self.overlap.valueChanged, self.per_annotator.valueChanged,
                       self.status.currentIndexChanged, self.layer.currentIndexChanged,
                       self.reassign.toggled):
            signal.connect(lambda *_: self._delay.start())
        self.update_preview()

    def choice(self) -> PackageChoice:
        return PackageChoice(Path(self.folder.text().strip()).expanduser(),
                             split_names(self.names.text()), self.overlap.value() / 100,
                             self.per_annotator.value() or None, self.status.currentData(),
                             self.layer.currentData(), self.reassign.isChecked())

    def update_preview(self) -> None:
        self._delay.stop()
        choice = self.choice()
        self.plan = None
        if not choice.annotators:
            self._show(tr("Name the annotators the packages are for."), ready=False)
            return
        try:
            self.plan = plan_packages(self.desk.project, choice.annotators,
                                      out_dir=choice.folder, overlap=choice.overlap,
                                      per_annotator=choice.per_annotator,
                                      status=choice.status, with_layer=choice.with_layer,
                                      reassign=choice.reassign)
        except TawsimError as error:
            self._show(said(error), ready=False)
            return
        lines = [tr("{annotator}: {documents}, {overlap} of them shared",
                    annotator=package.annotator, documents=documents(package.documents),
                    overlap=len(package.overlap)) for package in self.plan.packages]
        lines.append(tr("{documents} handed out, {shared} to two annotators.",
                        documents=documents(self.plan.handed_out), shared=self.plan.overlap))
        if self.plan.skipped_assigned and not choice.reassign:
            lines.append(tr("{documents} already assigned are left out.",
                            documents=documents(self.plan.skipped_assigned)))
        lines += [tr("{documents} handed out again will no longer be assigned to {name}.",
                     documents=documents(count), name=isolated(name))
                  for name, count in self.plan.taken_from]
        self._show("\n".join(lines), ready=True)

    def _show(self, text: str, *, ready: bool) -> None:
        self.preview.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the packages"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)
