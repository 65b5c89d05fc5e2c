"""Where a span may begin and end: trimming edges and snapping to whole words.

A selection made by hand often catches a space, a quote mark or an invisible direction mark
at either edge. The guidelines say a span covers the mention only, so selections are trimmed
before they become spans, and optionally widened to whole words.
"""

from __future__ import annotations

import unicodedata

from annotator.core.offsets import snap_to_graphemes

TATWEEL = "\u0640"


def is_edge_junk(char: str) -> bool:
    """Characters that never start or end a span: space, punctuation, invisible format marks."""
    if char.isspace():
        return True
    category = unicodedata.category(char)
    return category[0] in ("P", "Z") or category == "Cf"


def is_word_char(char: str) -> bool:
    """Letters, digits, combining marks (harakat, shadda) and tatweel belong to a word."""
    if char == TATWEEL:
        return True
    category = unicodedata.category(char)
    return category[0] in ("L", "N", "M")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, punctuation and invisible marks from both edges, then snap to graphemes.

    Returns an empty range (start == end) when nothing but such characters was selected.
    """
    start, end = snap_to_graphemes(text, start, end)
    while start < end and is_edge_junk(text[start]):
        start += 1
    while end > start and is_edge_junk(text[end - 1]):
        end -= 1
    if start == end:
        return start, start
    start, end = _keep_pairs(text, start, end)
    return snap_to_graphemes(text, start, end)


_OPENERS = "“‘«‹(["
_CLOSERS = "”’»›)]"


def _keep_pairs(text: str, start: int, end: int) -> tuple[int, int]:
    """Give back a trimmed closing quote or bracket whose opener stays inside the span (and
    the other way round): `قناة “الجزيرة”` keeps both quotes, never only the first."""
    inside = text[start:end]
    for opener, closer in zip(_OPENERS, _CLOSERS, strict=True):
        if (end < len(text) and text[end] == closer
                and inside.count(opener) > inside.count(closer)):
            end += 1
        if (start > 0 and text[start - 1] == opener
                and inside.count(closer) > inside.count(opener)):
            start -= 1
    return start, end


def expand_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so that it does not cut any word in two; edges are trimmed first."""
    start, end = trim_span(text, start, end)
    if start == end:
        return start, end
    while start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        start -= 1
    while end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]):
        end += 1
    return snap_to_graphemes(text, start, end)


def word_at(text: str, position: int) -> tuple[int, int]:
    """The word that contains `position` (or starts there); empty range if there is none."""
    if not text:
        return 0, 0
    position = max(0, min(position, len(text)))
    if position < len(text) and is_word_char(text[position]):
        return expand_to_words(text, position, position + 1)
    if position > 0 and is_word_char(text[position - 1]):
        return expand_to_words(text, position - 1, position)
    return position, position


# Zero-width non-joiner and joiner: written inside a word (a Persian or Urdu name, a prefix
# kept from joining), they leave it one word, as the tokeniser reads it (core.tokens).
WORD_JOINERS = "\u200c\u200d"


def word_end(text: str, start: int, limit: int | None = None) -> int:
    """Where the word that begins at `start` ends (`start` itself if none does), at most
    `limit`: the first word of a selection or a span. Joiners between two of its letters
    leave it one word (ويل‌سون)."""
    limit = len(text) if limit is None else limit
    end = start
    while end < limit:
        if is_word_char(text[end]):
            end += 1
            continue
        joined = end
        while joined < limit and text[joined] in WORD_JOINERS:
            joined += 1
        if joined in (end, limit) or end == start or not is_word_char(text[joined]):
            break
        end = joined
    return end


def starts_a_word(text: str, position: int) -> bool:
    """Whether nothing of a word stands right before `position` (a span there covers a word
    from its start, not a piece after its first letters); a ZWNJ or ZWJ right before it
    joins it to the letters before them."""
    while position > 0 and text[position - 1] in WORD_JOINERS:
        position -= 1
    return position == 0 or not is_word_char(text[position - 1])


def leading_word(text: str, start: int, end: int) -> str:
    """The first word of the span text[start:end] when the span begins where a word begins
    ("" when it begins inside one): the word a span over it labels whole (ويلسون)."""
    return text[start:word_end(text, start, end)] if starts_a_word(text, start) else ""


def next_word_boundary(text: str, position: int) -> int:
    """The end of the next word after `position` (for moving a span edge by a word)."""
    i = position
    while i < len(text) and not is_word_char(text[i]):
        i += 1
    while i < len(text) and is_word_char(text[i]):
        i += 1
    return i


def previous_word_boundary(text: str, position: int) -> int:
    """The start of the word before `position`."""
    i = position
    while i > 0 and not is_word_char(text[i - 1]):
        i -= 1
    while i > 0 and is_word_char(text[i - 1]):
        i -= 1
    return i
