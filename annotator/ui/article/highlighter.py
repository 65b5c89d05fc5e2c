"""Colours the article's spans paragraph by paragraph (QSyntaxHighlighter).

Qt asks for one paragraph at a time; the spans that touch it come from the SpanIndex, so an
edit re-colours only the paragraphs it touches. Entity labels (style "background") fill the
characters with their colour, the innermost span winning where they nest; claims (style
"underline") get a light tint here and a bar under their lines (underlines.py), so an entity
inside a claim shows both. The selected span is drawn darker.
"""

from __future__ import annotations

import itertools

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.model import Span
from annotator.core.offsets import Utf16Map
from annotator.core.scheme import Scheme
from annotator.ui.article.span_index import SpanIndex

UNDERLINE_TINT_ALPHA = 60  # of 255: a claim's tint stays behind the entity colours


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.index = SpanIndex()
        self.units = Utf16Map("")
        self.selected_id: str | None = None
        self.colors: dict[str, QColor] = {}
        self.underlined: set[str] = set()  # labels drawn as a bar (see underlines.py)
        self._styles: dict[str, str] = {}
        self._formats: dict[tuple[str | None, str | None, str], QTextCharFormat] = {}
        self.active = True  # False while the text is being set: paragraphs stay plain
        self._coloured = bytearray()  # 1 for each paragraph coloured with the current spans

    def set_scheme(self, scheme: Scheme) -> None:
        self.colors = {label.name: QColor(label.color) for label in scheme.labels}
        self._styles = {label.name: label.style for label in scheme.labels}
        self.underlined = {name for name, style in self._styles.items() if style == "underline"}
        self._formats.clear()

    def set_spans(self, units: Utf16Map, index: SpanIndex) -> None:
        """New content; the caller sets the document text next (or calls rehighlight)."""
        self.units = units
        self.index = index
        self.selected_id = None

    def reset_coloured(self, blocks: int) -> None:
        self._coloured = bytearray(blocks)

    def is_coloured(self, block_number: int) -> bool:
        return block_number < len(self._coloured) and bool(self._coloured[block_number])

    def all_coloured(self) -> bool:
        return all(self._coloured)

    def _format(self, background: str | None, underline: str | None,
                selected: str) -> QTextCharFormat:
        """`selected` says which of the two is the selected span: "background", "underline"
        or ""."""
        key = (background, underline, selected)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if underline is not None:
                # The bar under the lines is painted by the view; the tint is drawn here.
                tint = QColor(self.colors.get(underline, QColor("gray")))
                tint.setAlpha(UNDERLINE_TINT_ALPHA * (3 if selected == "underline" else 1))
                fmt.setBackground(tint)
            if background is not None:
                color = QColor(self.colors.get(background, QColor("gray")))
                fmt.setBackground(color.darker(140) if selected == "background" else color)
            self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # Qt calls it for each paragraph
        if not self.active:
            return
        block = self.currentBlock()
        number = block.blockNumber()
        if number < len(self._coloured):
            self._coloured[number] = 1
        first_unit = block.position()
        units = self.units
        if first_unit + block.length() - 1 > units.unit_length:
            return  # the document is being replaced and the map is not ready yet
        start = units.from_utf16(first_unit)
        end = units.from_utf16(first_unit + block.length() - 1)
        if start >= end:
            return
        spans = self.index.overlapping(start, end)
        if not spans:
            return
        cuts = {start, end}
        for span in spans:
            cuts.add(max(span.start, start))
            cuts.add(min(span.end, end))
        edges = sorted(cuts)
        for left, right in itertools.pairwise(edges):
            covering = [s for s in spans if s.start <= left and s.end >= right]
            if not covering:
                continue
            fmt = self._format(*self._pick(covering))
            unit_left = units.to_utf16(left)
            self.setFormat(unit_left - first_unit, units.to_utf16(right) - unit_left, fmt)

    def _pick(self, covering: list[Span]) -> tuple[str | None, str | None, str]:
        """The entity and the claim drawn over a stretch: the selected span if it is there
        (so a selected outer span shows through the spans nested in it), else the innermost
        of each style; and whether the selected span is one of them."""
        background: Span | None = None
        underline: Span | None = None
        selected = ""
        for span in sorted(covering, key=lambda s: s.end - s.start):
            is_selected = span.id == self.selected_id
            if self._styles.get(span.label, "background") == "underline":
                if underline is None or is_selected:
                    underline = span
                    selected = "underline" if is_selected else selected
            elif background is None or is_selected:
                background = span
                selected = "background" if is_selected else selected
        return (background.label if background else None,
                underline.label if underline else None, selected)
