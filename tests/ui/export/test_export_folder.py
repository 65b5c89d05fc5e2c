"""File › Export suggests a file in the user's Documents (or home), named after the project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog

from annotator.ui.shell.dialogs import file_stem
from tests.ui.conftest import when_modal


def test_the_default_export_path_is_outside_the_hidden_data_folder(qtbot, app_paths,
                                                                   open_desk):
    window = open_desk().window  # the default project, in the app's data folder
    assert app_paths.data_dir in window.desk.path.parents
    suggested: list[Path] = []

    def look(dialog) -> None:
        suggested.append(Path(dialog.path.text()))
        dialog.reject()

    when_modal(QDialog, look)
    window.actions_.export.trigger()
    (path,) = suggested
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    assert path.parent in {Path(documents), Path.home()}
    assert app_paths.data_dir not in path.parents
    assert path.name == f"{file_stem(window.desk.name)}.jsonl"


def test_project_names_become_file_names():
    assert file_stem("أخبار: الأسبوع 3/4") == "أخبار- الأسبوع 3-4"
    assert file_stem("  ...  ") == "dataset"
