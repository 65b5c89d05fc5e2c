"""A normalised text with the map from its positions back to the original text's.

Every normalised character comes from exactly one original character; dropped characters map
to nothing. So a range of the normalised text maps back to the original range from its first
character's origin to its last's, widened over the combining marks that follow (a span never
leaves a shadda behind). The one exception is a ligature: a range that begins or ends inside
the letters of one ligature has no original range, and `to_original` returns None.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

_MARK_RUN = regex.compile(r"\p{Mn}+")


class NormalisedText:
    """A normalised text and the map from its positions to the original text's.

    The map is kept as segments: runs of original characters that each gave one normalised
    character. Dropped characters lie between segments; a ligature is a segment of its own
    whose letters all come from one original character.
    """

    __slots__ = ("_expansions", "_norm_starts", "_orig_starts", "original", "text")

    def __init__(self, original: str, text: str, norm_starts: list[int],
                 orig_starts: list[int], expansions: dict[int, int]) -> None:
        self.original = original
        self.text = text
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts
        self._expansions = expansions  # normalised start of a ligature -> its length

    def __repr__(self) -> str:
        return f"NormalisedText({self.text!r})"

    def origin(self, position: int) -> int:
        """The original index of the character at normalised `position`."""
        if not 0 <= position < len(self.text):
            raise IndexError(f"position {position} is outside 0..{len(self.text) - 1}")
        k = bisect_right(self._norm_starts, position) - 1
        start = self._norm_starts[k]
        if start in self._expansions:
            return self._orig_starts[k]
        return self._orig_starts[k] + position - start

    def _inside_ligature(self, position: int, *, at_end: bool) -> bool:
        """Whether a range edge at `position` cuts the letters of one ligature."""
        if not self._expansions:
            return False
        probe = position - 1 if at_end else position
        k = bisect_right(self._norm_starts, probe) - 1
        start = self._norm_starts[k]
        length = self._expansions.get(start)
        if length is None:
            return False
        return position != (start + length if at_end else start)

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """The original range that normalised [start, end) comes from.

        The end is widened over the combining marks that follow the last character, so the
        range never leaves a haraka or shadda behind. None when the range cuts a ligature.
        """
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"range {start}-{end} is outside 0..{len(self.text)}")
        if self._inside_ligature(start, at_end=False) or self._inside_ligature(end, at_end=True):
            return None
        orig_start = self.origin(start)
        orig_end = self.origin(end - 1) + 1
        marks = _MARK_RUN.match(self.original, orig_end)
        if marks is not None:
            orig_end = marks.end()
        return orig_start, orig_end
