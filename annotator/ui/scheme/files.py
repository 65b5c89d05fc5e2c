"""Loading a scheme file into the open project, and saving its scheme to a file.

A file is checked (JSON Schema and the scheme's rules) and its effect on the annotations
counted before anything changes; a file that is not a valid scheme is refused with the
message saying what is wrong and where, and one that would delete annotations says how many
and asks first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.core.errors import SchemeError, TawsimError
from annotator.services.scheme import SchemeChangeReport
from annotator.ui.common.failures import said
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import Button, ask, warn
from annotator.ui.common.session import DeskSession
from annotator.ui.scheme.counts import describe_counts


def _filter() -> str:
    return tr("Scheme files") + " (*.json);;" + tr("All files") + " (*)"


def choose_scheme_file(parent: QWidget, folder: Path) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("Load a scheme file"), str(folder),
                                          _filter())
    return Path(path) if path else None


def load_scheme_file(parent: QWidget, desk: DeskSession, path: Path
                     ) -> SchemeChangeReport | None:
    """Load `path` as the project's scheme after the annotator agrees; None if nothing
    changed."""
    try:
        preview = desk.import_scheme(path, dry_run=True)
    except SchemeError as error:
        warn(parent, tr("Cannot load the scheme"), said(error))
        return None
    counts = preview.counts
    question = tr("Load the scheme “{name}” from {file}?", name=preview.scheme.name,
                  file=path.name) + "\n\n" + describe_counts(counts)
    if counts.loss:
        question += "\n\n" + tr("The annotations the new scheme cannot keep ({count}) will be "
                                "deleted. To keep them, give them names the file has "
                                "(tawsim scheme import --rename).", count=counts.loss)
    answer = ask(parent, tr("Load a scheme"), question, Button.Yes | Button.No, Button.No)
    if answer != Button.Yes:
        return None
    try:
        return desk.import_scheme(path, delete=bool(counts.loss))
    except SchemeError as error:
        warn(parent, tr("Cannot load the scheme"), said(error))
        return None


def choose_scheme_target(parent: QWidget, folder: Path, name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save the scheme to a file"),
                                          str(folder / f"{name}.json"), _filter())
    return Path(path) if path else None


def save_scheme_file(parent: QWidget, desk: DeskSession, path: Path) -> Path | None:
    """Write the project's scheme to `path`; a failure is explained and returns None."""
    try:
        return desk.export_scheme(path)
    except TawsimError as error:
        warn(parent, tr("Cannot save the scheme"), said(error))
        return None
