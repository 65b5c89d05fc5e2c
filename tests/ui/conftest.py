"""Desk tests: the real app, offscreen, on real project files in temporary folders.

Qt warnings fail a test, except two the offscreen platform prints about itself (it cannot
propagate size hints for a main window, nor raise a tooltip), and keyboard shortcuts are only
sent once the window is active.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from annotator.services.importing import import_paths
from annotator.services.projects import init_project
from annotator.ui.common.collector import collect_on_window_thread
from annotator.ui.common.settings import AppPaths, Settings
from annotator.ui.shell.app import Desk, start
from tests.ui.dialog_watch import DialogWatch

OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise)\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


@pytest.fixture(scope="session", autouse=True)
def collected_on_the_window_thread(qapp: QApplication) -> Iterator[None]:
    """As in the desk: garbage is collected on the window's thread only (a collection on a
    job's thread could destroy Qt objects there: ui.common.collector)."""
    collector = collect_on_window_thread(qapp)
    yield
    collector.stop()


# How long a wait without its own timeout may take (pytest-qt's default is 5 s). A wait returns
# as soon as what it waits for happens: only a failing test takes this long, and a loaded
# machine (four test runs on two cores, a job loading spaCy) never fails a passing one.
PATIENT_MS = 60_000


@pytest.fixture(autouse=True)
def patient_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback"):
        original = getattr(QtBot, name)

        def patient(self: QtBot, *args: object, _original: Callable[..., object] = original,
                    timeout: int = PATIENT_MS, **kwargs: object) -> object:
            return _original(self, *args, timeout=timeout, **kwargs)

        monkeypatch.setattr(QtBot, name, patient)


@pytest.fixture(autouse=True)
def no_forgotten_dialogs(qapp: QApplication) -> Iterator[None]:
    """Fail a test that left a modal dialog unanswered (tests/ui/dialog_watch.py)."""
    watch = DialogWatch()
    watch.start()
    yield
    watch.stop()
    assert not watch.forgotten, f"a dialog nobody answered was left open: {watch.forgotten}"


def type_text(widget: QWidget, text: str) -> None:
    """Type any text key by key (QTest's keyClicks knows only ASCII)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key(ord(char.upper())), char,
                           Qt.KeyboardModifier.NoModifier)


def when_modal(kind: type, act: Callable[[QWidget], object]) -> list[str]:
    """Run `act(dialog)` on the next modal dialog of `kind` that opens, as a user answering
    it would; returns the texts the dialogs showed."""
    seen: list[str] = []

    def check() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(5, check)
            return
        text = getattr(widget, "text", None) or getattr(widget, "labelText", None)
        seen.append(text() if callable(text) else "")
        act(widget)

    QTimer.singleShot(0, check)
    return seen


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "home" / "settings.ini", tmp_path / "home" / "data")


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project file holding the given texts, one document each, imported as .txt files."""

    def make(*texts: str, name: str = "articles.tawsim") -> Path:
        folder = tmp_path / f"source-{name}"
        folder.mkdir()
        for number, text in enumerate(texts):
            (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
        path = tmp_path / name
        store = init_project(path)
        try:
            import_paths(store, [folder], actor="setup")
        finally:
            store.close()
        return path

    return make


@pytest.fixture
def open_desk(qtbot, app_paths: AppPaths) -> Iterator[Callable[..., Desk]]:
    """Start the desk as `tawsim-gui PROJECT --annotator amal` would, and wait until its
    window is active so that shortcuts reach it."""
    desks: list[Desk] = []

    def open_(project: Path | None = None, *, annotator: str | None = "amal",
              language: str = "en") -> Desk:
        Settings(app_paths).language = language
        argv = [str(project)] if project else []
        if annotator:
            argv += ["--annotator", annotator]
        desk = start(argv, app_paths)
        assert desk is not None
        desks.append(desk)
        window = desk.window
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return desk

    yield open_
    for desk in desks:
        if shiboken6.isValid(desk.window):
            desk.window.close()
        desk.close()
    QApplication.processEvents()
