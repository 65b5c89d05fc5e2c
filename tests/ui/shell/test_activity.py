"""Active time per document and person, and File › Settings (name, idle cutoff)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.services.projects import open_project
from annotator.ui.common.settings import Settings
from annotator.ui.shell.settings_dialog import SettingsDialog
from tests.ui.conftest import when_modal

TEXTS = ("قال شاهد إن صواريخ سقطت قرب الجسر.", "نفت الوزارة وقوع إصابات.")


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_time_counts_while_working_and_stops_when_idle(qtbot, make_project, open_desk):
    project = make_project(*TEXTS)
    window = open_desk(project).window
    clock, fake = window.clock, FakeTime()
    clock.now = fake
    clock.last_tick = fake.now
    first = window.doc_id
    for _ in range(6):  # a key press, then five seconds, six times: 30 s of work
        qtbot.keyClick(window.view, Qt.Key.Key_Right)
        fake.now += 5
        clock.tick()
    fake.now += 300  # five minutes away from the keyboard: not counted
    clock.tick()
    window.commands.step_document(1)  # leaving the document writes its time
    second = window.doc_id
    assert second != first
    qtbot.keyClick(window.view, Qt.Key.Key_Left)
    fake.now += 4
    clock.tick()
    window.close()  # closing writes what is counted
    with open_project(project) as store:
        assert store.work_time(first, "amal") == 30
        assert store.work_time(second, "amal") == 4


def test_the_idle_cutoff_is_a_setting(qtbot, make_project, open_desk, app_paths):
    Settings(app_paths).idle_minutes = 10
    window = open_desk(make_project(*TEXTS)).window
    clock, fake = window.clock, FakeTime()
    clock.now, clock.last_tick = fake, fake.now
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    fake.now += 5 * 60  # five minutes of reading: within the ten-minute cutoff
    clock.tick()
    assert clock.pending == 10  # a late tick counts no more than two ticks


def test_settings_rename_the_person_and_keep_their_layer(qtbot, make_project, open_desk,
                                                         app_paths):
    project = make_project(*TEXTS)
    Settings(app_paths).annotator = "amal"
    window = open_desk(project, annotator=None).window

    def rename(dialog: SettingsDialog) -> None:
        dialog.name.setText("أمل")
        dialog.idle.setValue(5)
        dialog.accept()

    when_modal(SettingsDialog, rename)
    window.commands.open_settings()
    assert Settings(app_paths).annotator == "أمل" and Settings(app_paths).idle_minutes == 5
    assert window.desk.annotator == "أمل" and window.desk.layer == "amal"  # the same layer
    assert "أمل" in window.status.layer.text()
    window.view.select_range(0, 3)
    window.actions_.labels["ACTOR"].trigger()
    with open_project(project) as store:
        (span,) = store.spans(window.doc_id, "amal")
        assert span.annotator == "أمل"
