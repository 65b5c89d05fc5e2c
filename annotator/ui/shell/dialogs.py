"""Small dialogs: the annotator's name, choosing project files, shortcuts and the label guide."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.common.i18n import language, tr

PROJECT_FILTER = "Tawsim (*.tawsim)"
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def documents_folder() -> Path:
    """Where datasets go by default: the user's Documents folder, else their home (never
    the hidden folder the default project lives in)."""
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


def file_stem(name: str) -> str:
    """A project's name as a file name: characters file systems refuse become dashes."""
    return UNSAFE_IN_FILE_NAMES.sub("-", name).strip(" .-") or "dataset"


def ask_annotator(parent: QWidget | None, suggestion: str) -> str | None:
    """The annotator's name, asked once; None if the dialog was cancelled or left empty."""
    name, accepted = QInputDialog.getText(
        parent, tr("Who is annotating?"),
        tr("Your name is recorded on every span you make, and your work goes to a layer "
           "of its own under this name."),
        QLineEdit.EchoMode.Normal, suggestion)
    name = name.strip()
    return name if accepted and name else None


def choose_new_project(parent: QWidget | None, folder: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, tr("New project"),
                                          str(folder / "project.tawsim"), PROJECT_FILTER)
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix == ".tawsim" else chosen.with_name(chosen.name + ".tawsim")


def choose_project(parent: QWidget | None, folder: Path) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("Open project"), str(folder),
                                          PROJECT_FILTER)
    return Path(path) if path else None


def choose_import_files(parent: QWidget | None, folder: Path) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, tr("Import articles"), str(folder),
        tr("Articles") + " (*.txt *.json *.jsonl *.ndjson);;" + tr("All files") + " (*)")
    return [Path(p) for p in paths]


def choose_import_folder(parent: QWidget | None, folder: Path) -> list[Path]:
    path = QFileDialog.getExistingDirectory(parent, tr("Import a folder of articles"),
                                            str(folder))
    return [Path(path)] if path else []


class TextDialog(QDialog):
    """A read-only page of rich text with a Close button."""

    def __init__(self, parent: QWidget | None, title: str, body: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(620, 560)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def shortcuts_page(actions: list[QAction]) -> str:
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if not keys:
            continue
        text = html.escape(action.text().replace("&", ""))
        shown = " ، ".join(keys) if language() == "ar" else ", ".join(keys)
        rows.append(f"<tr><td>{text}</td><td dir='ltr'><b>{html.escape(shown)}</b></td></tr>")
    extra = [
        (tr("Select text"), tr("Shift or Ctrl+Shift with the arrows, Home and End")),
        (tr("The next span under the cursor"), "Tab / Shift+Tab"),
        (tr("Deselect"), "Esc"),
        (tr("Accept the predicted span (in the predictions panel)"), "A"),
    ]
    rows += [f"<tr><td>{html.escape(a)}</td><td><b>{html.escape(b)}</b></td></tr>"
             for a, b in extra]
    return _page(f"<table cellpadding='4'>{''.join(rows)}</table>")


def _page(body: str) -> str:
    direction = "rtl" if language() == "ar" else "ltr"
    return f"<div dir='{direction}'>{body}</div>"


def show_text(parent: QWidget, title: str, body: str) -> None:
    dialog = TextDialog(parent, title, body)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
