"""The label palette: one button per label (colour, hotkey, name), then Done and the
whole-word option. The buttons are the window's own actions, so they do what the keys do."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSizePolicy, QToolBar, QWidget

from annotator.ui.common.i18n import tr


class LabelPalette(QToolBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Labels"), parent)
        self.setObjectName("labelPalette")
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(16, 16))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def set_actions(self, labels: list[QAction], trailing: list[QAction]) -> None:
        self.clear()
        for action in labels:
            self.addAction(action)
            self.widgetForAction(action).setObjectName(f"palette_{action.objectName()}")
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        for action in trailing:
            self.addAction(action)
