"""Render the desk with the sample project to PNG files, in English and in Arabic: the desk
with a claim linked to its source, the help panel (F1), find and project search, an
extractor's layer beside the annotator's, the lead curating two annotators into gold, the
scheme dialog.

    python -m annotator.ui.shell.screenshots docs/screenshots

Runs offscreen in a temporary home, so it touches neither your settings nor your projects.
The first sample article is annotated the way the guidelines ask, through the same session
the app uses, so the pictures show what a user sees after a few minutes of work.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.model import LayerKind
from annotator.services.session import AnnotationSession
from annotator.ui.common import i18n
from annotator.ui.common.session import DeskSession
from annotator.ui.common.settings import AppPaths, Settings
from annotator.ui.scheme.dialog import SchemeDialog
from annotator.ui.shell.app import apply_language, start
from annotator.ui.shell.screenshot_curation import second_annotator, show_curation
from annotator.ui.shell.window import MainWindow

WINDOW_SIZE = QSize(1440, 900)

# (label, mention, occurrence) in the first sample article; claims carry a stance and are
# linked to their source.
SAMPLE_SPANS = [
    ("LOCATION", "تل الزيتون", 2),
    ("LOCATION", "محافظة وادي النخيل", 0),
    ("ACTOR", "الناطق باسم وزارة الدفاع العقيد سامر الحداد", 0),
    ("ACTOR", "الدفاعات الجوية", 0),
    ("WEAPON", "طائرة مسيّرة", 0),
    ("CLAIM", "الدفاعات الجوية أسقطت طائرة مسيّرة معادية كانت تحاول استهداف المستودع، وسقط "
              "حطامها في أرض زراعية خالية", 0),
    ("CLAIM", "عطل فني في أحد الخزانات لا علاقة له بأي هجوم", 0),
    ("ACTOR", "كتائب الفجر", 0),
    ("WEAPON", "صواريخ غراد", 0),
    ("CLAIM", "قصفت المستودع بستة صواريخ غراد وأصابت أهدافها بدقة", 0),
    ("ACTOR", "المرصد المستقل لحقوق الإنسان", 0),
    ("CLAIM", "ثلاثة عمال مدنيين قُتلوا وأصيب سبعة آخرون", 0),
]
STANCES = {"الدفاعات الجوية أسقطت": "asserted", "عطل فني": "denied", "قصفت المستودع": "asserted",
           "ثلاثة عمال": "reported"}
SPOKESMAN = "الناطق باسم وزارة الدفاع"
SOURCES = {"الدفاعات الجوية أسقطت": SPOKESMAN, "عطل فني": SPOKESMAN,
           "قصفت المستودع": "كتائب الفجر", "ثلاثة عمال": "المرصد المستقل"}
SELECTED = "عطل فني"  # the denied claim: its source is marked, the panels describe it
FIND_QUERY = "المستودع"
SEARCH_QUERY = "الزيتون"
# An extractor's guesses for the review picture: agreements, a boundary error (the
# governorate without its first word), a wrong label and a span the annotator has not.
PREDICTED = [
    ("LOCATION", "تل الزيتون", 2),
    ("LOCATION", "وادي النخيل", 0),
    ("ACTOR", "كتائب الفجر", 0),
    ("LOCATION", "الدفاعات الجوية", 0),
    ("WEAPON", "صواريخ غراد", 0),
    ("ACTOR", "المرصد المستقل لحقوق الإنسان", 0),
]


def nth(text: str, mention: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return start


def annotate_sample(desk: DeskSession, doc_id: str, text: str) -> None:
    made = []
    for label, mention, occurrence in SAMPLE_SPANS:
        start = nth(text, mention, occurrence)
        span = desk.add_span(doc_id, start, start + len(mention), label)
        stance = next((v for k, v in STANCES.items() if mention.startswith(k)), None)
        if span is not None and stance:
            desk.set_attribute(span.id, "stance", stance)
        if span is not None:
            made.append(span)
    for span in made:
        source = next((v for k, v in SOURCES.items() if span.text.startswith(k)), None)
        actor = next((s for s in made if source and s.label == "ACTOR"
                      and s.text.startswith(source)), None)
        if actor is not None:
            desk.link("SOURCE", span.id, actor.id)


def settle(window: MainWindow) -> None:
    """Let background jobs finish and the window paint."""
    while window.search_desk.runner.busy:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(3):
        QApplication.processEvents()


def show_search(window: MainWindow, path: Path) -> Path:
    """Ctrl+F in the article and the project search panel, with hits in both."""
    hub = window.search_desk
    window.view.place_cursor(0)
    hub.finder.open()
    hub.find_bar.field.setText(FIND_QUERY)
    hub.open_search()
    hub.panel.field.setText(SEARCH_QUERY)
    hub.panel.searchRequested.emit()
    settle(window)
    hub.panel.list.setCurrentIndex(hub.panel.model.index(0))
    hub.finder.refresh()
    window.view.verticalScrollBar().setValue(0)
    settle(window)
    window.grab().save(str(path))
    hub.finder.close()
    window.documents_dock.raise_()
    return path


def show_review(window: MainWindow, path: Path) -> Path:
    """An extractor's layer beside the annotator's, on the first disagreement."""
    desk = window.desk
    assert desk is not None and window.doc_id is not None
    text = window.view.text
    model = AnnotationSession(desk.project, "extractor", layer="extractor",
                              layer_kind=LayerKind.MODEL)
    if not model.annotations(window.doc_id).spans:
        for label, mention, occurrence in PREDICTED:
            start = nth(text, mention, occurrence)
            model.add_span(window.doc_id, start, start + len(mention), label)
    window.comparison_desk.set_session(desk)  # the new layer joins the picker
    window.comparison_desk.compare.setChecked(True)
    window.comparison_desk.step(1)
    settle(window)
    window.grab().save(str(path))
    window.comparison_desk.compare.setChecked(False)
    return path


def render(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    previous = i18n.language()
    with tempfile.TemporaryDirectory() as home:
        paths = AppPaths(Path(home) / "settings.ini", Path(home) / "data")
        for language in ("en", "ar"):
            Settings(paths).language = language
            desk = start(["--annotator", "amal"], paths)
            assert desk is not None and desk.current is not None
            window = desk.window
            window.resize(WINDOW_SIZE)
            doc_id = window.doc_id
            assert doc_id is not None
            if not window.view.index.values():
                annotate_sample(desk.current, doc_id, window.view.text)
            selected = next(s for s in window.view.index.values()
                            if s.text.startswith(SELECTED))
            window.view.set_selected_span(selected.id, reveal=True)
            window.view.verticalScrollBar().setValue(0)
            _settle()
            written.append(_save(window, outdir / f"desk-{language}.png"))
            window.scheme_desk.show_help()  # F1
            _settle()
            written.append(_save(window, outdir / f"help-{language}.png"))
            window.scheme_desk.show_help()
            written.append(show_search(window, outdir / f"search-{language}.png"))
            written.append(show_review(window, outdir / f"review-{language}.png"))
            second_annotator(window, SAMPLE_SPANS, STANCES, SOURCES)
            show_curation(window, str(outdir / f"curation-{language}.png"))
            written.append(outdir / f"curation-{language}.png")
            dialog = SchemeDialog(window, desk.current)
            dialog.resize(980, 640)
            dialog.show()
            dialog.tree.select(("value", "CLAIM", "stance", "denied"))
            _settle()
            written.append(_save(dialog, outdir / f"scheme-{language}.png"))
            dialog.close()
            window.close()
            desk.close()
    apply_language(QApplication.instance(), previous)
    return written


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _save(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m annotator.ui.shell.screenshots OUTDIR", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in render(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
