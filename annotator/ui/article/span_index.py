"""One document's spans, found by position quickly enough to paint every paragraph.

Qt-free so it can be tested on its own. Positions are code points. Spans are kept sorted by
start; a query for [a, b) looks back from b only as far as the longest span, and the few very
long spans (a claim over several paragraphs) are kept apart so they do not widen that window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable

from annotator.core.model import Span

LONG_SPAN = 1500  # code points; longer spans are checked one by one


class SpanIndex:
    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._by_id: dict[str, Span] = {}
        self._keys: list[tuple[int, str]] = []  # (start, id) of the short spans, sorted
        self._long: dict[str, Span] = {}
        self._max_short = 0
        self._max_stale = False
        self.label_counts: Counter[str] = Counter()
        items = list(spans)
        for span in items:
            self._by_id[span.id] = span
            self.label_counts[span.label] += 1
            if span.end - span.start > LONG_SPAN:
                self._long[span.id] = span
            else:
                self._keys.append((span.start, span.id))
                self._max_short = max(self._max_short, span.end - span.start)
        self._keys.sort()

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def values(self) -> list[Span]:
        """Every span, in no particular order (cheaper than iterating in order)."""
        return list(self._by_id.values())

    def get(self, span_id: str) -> Span | None:
        return self._by_id.get(span_id)

    def add(self, span: Span) -> None:
        if span.id in self._by_id:
            self.remove(span.id)
        self._by_id[span.id] = span
        self.label_counts[span.label] += 1
        if span.end - span.start > LONG_SPAN:
            self._long[span.id] = span
        else:
            insort(self._keys, (span.start, span.id))
            self._max_short = max(self._max_short, span.end - span.start)

    def remove(self, span_id: str) -> Span | None:
        span = self._by_id.pop(span_id, None)
        if span is None:
            return None
        self.label_counts[span.label] -= 1
        if self._long.pop(span_id, None) is None:
            i = bisect_left(self._keys, (span.start, span.id))
            del self._keys[i]
            if span.end - span.start >= self._max_short:
                self._max_stale = True
        return span

    def _window(self) -> int:
        if self._max_stale:
            self._max_short = max(
                (self._by_id[i].end - self._by_id[i].start for _, i in self._keys), default=0)
            self._max_stale = False
        return self._max_short

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans that share at least one character with [start, end)."""
        found: list[Span] = []
        first = bisect_left(self._keys, (start - self._window() + 1, ""))
        last = bisect_left(self._keys, (end, ""))
        for _, span_id in self._keys[first:last]:
            span = self._by_id[span_id]
            if span.end > start:
                found.append(span)
        found.extend(s for s in self._long.values() if s.start < end and s.end > start)
        return found

    def at(self, position: int) -> list[Span]:
        """Spans that contain the character at `position`, innermost (shortest) first."""
        spans = self.overlapping(position, position + 1)
        return sorted(spans, key=lambda s: (s.end - s.start, s.start, s.label))

    def after(self, position: int) -> Span | None:
        """The first span that starts after `position`."""
        i = bisect_right(self._keys, (position, "\U0010ffff"))
        candidates = [self._by_id[self._keys[i][1]]] if i < len(self._keys) else []
        candidates += [s for s in self._long.values() if s.start > position]
        return min(candidates, key=lambda s: (s.start, s.end - s.start), default=None)

    def before(self, position: int) -> Span | None:
        """The last span that starts before `position`."""
        i = bisect_left(self._keys, (position, ""))
        candidates = [self._by_id[self._keys[i - 1][1]]] if i > 0 else []
        candidates += [s for s in self._long.values() if s.start < position]
        return max(candidates, key=lambda s: (s.start, -(s.end - s.start)), default=None)

    def neighbour(self, span_id: str, step: int) -> Span | None:
        """The span before (step -1) or after (+1) this one in reading order: by start, and
        by id between spans that start together (an order that stays fixed while editing)."""
        span = self._by_id.get(span_id)
        if span is None:
            return None
        key = (span.start, span.id)
        candidates: list[Span] = []
        i = bisect_left(self._keys, key)  # this span's own key, or where it would be
        j = (i if step > 0 else i - 1) if span_id in self._long else i + 1 if step > 0 else i - 1
        if 0 <= j < len(self._keys):
            candidates.append(self._by_id[self._keys[j][1]])
        if step > 0:
            candidates += [s for s in self._long.values() if (s.start, s.id) > key]
            return min(candidates, key=lambda s: (s.start, s.id), default=None)
        candidates += [s for s in self._long.values() if (s.start, s.id) < key]
        return max(candidates, key=lambda s: (s.start, s.id), default=None)
