"""Starting the desk: the annotator's name, the default project with the samples, the last
project, and what an unusable project file does."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from annotator.core.model import Status
from annotator.services.projects import open_project
from annotator.ui.common.settings import Settings
from annotator.ui.shell import bootstrap
from tests.ui.conftest import when_modal


def test_the_first_run_asks_the_name_once_and_opens_the_samples(qtbot, app_paths, open_desk):
    def answer(dialog: QInputDialog) -> None:
        dialog.setTextValue("سلمى")
        dialog.accept()

    asked = when_modal(QInputDialog, answer)
    desk = open_desk(annotator=None)
    assert asked and "name" in asked[0]
    window = desk.window
    assert window.desk.annotator == window.desk.layer == "سلمى"
    default = app_paths.default_project
    assert window.desk.path == default and default.is_file()
    samples = sorted(bootstrap.sample_folder().glob("*.txt"))
    assert len(samples) >= 3
    assert window.documents.model.rowCount() == len(samples)
    first = samples[0].read_text("utf-8")
    assert window.view.text == first and "تل الزيتون" in first
    window.view.select_range(first.index("تل الزيتون"), first.index("تل الزيتون") + 10)
    window.actions_.labels["LOCATION"].trigger()
    window.close()
    desk.close()

    again = open_desk(annotator=None)  # remembered: no dialog this time
    assert again.window.desk.annotator == "سلمى"
    assert len(again.window.view.index) == 1
    with open_project(default) as store:
        (span,) = store.spans(again.window.doc_id, "سلمى")
        assert span.annotator == "سلمى"
        assert store.audit_trail(again.window.doc_id)[-1]["actor"] == "سلمى"


def test_without_a_project_the_last_one_used_opens(qtbot, make_project, open_desk, app_paths):
    project = make_project("قال شاهد إن صواريخ سقطت.")
    first = open_desk(project)
    first.window.close()
    first.close()
    assert Settings(app_paths).last_project == project.resolve()
    again = open_desk()
    assert again.window.desk.path == project.resolve()
    assert not app_paths.default_project.exists()
    assert [a.text() for a in again.window.recent_menu.actions()] == [str(project.resolve())]


def test_an_unusable_project_is_refused_and_the_default_opens(qtbot, tmp_path, open_desk,
                                                              app_paths):
    broken = tmp_path / "broken.tawsim"
    broken.write_text("not a database")
    messages = when_modal(QMessageBox, QMessageBox.accept)
    desk = open_desk(broken)
    assert messages and "broken.tawsim" in messages[0] and "not a Tawsim project" in messages[0]
    assert desk.window.desk.path == app_paths.default_project
    assert broken.read_text() == "not a database"  # untouched


def test_done_documents_are_skipped_when_the_project_opens(qtbot, make_project, open_desk):
    project = make_project("خبر أول.", "خبر ثان.")
    with open_project(project) as store:
        first = next(store.document_ids())
        store.set_status(first, "amal", Status.DONE, "amal")
    assert open_desk(project).window.view.text == "خبر ثان."


def test_a_new_project_from_the_file_menu_opens_empty(qtbot, make_project, open_desk,
                                                      tmp_path):
    first = make_project("خبر أول.")
    desk = open_desk(first)
    fresh = tmp_path / "fresh.tawsim"
    desk.window.newProjectRequested.emit(str(fresh))
    window = desk.window
    assert window.desk.path == fresh and fresh.is_file()
    assert window.doc_id is None and window.documents.model.rowCount() == 0
    assert "no articles yet" in window.view.placeholderText()
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent == [str(fresh.resolve()), str(first.resolve())]
    window.recent_menu.actions()[1].trigger()
    assert desk.window.desk.path == first.resolve()


def test_a_recent_project_that_is_gone_leaves_the_list(qtbot, make_project, open_desk,
                                                       tmp_path):
    gone = make_project("خبر.", name="gone.tawsim")
    desk = open_desk(make_project("خبر آخر.", name="kept.tawsim"))
    desk.window.newProjectRequested.emit(str(tmp_path / "third.tawsim"))
    desk.settings.remember_project(gone)
    desk.window.commands.refresh_recent()
    gone.unlink()
    messages = when_modal(QMessageBox, QMessageBox.accept)
    desk.window.recent_menu.actions()[0].trigger()
    assert messages and "gone.tawsim" in messages[0]
    assert desk.window.desk.path.name == "third.tawsim"  # what was open stays open
    assert gone.resolve() not in desk.settings.recent_projects
    assert len(desk.window.recent_menu.actions()) == 2
