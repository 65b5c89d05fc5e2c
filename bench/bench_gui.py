"""How fast the desk is, measured on the real window, offscreen.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py [--quick]

1. open and paint a 200k-character article holding 10k spans (target 150 ms);
2. add one span: key press -> saved in its own transaction -> repainted (target 16 ms median);
3. scroll that article a page at a time (each step repainted; smooth means under 16 ms);
4. show the document list of a 100k-document project (target 300 ms);
5. select a claim (or its source) in that article: both ends of the link marked, the
   attribute, link and claims panels updated and repainted (target 16 ms median);
6. link a claim: S shows the actors nearest first, Enter saves the link and shows it; and fill
   the claims table with the article's 1,000 claims.

The projects are built in a temporary folder from the sample articles the app ships, through
the same import service the app uses. Results go to docs/PERFORMANCE.md by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import orjson
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.datafiles import resource_file
from annotator.core.model import Status
from annotator.services.importing import import_paths
from annotator.services.projects import init_project, open_project
from annotator.services.session import AnnotationSession
from annotator.ui.common.session import DeskSession
from annotator.ui.common.settings import AppPaths, Settings
from annotator.ui.shell.app import application, apply_language
from annotator.ui.shell.window import MainWindow
from bench.machine import describe_machine

LABELS = ("LOCATION", "ACTOR", "WEAPON")
ARTICLE_CHARS = 200_000
SPAN_COUNT = 10_000


def sample_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(resource_file("samples").glob("*.txt")):
        paragraphs += [p for p in path.read_text("utf-8").split("\n") if p.strip()]
    return paragraphs


def long_article() -> tuple[str, list[dict], list[dict]]:
    """About 200k characters of the sample paragraphs, with 10k spans: words as entities,
    every tenth sentence-sized stretch as a claim around them, each claim with a stance and
    linked to the nearest actor before it as its SOURCE."""
    paragraphs = sample_paragraphs()
    parts: list[str] = []
    size = 0
    i = 0
    while size < ARTICLE_CHARS:
        parts.append(paragraphs[i % len(paragraphs)])
        size += len(parts[-1]) + 1
        i += 1
    text = "\n".join(parts)
    words: list[tuple[int, int]] = []
    start = None
    for position, char in enumerate(text + " "):
        if char.isalpha() or "\u064b" <= char <= "\u0652":
            start = position if start is None else start
        elif start is not None:
            words.append((start, position))
            start = None
    step = len(words) / (SPAN_COUNT * 0.9)
    spans = []
    for n in range(int(SPAN_COUNT * 0.9)):
        s, e = words[int(n * step)]
        spans.append({"id": f"e{n}", "start": s, "end": e, "label": LABELS[n % 3],
                      "text": text[s:e]})
    actors = [span for span in spans if span["label"] == "ACTOR"]
    actor_starts = [span["start"] for span in actors]
    relations = []
    for n in range(SPAN_COUNT - len(spans)):
        first = words[int(n * step * 9)]
        last = words[min(int(n * step * 9) + 12, len(words) - 1)]
        spans.append({"id": f"c{n}", "start": first[0], "end": last[1], "label": "CLAIM",
                      "text": text[first[0]:last[1]],
                      "attrs": {"stance": ("asserted", "denied")[n % 2]}})
        nearest = bisect_left(actor_starts, first[0]) - 1
        if nearest >= 0:
            relations.append({"type": "SOURCE", "head": f"c{n}",
                              "tail": actors[nearest]["id"]})
    return text, spans, relations


def build_long_project(folder: Path) -> Path:
    text, spans, relations = long_article()
    source = folder / "long.jsonl"
    records = [
        {"id": "long", "text": text, "offset_unit": "codepoint", "layer": "amal",
         "spans": spans, "relations": relations},
        {"id": "short", "text": sample_paragraphs()[2], "offset_unit": "codepoint",
         "layer": "amal", "spans": []},
    ]
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in records) + b"\n")
    path = folder / "long.tawsim"
    with init_project(path) as store:
        import_paths(store, [source], actor="bench")
    return path


def build_big_project(folder: Path, count: int) -> Path:
    paragraphs = sample_paragraphs()
    source = folder / "many.jsonl"
    with source.open("wb") as out:
        for n in range(count):
            body = paragraphs[n % len(paragraphs)]
            out.write(orjson.dumps({"id": f"doc-{n:06d}", "title": f"{body[:40]} ({n})",
                                    "text": f"{body}\n(نسخة {n})"}) + b"\n")
    path = folder / "many.tawsim"
    with init_project(path) as store:
        import_paths(store, [source], actor="bench")
    return path


def window_for(path: Path, home: Path) -> MainWindow:
    settings = Settings(AppPaths(home / "settings.ini", home / "data"))
    window = MainWindow(settings)
    window.resize(1440, 900)
    window.show()
    QApplication.processEvents()
    window.set_session(DeskSession(AnnotationSession(open_project(path), "amal")), "short")
    window.activateWindow()  # shortcuts reach only the active window
    QTest.qWaitForWindowActive(window)
    return window


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bench_open(window: MainWindow, runs: int) -> list[float]:
    def open_and_paint() -> None:
        window.open_document("long")
        window.view.viewport().repaint()
        window.spans.table.viewport().repaint()

    results = []
    for _ in range(runs):
        window.open_document("short")
        QApplication.processEvents()
        results.append(timed(open_and_paint))
    return results


def bench_add(window: MainWindow, runs: int) -> tuple[list[float], list[float]]:
    """Key press to committed and repainted; and the commit alone, for comparison."""
    view = window.view
    text = view.text
    desk = window.desk
    assert desk is not None
    totals, commits = [], []
    position = 1000
    for _ in range(runs):
        start = text.index(" ", position) + 1
        end = text.index(" ", start)
        position = end + 2000
        view.reveal(start, end)
        view.select_range(start, end)
        view.viewport().repaint()

        def press() -> None:
            QTest.keyClick(view, Qt.Key.Key_4)  # a CLAIM: its place is free everywhere
            view.viewport().repaint()

        totals.append(timed(press))
        assert view.selected_span() is not None, window.status.currentMessage() or "no span"
        desk.undo("long")
        commits.append(timed(lambda s=start, e=end: desk.session.add_span("long", s, e,
                                                                          "CLAIM")))
        desk.undo("long")
        QApplication.processEvents()
    return totals, commits


def bench_scroll(window: MainWindow, steps: int) -> list[float]:
    view = window.view
    bar = view.verticalScrollBar()
    bar.setValue(0)
    view.viewport().repaint()
    stride = max(bar.pageStep(), 1)
    results = []
    for n in range(steps):
        value = (n * stride) % max(bar.maximum(), 1)

        def scroll(v: int = value) -> None:
            bar.setValue(v)
            view.viewport().repaint()

        results.append(timed(scroll))
    return results


def bench_list(path: Path, home: Path, runs: int) -> tuple[list[float], list[float]]:
    """The document list alone (model reset + first paint), and a whole project switch."""
    settings = Settings(AppPaths(home / "settings.ini", home / "data"))
    window = MainWindow(settings)
    window.resize(1440, 900)
    window.show()
    QApplication.processEvents()
    desk = DeskSession(AnnotationSession(open_project(path), "amal"))
    panel = window.documents
    lists, switches = [], []
    for _ in range(runs):
        panel.set_session(None)

        def show_list() -> None:
            panel.set_session(desk)
            panel.table.viewport().repaint()

        lists.append(timed(show_list))

        def switch() -> None:
            window.set_session(desk)
            window.repaint()

        switches.append(timed(switch))
        QApplication.processEvents()
    window.close()
    return lists, switches


def _linked_claims(window: MainWindow, runs: int) -> list[tuple[str, str]]:
    """(claim, source) pairs spread over the article."""
    hub = window.claims_desk
    pairs = [(r.head, r.tail) for r in hub.links.values() if r.type == "SOURCE"]
    pairs.sort(key=lambda pair: window.view.index.get(pair[0]).start)
    return pairs[:: max(1, len(pairs) // runs)][:runs]


def bench_select(window: MainWindow, runs: int) -> tuple[list[float], list[float]]:
    """Select a claim, then its source: the article re-coloured, both ends marked, the
    panels filled, and all of it repainted."""
    view, hub = window.view, window.claims_desk

    def select_and_paint(span_id: str) -> None:
        view.set_selected_span(span_id)
        # One pass of the event loop paints everything the selection changed, once, as the
        # app does (repainting widget by widget would paint the article twice).
        QApplication.processEvents()

    claims, sources = [], []
    for claim, source in _linked_claims(window, runs):
        span = view.index.get(claim)
        view.reveal(span.start, span.end)  # coming from the previous pair's source
        view.viewport().repaint()
        QApplication.processEvents()
        claims.append(timed(lambda c=claim: select_and_paint(c)))
        assert hub.marks.outlined == {source}
        sources.append(timed(lambda s=source: select_and_paint(s)))
        assert claim in hub.marks.outlined
    return claims, sources


def bench_link(window: MainWindow, runs: int) -> tuple[list[float], list[float]]:
    """S on a selected claim until the list of actors is on screen; Enter until the new
    link is saved and both ends are shown. Each link is undone afterwards."""
    view, hub, desk = window.view, window.claims_desk, window.desk
    assert desk is not None
    offers, links = [], []
    for claim, _source in _linked_claims(window, runs):
        view.set_selected_span(claim, reveal=True)
        view.setFocus()
        QApplication.processEvents()

        def press_s() -> None:
            QTest.keyClick(view, Qt.Key.Key_S)
            QApplication.processEvents()

        offers.append(timed(press_s))
        assert hub.linking.active, window.status.currentMessage()

        def press_enter() -> None:
            QTest.keyClick(hub.linking.picker.list, Qt.Key.Key_Return)
            QApplication.processEvents()

        links.append(timed(press_enter))
        assert not hub.linking.active and len(hub.marks.outlined) == 2
        desk.undo("long")
        QApplication.processEvents()
    return offers, links


def bench_claims_table(window: MainWindow, runs: int) -> list[float]:
    hub = window.claims_desk
    results = []
    for _ in range(runs):
        hub.claims.set_rows([])
        hub._claims_stale = True

        def fill() -> None:
            hub.fill_claims()
            QApplication.processEvents()

        results.append(timed(fill))
    assert hub.claims.model.rowCount() == SPAN_COUNT // 10
    return results


def describe(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms   "
            f"max {ordered[-1]:7.1f} ms   (n={len(values)})")




def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="10k documents, fewer runs")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the app is created
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        apply_language(app, Settings(AppPaths(folder / "settings.ini", folder / "d")).language)
        platform_name = os.environ.get("QT_QPA_PLATFORM")
        print(describe_machine(f"PySide6 {pyside_version}", f"QT_QPA_PLATFORM={platform_name}"))
        started = time.perf_counter()
        long_path = build_long_project(folder)
        many = 10_000 if args.quick else 100_000
        big_path = build_big_project(folder, many)
        print(f"(projects built in {time.perf_counter() - started:.1f} s)")
        window = window_for(long_path, folder)
        text_length = len(window.desk.session.document("long").text)
        window.open_document("long")
        spans = len(window.view.index)
        print(f"article: {text_length} characters, {spans} spans, "
              f"{window.view.document().blockCount()} paragraphs")
        print("open + paint     ", describe(bench_open(window, 5 if args.quick else 15)))
        totals, commits = bench_add(window, 20 if args.quick else 60)
        print("add span (total) ", describe(totals))
        print("  commit alone   ", describe(commits))
        print("scroll one page  ", describe(bench_scroll(window, 50 if args.quick else 200)))
        claims, sources = bench_select(window, 20 if args.quick else 60)
        print("select a claim   ", describe(claims))
        print("select its source", describe(sources))
        offers, links = bench_link(window, 10 if args.quick else 30)
        print("S: actors listed ", describe(offers))
        print("Enter: linked    ", describe(links))
        print("claims table     ", describe(bench_claims_table(window, 3 if args.quick else 7)))
        assert window.desk.status("long") == Status.IN_PROGRESS
        window.close()
        lists, switches = bench_list(big_path, folder, 3 if args.quick else 7)
        print(f"document list ({many} documents)", describe(lists))
        print("  open project   ", describe(switches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
