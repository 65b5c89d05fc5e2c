"""The lead's desk with the curation panel open: opening a document with five annotators'
layers and gold, beside the same opening with the panel closed (the floor, same run).

    QT_QPA_PLATFORM=offscreen python bench/bench_gui_curation.py [--runs 30]

Builds two projects (bench.bench_agreement's synthetic layers): single articles and one long
article (ten articles' text as one), each with five annotators' layers and gold. The desk
works in gold; each measure opens another document and then the measured one, and counts
until the article, the spans list and the curation table have painted. Alternating runs
with the panel open and closed share whatever load the machine has.
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
from PySide6 import __version__ as pyside_version  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.services.adjudication import working_session  # noqa: E402
from annotator.services.projects import open_project  # noqa: E402
from annotator.ui.common.session import DeskSession  # noqa: E402
from annotator.ui.common.settings import AppPaths, Settings  # noqa: E402
from annotator.ui.shell.app import application  # noqa: E402
from annotator.ui.shell.window import MainWindow  # noqa: E402
from bench.bench_agreement import curation_corpus, write_project  # noqa: E402
from bench.machine import describe_machine  # noqa: E402


def project_with(path: Path, long: bool) -> tuple[str, str]:
    """Two documents with five annotators and gold; returns (measured, other) ids."""
    first, second = curation_corpus(7, long), curation_corpus(8, long)
    names = tuple(first[0][2])
    write_project(path, first + second, names, gold=True).close()
    return first[0][0], second[0][0]


def window_on(path: Path, home: Path) -> MainWindow:
    settings = Settings(AppPaths(home / "settings.ini", home / "data"))
    window = MainWindow(settings)
    window.resize(1440, 900)
    window.show()
    session = working_session(open_project(path), "lead", "gold")
    window.set_session(DeskSession(session, own_layer="lead"))
    QTest.qWaitForWindowActive(window)
    return window


def open_and_paint(window: MainWindow, doc_id: str) -> float:
    began = time.perf_counter()
    window.open_document(doc_id)
    window.view.viewport().repaint()
    window.spans.table.viewport().repaint()
    panel = window.curation_desk.panel
    if panel.isVisible():
        panel.table.viewport().repaint()
    return (time.perf_counter() - began) * 1000


def measure(window: MainWindow, measured: str, other: str, runs: int
            ) -> tuple[list[float], list[float], int]:
    curate = window.curation_desk.actions.curate
    opened, closed = [], []
    for number in range(2 * runs):
        shown = number % 2 == 0
        curate.setChecked(shown)
        window.open_document(other)
        QApplication.processEvents()
        (opened if shown else closed).append(open_and_paint(window, measured))
        QApplication.processEvents()
    curate.setChecked(True)
    window.open_document(measured)
    items = window.curation_desk.panel.model.rowCount()
    return opened, closed, items


def describe(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms  (n={len(values)})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application()
    print(describe_machine(f"PySide6 {pyside_version}"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for long in (False, True):
            path = folder / ("long.tawsim" if long else "short.tawsim")
            measured, other = project_with(path, long)
            window = window_on(path, folder)
            opened, closed, items = measure(window, measured, other, args.runs)
            spans = sum(len(window.desk.project.spans(measured, layer))
                        for layer in ("amal", "basel", "chadi", "dana", "emad", "gold"))
            what = "ten articles as one" if long else "one article"
            print(f"{what}: {spans} spans in 6 layers, {items} items to decide")
            print(f"  open, curation panel open    {describe(opened)}")
            print(f"  open, panel closed (floor)   {describe(closed)}")
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
