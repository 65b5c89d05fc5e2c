"""Import with a progress dialog that can be cancelled, and export waiting for its job.

An import runs on the window's own connection: the modal progress dialog keeps the window
responsive (QProgressDialog.setValue processes events), and a cancelled or failed import
changes nothing (the service rolls its transaction back). An export runs as a background job
(export_flow); export_articles waits for it in a local event loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.services.importing import ImportCancelled, import_paths, input_size
from annotator.services.projects import as_user_error
from annotator.ui.common.i18n import tr
from annotator.ui.common.session import DeskSession
from annotator.ui.export.dialog import ExportChoice
from annotator.ui.export.run import ExportRun

if TYPE_CHECKING:
    from annotator.ui.shell.window import MainWindow

KIB = 1024
SHOW_AFTER_MS = 300  # short imports finish without a dialog flashing up


def _progress(parent: QWidget, title: str, maximum: int) -> QProgressDialog:
    dialog = QProgressDialog(title, tr("Cancel"), 0, maximum, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


def _user_message(error: Exception) -> str | None:
    if isinstance(error, TawsimError):
        return str(error)
    translated = as_user_error(error)
    return str(translated) if translated is not None else None


def import_articles(parent: QWidget, desk: DeskSession, paths: list[Path]) -> int | None:
    """Import `paths` into the project; the number of documents added, None if nothing was."""
    if not paths:
        return None
    total = max(input_size(paths) // KIB, 1)
    dialog = _progress(parent, tr("Importing articles…"), total)
    read = [0]

    def advance(count: int) -> None:
        read[0] += count
        dialog.setValue(min(read[0] // KIB, total))

    try:
        counts = import_paths(desk.project, paths, actor=desk.annotator, progress=advance,
                              cancelled=dialog.wasCanceled)
    except ImportCancelled:
        dialog.close()
        return None
    except Exception as error:
        dialog.close()
        message = _user_message(error)
        if message is None:
            raise
        QMessageBox.warning(parent, tr("Import failed"),
                            tr("Nothing was imported.") + "\n\n" + message)
        return None
    dialog.close()
    desk.notify_documents_added()
    return counts.documents_new


def export_articles(window: MainWindow, desk: DeskSession, out: Path, *, format: str,
                    layer: str | None, status: Status | None) -> bool:
    """Write the dataset and wait for it: the export runs in the background with a
    window-modal progress dialog (Cancel), while this waits in a local event loop. True when
    a complete file was written. File › Export runs the same without waiting."""
    if window.desk is not desk:
        raise ValueError("export the project the window shows")
    run = ExportRun(window, ExportChoice(out, format, layer, status))
    job = run.start()
    if job is None:
        return False
    loop = QEventLoop()
    job.ended.connect(loop.quit)
    loop.exec()
    return run.report is not None
