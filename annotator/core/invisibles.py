"""Invisible characters: where they are, and what to call them when the desk shows them.

Arabic news carries characters a reader cannot see: direction marks (RLM, LRM, ALM), joiners
(ZWNJ, ZWJ), the no-break space, isolates and embeddings pasted from web pages. They stay in
the stored text and count in every offset. A "show invisible characters" view draws a mark at
each of these positions (over the text, like a text editor's "show whitespace"); it never
inserts anything into the text, so no offset moves.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Short names an annotator will recognise, for the characters news text actually carries.
NAMES: dict[str, str] = {
    "\u200f": "RLM", "\u200e": "LRM", "\u061c": "ALM",
    "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u200b": "ZWSP", "\u2060": "WJ", "\ufeff": "ZWNBSP",
    "\u00a0": "NBSP", "\u202f": "NNBSP", "\u00ad": "SHY",
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
_INVISIBLE = re.compile("[" + "".join(NAMES) + "\u2000-\u200a\u3000]")


@dataclass(frozen=True)
class Invisible:
    position: int  # code point offset in the stored text
    char: str
    name: str  # short name to draw or show in a tooltip ("RLM", "NBSP")


def invisible_characters(text: str, start: int = 0, end: int | None = None) -> list[Invisible]:
    """Every invisible character in text[start:end] (a paragraph being painted, say)."""
    end = len(text) if end is None else end
    return [Invisible(m.start(), m.group(), name_of(m.group()))
            for m in _INVISIBLE.finditer(text, start, end)]


def name_of(char: str) -> str:
    if char in NAMES:
        return NAMES[char]
    return unicodedata.name(char, f"U+{ord(char):04X}")
