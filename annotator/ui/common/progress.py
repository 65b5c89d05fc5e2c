"""A window-modal progress dialog with Cancel, for imports, exports and merges.

It appears only when the work takes longer than a moment (a short job finishes without a
dialog flashing up) and stays until the work closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.ui.common.i18n import tr

SHOW_AFTER_MS = 300


def progress_dialog(parent: QWidget, title: str, maximum: int) -> QProgressDialog:
    dialog = QProgressDialog(title, tr("Cancel"), 0, maximum, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog
