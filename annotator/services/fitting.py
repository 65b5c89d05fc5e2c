"""Fitting an extractor's spans to the project's boundary conventions as they are imported.

An extractor's spans are often a little off the guidelines: an edge inside a grapheme
cluster (an emoji without its skin tone, a letter without its shadda), a space, a quote mark
or a comma caught at an edge, and proclitics kept that the label leaves out (بسوريا for
سوريا). `tawsim import --fit-boundaries` moves each imported span's edges the way a label key
on the desk would (core.boundaries, then the label's proclitic policy with the proclitic
decision of core.proclitics), and lists every span it moved, with why, in a report.

A span that would become empty (a span over a comma) is kept as it came, and listed; so is a
span whose fitted range another span of the same label in the record already has.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from annotator.core.boundaries import trim_span, word_end
from annotator.core.offsets import snap_to_graphemes
from annotator.core.proclitics import decide_proclitics
from annotator.core.records import DocumentRecord, SpanRecord
from annotator.core.scheme import Scheme
from annotator.formats.files import atomic_output
from annotator.services.label_all import KnownWords
from annotator.services.lexicon import remember_readings

GRAPHEMES = "an edge inside a grapheme cluster"
EDGES = "spaces, punctuation or invisible marks at an edge"
PROCLITICS = "proclitics the label leaves out"
EMPTY = "nothing would be left: kept as it came"
REPEATED = "another span of this label already has the fitted range: kept as it came"


@dataclass(frozen=True)
class MovedSpan:
    """One span the fitting moved (or would have): where it was, where it is, and why."""

    document: str
    label: str
    old_start: int
    old_end: int
    old_text: str
    new_start: int
    new_end: int
    new_text: str
    why: str  # the reasons, "; "-separated


def fitted_range(text: str, start: int, end: int, policy: str,
                 known: Callable[[str], bool]) -> tuple[int, int, list[str]]:
    """[start, end) fitted to the boundary conventions, and the reasons it moved (none: it
    did not). Empty when nothing but spaces or punctuation was covered."""
    reasons: list[str] = []
    snapped = snap_to_graphemes(text, start, end)
    if snapped != (start, end):
        reasons.append(GRAPHEMES)
    trimmed = trim_span(text, *snapped)
    if trimmed != snapped:
        reasons.append(EDGES)
    new_start, new_end = trimmed
    if new_start < new_end and policy == "trim":
        decision = decide_proclitics(text[new_start:word_end(text, new_start, new_end)],
                                     known=known)
        stem = new_start + decision.split.stem_start
        if decision.verdict == "trim" and stem < new_end:
            new_start = stem
            reasons.append(f"{PROCLITICS} ({decision.split.proclitics})")
    return new_start, new_end, reasons


class BoundaryFitter:
    """Fits the spans of each imported record in place; `report` hears of each moved span."""

    def __init__(self, scheme: Scheme, report: Callable[[MovedSpan], None] | None = None):
        remember_readings()
        self.scheme = scheme
        self.report = report
        self.moved = 0  # spans whose edges moved
        self.kept = 0  # spans listed but kept as they came (empty or repeated)

    def __call__(self, record: DocumentRecord) -> None:
        text = record.text
        known = KnownWords(None, text)
        taken = {(span.start, span.end, span.label) for span in record.spans}
        for span in record.spans:
            policy = self.scheme.label(span.label).proclitics
            start, end, reasons = fitted_range(text, span.start, span.end, policy, known)
            if not reasons:
                continue
            if start >= end:
                self._tell(record, span, span.start, span.end, [*reasons, EMPTY])
                self.kept += 1
                continue
            if (start, end, span.label) in taken:
                self._tell(record, span, span.start, span.end, [*reasons, REPEATED])
                self.kept += 1
                continue
            self._tell(record, span, start, end, reasons)
            taken.discard((span.start, span.end, span.label))
            taken.add((start, end, span.label))
            span.start, span.end, span.text = start, end, text[start:end]
            self.moved += 1

    def _tell(self, record: DocumentRecord, span: SpanRecord, start: int, end: int,
              reasons: list[str]) -> None:
        if self.report is not None:
            self.report(MovedSpan(
                record.id or "", span.label, span.start, span.end, span.text or "",
                start, end, record.text[start:end], "; ".join(reasons)))


def write_report(rows: list[MovedSpan], path: Path) -> None:
    """The moved spans as CSV when `path` ends in .csv, otherwise as JSON Lines."""
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(MovedSpan.__dataclass_fields__))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)
        data = buffer.getvalue().encode("utf-8")
    else:
        data = b"".join(orjson.dumps(asdict(row)) + b"\n" for row in rows)
    with atomic_output(path) as handle:
        handle.write(data)
