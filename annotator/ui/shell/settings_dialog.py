"""File › Settings: who you are, the interface language, whole-word selections, and when time
stops counting as active.

The dialog only gathers the choices; the desk applies them (a new name re-opens the work
under it, a new language rebuilds the window). A work package, or a launch with
`--annotator`, keeps its own name for the open project, and the dialog says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.common.i18n import available_languages, language_name, tr
from annotator.ui.common.settings import Settings


@dataclass(frozen=True)
class SettingsChoice:
    name: str
    language: str
    snap_to_words: bool
    idle_minutes: int


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, settings: Settings, note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("Settings"))
        self.name = QLineEdit(settings.annotator)
        self.name.setObjectName("settingsName")
        self.language = QComboBox()
        self.language.setObjectName("settingsLanguage")
        self.language.addItem(tr("Follow the system"), "system")
        for code in available_languages():
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.snap = QCheckBox(tr("Snap selections to whole words"))
        self.snap.setObjectName("settingsSnap")
        self.snap.setChecked(settings.snap_to_words)
        self.idle = QSpinBox()
        self.idle.setObjectName("settingsIdle")
        self.idle.setRange(1, 60)
        self.idle.setValue(settings.idle_minutes)
        self.idle.setSuffix(tr(" min"))
        form = QFormLayout()
        form.addRow(tr("Your name"), self.name)
        form.addRow(tr("Interface language"), self.language)
        form.addRow("", self.snap)
        form.addRow(tr("Time stops counting after"), self.idle)
        explain = QLabel(tr("Your name is recorded on every span you make; your work goes to "
                            "a layer of your own, known by an id this computer keeps. Time "
                            "counts while the window is in front and you pressed a key or "
                            "used the mouse within the minutes above."))
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        if note:
            remark = QLabel(note)
            remark.setObjectName("settingsNote")
            remark.setWordWrap(True)
            layout.addWidget(remark)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            self.name.setPlaceholderText(tr("A name is needed"))
            return
        self.accept()

    def choice(self) -> SettingsChoice:
        return SettingsChoice(self.name.text().strip(), str(self.language.currentData()),
                              self.snap.isChecked(), self.idle.value())
