"""The character tables of one folding, and the fast mapping of a whole text through them.

Characters are mapped in place first (a dropped one becomes GAP, so offsets still line up
with the original), then the gaps are removed and white space collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from annotator.core.normalise.characters import (
    DECOMPOSED_CARRIERS,
    HAMZA,
    HAMZA_ABOVE,
    HAMZA_BELOW,
    PRESENTATION_FORMS,
    Folding,
    simple_map,
)

GAP = "\x00"  # marks a dropped character inside translate(); stored text never holds NUL
_CARRIER_WITH_HAMZA = regex.compile(
    f"[{DECOMPOSED_CARRIERS}](?=\\p{{Mn}}*[{HAMZA_ABOVE}{HAMZA_BELOW}])")
GAPS = re.compile(f" [ {GAP}]+|{GAP}+")
_SPACE_RUNS = re.compile("  +")
# Replaced with str.replace, the fastest way over a whole text: the changes most texts need.
_COMMON = "أإآؤئةى\n\t"


@dataclass(frozen=True)
class Tables:
    """How one folding maps characters, arranged so that a typical text costs a few scans.

    `common` are str.replace pairs for the frequent changes (أ, ة, newline…); `rare` finds
    any other character that changes (marks, invisible marks, odd spaces, digits,
    presentation forms, anything beyond the BMP), which `table` or `_astral` then maps.
    """

    table: dict[str, str]  # one character -> one character, or GAP where it is dropped
    common: tuple[tuple[str, str], ...]
    rare: re.Pattern
    expansions: dict[str, str]  # presentation forms that stand for several letters
    expanding: re.Pattern | None


@cache
def tables_for(folding: Folding) -> Tables:
    table: dict[str, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        mapped = simple_map(char, folding)
        if mapped != char:
            table[char] = mapped or GAP
    expansions: dict[str, str] = {}
    translate = str.maketrans(table)
    for low, high in PRESENTATION_FORMS:
        for code in range(low, high + 1):
            char = chr(code)
            if char in table or unicodedata.category(char) == "Cn":
                continue  # already mapped (the BOM, a format character) or unassigned
            shown = unicodedata.normalize("NFKC", char)
            letters = collapse(shown.translate(translate)).lower().strip(" ")
            if len(letters) == 1:
                table[char] = letters
            elif not letters:
                table[char] = GAP
            elif letters != char:
                expansions[char] = letters
    common = tuple((c, table[c]) for c in _COMMON if c in table)
    # Upper-case letters are left to str.lower(): 1:1 and context-free once İ and Σ are mapped.
    rare_chars = [c for c in table if c not in _COMMON]
    rare = re.compile(_char_class([*rare_chars, *expansions], "\U00010000-\U0010FFFF"))
    expanding = re.compile(_char_class(sorted(expansions))) if expansions else None
    return Tables(table, common, rare, expansions, expanding)


def _char_class(chars: list[str], extra: str = "") -> str:
    """A regular-expression class for `chars` written as ranges (one class scans fastest)."""
    codes = sorted(ord(c) for c in chars)
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
             for a, b in ranges)
    return "[" + "".join(parts) + extra + "]"


def _astral(char: str) -> str:
    """Beyond the BMP only marks and format characters (emoji tags) change: dropped."""
    return GAP if unicodedata.category(char) in ("Mn", "Cf") else char


def map_characters(text: str, tables: Tables, rare: bool) -> str:
    """Length-preserving first step: each character's replacement, GAP where dropped.

    `rare`: whether the text holds any character of `tables.rare` (found by the caller).
    """
    mapped = text
    for old, new in tables.common:
        mapped = mapped.replace(old, new)
    if not rare:
        return mapped
    table = tables.table
    mapped = tables.rare.sub(lambda m: table.get(m.group()) or _astral(m.group()), mapped)
    if HAMZA_ABOVE in text or HAMZA_BELOW in text:
        chars = list(mapped)
        for match in _CARRIER_WITH_HAMZA.finditer(text):
            chars[match.start()] = HAMZA
        mapped = "".join(chars)
    return mapped


def collapse(mapped: str) -> str:
    """Remove the gaps and all but the first space of each run of white space.

    A run of spaces and gaps becomes one space if it holds a space, else nothing: the same
    as removing every gap and then shortening runs of spaces, which needs no Python call per
    run (five times faster on vocalised text, where every haraka leaves a gap)."""
    if GAP in mapped:
        mapped = mapped.replace(GAP, "")
    if "  " in mapped:
        mapped = _SPACE_RUNS.sub(" ", mapped)
    return mapped
