"""Normalising a whole text: the plain path most texts take, and the one around ligatures.

A text is scanned once to learn what it needs: only the common replacements, the rare
characters too, or the ligature path, where the letters a ligature stands for are spliced
between normalised pieces.
"""

from __future__ import annotations

from annotator.core.normalise.characters import DEFAULT_FOLDING, Folding
from annotator.core.normalise.normalised_text import NormalisedText
from annotator.core.normalise.tables import GAP, GAPS, Tables, collapse, map_characters, tables_for


def normalise(text: str, folding: Folding = DEFAULT_FOLDING) -> NormalisedText:
    """Normalise `text` for matching, keeping the map back to its offsets."""
    tables = tables_for(folding)
    rare = _scan(text, tables)
    if rare == _LIGATURES:
        return _normalise_with_ligatures(text, tables)
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    normalised = _normalise_piece(text, tables, 0, len(text), norm_starts, orig_starts, 0,
                                  rare == _RARE)
    return NormalisedText(text, normalised, norm_starts, orig_starts, {})


def normalise_key(text: str, folding: Folding = DEFAULT_FOLDING) -> str:
    """The normalised string alone: for queries and for building the search index."""
    tables = tables_for(folding)
    rare = _scan(text, tables)
    if rare == _LIGATURES:
        return normalise(text, folding).text
    return collapse(map_characters(text, tables, rare == _RARE)).lower()


_PLAIN, _RARE, _LIGATURES = range(3)


def _scan(text: str, tables: Tables) -> int:
    """What a text needs: the common replacements only, the rare characters too, or the
    ligature path. One scan for most texts: ligatures are among the rare characters."""
    found = tables.rare.search(text)
    if found is None:
        return _PLAIN
    if tables.expanding is not None and tables.expanding.search(text, found.start()):
        return _LIGATURES
    return _RARE


def _normalise_piece(text: str, tables: Tables, begin: int, end: int,
                     norm_starts: list[int], orig_starts: list[int], offset: int,
                     rare: bool) -> str:
    """Normalise text[begin:end] (no ligature inside), appending its segments to the lists;
    `offset` is the normalised length before the piece."""
    mapped = map_characters(text[begin:end], tables, rare)
    if GAP not in mapped and "  " not in mapped:
        norm_starts.append(offset)
        orig_starts.append(begin)
        return mapped.lower()
    parts: list[str] = []
    kept_from = 0
    for gap in GAPS.finditer(mapped):
        gap_start = gap.start() + (1 if mapped[gap.start()] == " " else 0)
        if gap_start > kept_from:
            norm_starts.append(offset)
            orig_starts.append(begin + kept_from)
            parts.append(mapped[kept_from:gap_start])
            offset += gap_start - kept_from
        kept_from = gap.end()
    if kept_from < len(mapped):
        norm_starts.append(offset)
        orig_starts.append(begin + kept_from)
        parts.append(mapped[kept_from:])
    return "".join(parts).lower()


def _normalise_with_ligatures(text: str, tables: Tables) -> NormalisedText:
    """The rare text with ligatures: normalise between them and splice their letters in.

    A ligature's letters never begin or end with a space, so white space never needs to
    collapse across a piece boundary.
    """
    assert tables.expanding is not None
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    expansions: dict[int, int] = {}
    pieces: list[str] = []
    length = 0
    position = 0
    for match in tables.expanding.finditer(text):
        if match.start() > position:
            piece = _normalise_piece(text, tables, position, match.start(), norm_starts,
                                     orig_starts, length, True)
            pieces.append(piece)
            length += len(piece)
        letters = tables.expansions[match.group()]
        norm_starts.append(length)
        orig_starts.append(match.start())
        expansions[length] = len(letters)
        pieces.append(letters)
        length += len(letters)
        position = match.end()
    if position < len(text):
        pieces.append(_normalise_piece(text, tables, position, len(text), norm_starts,
                                       orig_starts, length, True))
    return NormalisedText(text, "".join(pieces), norm_starts, orig_starts, expansions)
