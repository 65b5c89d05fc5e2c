"""How fast searching feels on the desk, measured on the real window, offscreen.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui_find.py [--docs 100000] [--quick]

1. Ctrl+F in a 200k-character article with 10k spans: each keystroke typed into the find bar,
   to the hits found, the current one selected and revealed, and the article and its marks
   repainted. The first keystroke also normalises the article (once per article); a
   one-letter query tints thousands of hits. F3 to the next hit.
2. The project search panel on a project of synthetic news articles (bench/corpus.py):
   Enter in the panel to the first page of hits on screen, with the search running as a
   background job on its own connection, as the user sees it. First the catch-up after the
   import (the whole index built, as the background indexer or the first search does it),
   with how long the window's event loop went without running meanwhile (a 10 ms timer).

Results go to docs/PERFORMANCE.md by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.services.importing import import_paths  # noqa: E402
from annotator.services.projects import init_project, open_project  # noqa: E402
from annotator.services.search import index_state  # noqa: E402
from annotator.services.session import AnnotationSession  # noqa: E402
from annotator.ui.common.session import DeskSession  # noqa: E402
from annotator.ui.common.settings import AppPaths, Settings  # noqa: E402
from annotator.ui.shell.app import application, apply_language  # noqa: E402
from annotator.ui.shell.window import MainWindow  # noqa: E402
from bench import corpus  # noqa: E402
from bench.bench_gui import build_long_project, describe, machine, window_for  # noqa: E402

TYPED = ["المستودع", "الاعلام", "سوريا", "قوات التحالف"]
RARE, RARE_EVERY = "مستودع تل الزيتون", 5000
SEARCHES = {"common (a place)": "سوريا", "word with hamza dropped": "الاعلام",
            "two words": "وزارة الدفاع", "rare (1 in 5,000)": "تل الزيتون",
            "absent": "طائرةمسيرة"}


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def type_and_paint(window: MainWindow, char: str) -> float:
    field = window.search_desk.find_bar.field
    view = window.view
    start = time.perf_counter()
    QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key(ord(char.upper())), char,
                       Qt.KeyboardModifier.NoModifier)
    view.viewport().repaint()
    window.search_desk.finder.marks.repaint()
    return (time.perf_counter() - start) * 1000


def bench_ctrl_f(window: MainWindow) -> None:
    window.open_document("long")
    settle()
    view, finder = window.view, window.search_desk.finder
    hub = window.search_desk
    start = time.perf_counter()
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    window.repaint()
    print(f"open the find bar              {(time.perf_counter() - start) * 1000:7.1f} ms")
    type_and_paint(window, "ا")  # one letter waits for a pause in the typing
    first = type_and_paint(window, "ل")
    print(f"first search in the article (normalises it; {len(finder.hits)} hits) "
          f"{first:7.1f} ms")
    keystrokes: list[float] = []
    counts: list[int] = []
    for query in TYPED:
        hub.find_bar.field.clear()
        view.place_cursor(0)
        for char in query:
            keystrokes.append(type_and_paint(window, char))
            counts.append(len(finder.hits))
    print(f"keystroke to hits painted      {describe(keystrokes)}")
    print(f"  hits per keystroke: {min(counts)} to {max(counts)}")
    singles = []
    for letter in "اسلو":
        hub.find_bar.field.setText(letter)
        start = time.perf_counter()
        finder.refresh()  # what the pause in the typing starts
        view.viewport().repaint()
        finder.marks.repaint()
        singles.append((time.perf_counter() - start) * 1000)
        counts.append(len(finder.hits))
    print(f"one letter, after the pause    {describe(singles)} (up to {max(counts)} hits)")
    hub.find_bar.field.setText("ال")
    steps = []
    for _ in range(50):
        start = time.perf_counter()
        QTest.keyClick(hub.find_bar.field, Qt.Key.Key_Return)
        view.viewport().repaint()
        finder.marks.repaint()
        steps.append((time.perf_counter() - start) * 1000)
    print(f"Enter / F3 to the next hit ({len(finder.hits)} hits) {describe(steps)}")
    finder.close()


def build_corpus_project(folder: Path, count: int) -> Path:
    source = folder / "corpus.jsonl"
    with source.open("wb") as out:
        for number, record in enumerate(corpus.records(count)):
            if number % RARE_EVERY == 0:  # a place named in one article in 5,000
                record["text"] += f" {RARE}."
            out.write(orjson.dumps(record) + b"\n")
    path = folder / "corpus.tawsim"
    with init_project(path) as store:
        import_paths(store, [source], actor="bench")
    return path


def wait_for_jobs(window: MainWindow) -> None:
    runner = window.search_desk.runner
    while runner.busy or window.search_desk.search.job is not None:
        QApplication.processEvents()
        time.sleep(0.001)


def bench_index_catch_up(window: MainWindow) -> None:
    """The whole index built in the background, and the event loop meanwhile."""
    desk = window.desk
    assert desk is not None
    pending = index_state(desk.project).pending
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    start = time.perf_counter()
    window.search_desk.keeper.start()
    wait_for_jobs(window)
    elapsed = time.perf_counter() - start
    timer.stop()
    print(f"index catch-up: {pending} articles in {elapsed:.1f} s "
          f"({pending / elapsed:,.0f} articles/s), in the background")
    print(f"  event loop meanwhile: 10 ms timer fired every "
          f"{statistics.median(gaps):.1f} ms (median), longest wait {max(gaps):.0f} ms")


def bench_project_search(window: MainWindow, runs: int) -> None:
    """Enter to the first page on screen; then to the "in N articles" count beside it."""
    panel = window.search_desk.panel
    search = window.search_desk.search
    window.search_desk.open_search()
    for name, query in SEARCHES.items():
        shown, counted = [], []
        for _ in range(runs):
            panel.field.setText(query)
            panel._typing.stop()  # the timing starts at Enter, not at the typing delay
            start = time.perf_counter()
            QTest.keyClick(panel.field, Qt.Key.Key_Return)
            while search.job is not None:
                QApplication.processEvents()
                time.sleep(0.0005)
            panel.list.viewport().repaint()
            shown.append((time.perf_counter() - start) * 1000)
            wait_for_jobs(window)
            counted.append((time.perf_counter() - start) * 1000)
        print(f"{name:24} hits shown {describe(shown)}")
        print(f"{'':24}   counted {describe(counted)}   [{panel.summary.text()}]")
    panel.field.setText(SEARCHES["common (a place)"])
    QTest.keyClick(panel.field, Qt.Key.Key_Return)
    wait_for_jobs(window)
    panel.list.setFocus()
    opens = []
    for row in range(min(30, panel.model.rowCount())):
        start = time.perf_counter()
        panel.list.setCurrentIndex(panel.model.index(row))
        window.view.viewport().repaint()
        opens.append((time.perf_counter() - start) * 1000)
    if opens:
        print(f"a hit to its document opened {describe(opens)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10k documents, fewer runs")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    count = 10_000 if args.quick else args.docs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        apply_language(app, Settings(AppPaths(folder / "settings.ini", folder / "d")).language)
        print(machine())
        window = window_for(build_long_project(folder), folder)
        print(f"article: {len(window.desk.session.document('long').text)} characters, "
              f"{len(window.desk.annotations('long').spans)} spans")
        bench_ctrl_f(window)
        window.close()
        started = time.perf_counter()
        path = build_corpus_project(folder, count)
        print(f"\n(project of {count} articles built in {time.perf_counter() - started:.1f} s)")
        settings = Settings(AppPaths(folder / "settings.ini", folder / "data"))
        window = MainWindow(settings)
        window.resize(1440, 900)
        window.show()
        window.set_session(DeskSession(AnnotationSession(open_project(path), "amal")))
        settle()
        bench_index_catch_up(window)
        bench_project_search(window, 3 if args.quick else 7)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
