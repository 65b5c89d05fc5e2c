"""Disagreements between a prediction layer and the gold layer, outlined over the article.

Each kind has its own colour and line, so it reads without colour too: a boundary error is
dashed orange, a wrong label dotted purple, a span only the prediction has solid red, a gold
span the prediction missed solid blue. Spans both layers agree on are left as they are. The
spans are the view's own (its SpanIndex); this layer only knows their states by id.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.ui.article.marks import ViewOverlay, VisibleBlock
from annotator.ui.common.i18n import tr

STYLES: dict[str, tuple[str, Qt.PenStyle]] = {
    "boundary": ("#e07b00", Qt.PenStyle.DashLine),
    "wrong_label": ("#8e24aa", Qt.PenStyle.DotLine),
    "spurious": ("#d32f2f", Qt.PenStyle.SolidLine),
    "missed": ("#1565c0", Qt.PenStyle.SolidLine),
}


def kind_name(kind: str) -> str:
    return {
        "boundary": tr("Other boundaries"),
        "wrong_label": tr("Other label"),
        "spurious": tr("Only predicted"),
        "missed": tr("Missed by the prediction"),
        "exact": tr("Agreed"),
    }.get(kind, kind)


class ComparisonMarks(ViewOverlay):
    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.setObjectName("comparisonMarks")
        self.states: dict[str, str] = {}
        self.focused: str | None = None

    def show_states(self, states: dict[str, str], focused: str | None = None) -> None:
        self.states = {span_id: kind for span_id, kind in states.items() if kind in STYLES}
        self.focused = focused
        self.update()

    def has_marks(self) -> bool:
        return bool(self.states)

    def paint_marks(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for where in blocks:
            for span in self.view.index.overlapping(where.start, max(where.end,
                                                                     where.start + 1)):
                kind = self.states.get(span.id)
                if kind is None:
                    continue
                colour, line = STYLES[kind]
                pen = QPen(QColor(colour))
                pen.setStyle(line)
                pen.setWidthF(3.0 if span.id == self.focused else 1.8)
                painter.setPen(pen)
                for box in self.boxes(where, span.start, span.end):
                    painter.drawRoundedRect(box.adjusted(0.5, 1.5, -0.5, -1.5), 3, 3)
