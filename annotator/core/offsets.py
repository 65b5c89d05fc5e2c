"""Code points, UTF-16 units and grapheme clusters: the one place positions are converted.

Tawsim's offsets are Python code points into the stored text, end exclusive. Qt counts UTF-16
code units, so every character outside the Basic Multilingual Plane (emoji, some symbols)
before a position shifts Qt's number by one. The UI converts through `Utf16Map` and nowhere else.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
_GRAPHEME = regex.compile(r"\X")
# Characters that never join a neighbour into one grapheme cluster: ASCII and Latin-1 without
# CR (CR+LF is one cluster), the Arabic letters, digits and punctuation (not the harakat, the
# honorific signs U+0610-061A or the prepended number signs U+0600-0605), and general
# punctuation. Two of them side by side are a boundary, which spares the cluster scan at
# almost every position of a news text. A test checks the set against Unicode's properties.
_NEVER_JOINS = regex.compile(
    r"[\x00-\x0c\x0e-\u02ff\u0606-\u060f\u061b-\u064a\u0660-\u066f\u0671-\u06d3\u06de\u06e9"
    r"\u06ee-\u06ff\u2010-\u2027\u2030-\u205e]")


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))


class Utf16Map:
    """Converts positions between code points and UTF-16 units for one text.

    Built once per document: it records where the astral characters are, so each conversion
    is a binary search, fast enough for every key press on a 200k-character article.
    """

    __slots__ = ("_astral", "_astral_units", "_length")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character's high surrogate.
        self._astral_units = [cp + i for i, cp in enumerate(self._astral)]
        self._length = len(text)

    @property
    def unit_length(self) -> int:
        return self._length + len(self._astral)

    def to_utf16(self, position: int) -> int:
        """UTF-16 position of code point `position` (0..len(text))."""
        if not 0 <= position <= self._length:
            raise IndexError(f"position {position} is outside 0..{self._length}")
        return position + bisect_left(self._astral, position)

    def from_utf16(self, unit: int, *, round_up: bool = False) -> int:
        """Code point position of UTF-16 position `unit`.

        A unit between the two halves of a surrogate pair is not a character boundary: it
        rounds down to the pair's start, or up past the pair with `round_up`.
        """
        if not 0 <= unit <= self.unit_length:
            raise IndexError(f"UTF-16 position {unit} is outside 0..{self.unit_length}")
        before = bisect_left(self._astral_units, unit)  # astral chars starting before `unit`
        if before and self._astral_units[before - 1] + 1 == unit:
            # Inside the pair of the astral character number before-1.
            code_point = self._astral[before - 1]
            return code_point + 1 if round_up else code_point
        return unit - before


def _paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    """The line around `position`; LF is always a grapheme boundary, so clusters stay inside."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, (len(text) if end == -1 else end)


def grapheme_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Every grapheme cluster boundary in text[start:end], as absolute positions."""
    end = len(text) if end is None else end
    bounds = [start]
    for match in _GRAPHEME.finditer(text, start, end):
        bounds.append(match.end())
    return bounds


_joins_nothing: dict[str, bool] = {}  # a character -> whether it is in _NEVER_JOINS


def _never_joins(char: str) -> bool:
    known = _joins_nothing.get(char)
    if known is None:  # a dictionary look-up costs a quarter of a regex match
        known = _joins_nothing[char] = _NEVER_JOINS.match(char) is not None
    return known


def _surely_boundary(text: str, position: int) -> bool:
    """Whether `position` is a cluster boundary that needs no scan: a text or line edge, or
    two characters that never join side by side (LF is one of them)."""
    if position <= 0 or position >= len(text):
        return True
    before, after = text[position - 1], text[position]
    return before == "\n" or after == "\n" or (_never_joins(before) and _never_joins(after))


def _cluster_window(text: str, position: int) -> tuple[int, int]:
    """Boundaries around `position` that are sure without a scan, the nearest on each side.

    No cluster crosses them, so segmenting the text between them gives the true clusters
    there: a word with its harakat, or a run of emoji, rather than the whole paragraph.
    """
    low = position
    while not _surely_boundary(text, low):
        low -= 1
    high = position + 1
    while not _surely_boundary(text, high):
        high += 1
    return low, min(high, len(text))


def snap_position(text: str, position: int, *, forward: bool) -> int:
    """The nearest grapheme boundary at or after (`forward`) or at or before `position`."""
    if _surely_boundary(text, position):
        return max(0, min(position, len(text)))
    low, high = _cluster_window(text, position)
    bounds = grapheme_boundaries(text, low, high)
    i = bisect_left(bounds, position)
    if bounds[i] == position:
        return position
    return bounds[i] if forward else bounds[i - 1]


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole grapheme clusters.

    A span never separates a letter from its harakat or shadda, never splits a surrogate pair,
    an emoji with its skin tone, or a ZWJ sequence.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return snap_position(text, start, forward=False), snap_position(text, end, forward=True)


def is_grapheme_boundary(text: str, position: int) -> bool:
    return snap_position(text, position, forward=False) == position


def cluster_after(text: str, position: int) -> int:
    """End of the grapheme cluster that starts at `position` (for moving a span edge by one)."""
    if position >= len(text):
        return len(text)
    _, line_end = _paragraph_bounds(text, position)
    if position == line_end:
        return position + 1  # the LF itself
    match = _GRAPHEME.match(text, position, line_end)
    return match.end() if match else position + 1


def cluster_before(text: str, position: int) -> int:
    """Start of the grapheme cluster that ends at `position`."""
    if position <= 0:
        return 0
    if text[position - 1] == "\n":
        return position - 1  # the LF before this line
    low, _ = _cluster_window(text, position - 1)
    bounds = grapheme_boundaries(text, low, position)
    return bounds[bisect_right(bounds, position - 1) - 1]
