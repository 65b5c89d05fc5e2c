"""Importing articles into the open project, with a progress dialog that can be cancelled.

An import runs on the desk's own connection: the modal progress dialog keeps the window
responsive (QProgressDialog.setValue processes events), and a cancelled or failed import
changes nothing (the service rolls its transaction back).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from annotator.services.importing import ImportCancelled, import_paths, input_size
from annotator.ui.common.failures import user_message
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import warn
from annotator.ui.common.progress import progress_dialog
from annotator.ui.common.session import DeskSession

KIB = 1024


def import_articles(parent: QWidget, desk: DeskSession, paths: list[Path]) -> int | None:
    """Import `paths` into the project; the number of documents added, None if nothing was
    (a refusal says why in a message box, and leaves the project as it was)."""
    if not paths:
        return None
    try:
        total = max(input_size(paths) // KIB, 1)
    except OSError as error:  # a folder without rights, a file gone meanwhile
        _refuse(parent, desk, error)
        return None
    dialog = progress_dialog(parent, tr("Importing articles…"), total)
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
        _refuse(parent, desk, error)
        return None
    dialog.close()
    desk.notify_documents_added()
    return counts.documents_new


def _refuse(parent: QWidget, desk: DeskSession, error: Exception) -> None:
    message = user_message(error, desk.path)
    if message is None:
        raise error
    warn(parent, tr("Import failed"), tr("Nothing was imported.") + "\n\n" + message)
