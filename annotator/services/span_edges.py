"""Moving a span's edge by one grapheme cluster or one word, never beside a space or
punctuation: the text side of `AnnotationSession.nudge_edge`."""

from __future__ import annotations

from annotator.core.boundaries import is_edge_junk, is_word_char
from annotator.core.offsets import cluster_after, cluster_before


def step_edge(text: str, position: int, edge: str, step: int, unit: str) -> int:
    """Where an edge at `position` goes one cluster or word earlier or later.

    A start edge stops before a character that may begin a span (never a space); an end edge
    stops after one. By word, an edge moving outwards crosses the gap and the next whole
    word; moving inwards it leaves its own word and stops at the next word's near side.
    """
    advance = cluster_after if step > 0 else cluster_before
    limit = len(text) if step > 0 else 0

    def inside(i: int) -> bool:
        if edge == "start":
            return i < len(text) and not is_edge_junk(text[i])
        return i > 0 and not is_edge_junk(text[i - 1])

    def at_word(i: int) -> bool:  # a word character lies ahead in the direction of travel
        if step > 0:
            return i < len(text) and is_word_char(text[i])
        return i > 0 and is_word_char(text[i - 1])

    i = position
    if unit == "char":
        i = advance(text, i)
        while i != limit and not inside(i):
            i = advance(text, i)
        return i if inside(i) else position
    inwards = (edge == "start") == (step > 0)
    if inwards:
        while i != limit and at_word(i):
            i = advance(text, i)
        while i != limit and not at_word(i):
            i = advance(text, i)
    else:
        while i != limit and not at_word(i):
            i = advance(text, i)
        while i != limit and at_word(i):
            i = advance(text, i)
    return i if inside(i) else position
