"""Arabic normalisation for search and matching, with a map back to the original offsets.

Arabic news writes one word many ways: الإعلام and الاعلام, قوّات and قوات, الـمملكة with
tatweel, ٥ and 5. Search and label-all compare normalised text, but every offset they report
must point into the untouched stored text. `normalise` returns both the normalised string and
the means to map any range of it back.

What changes (the character classes come from pyarabic's constants):
- dropped: every combining mark (tashkeel, harakat, shadda, dagger alef, Quranic marks, and
  variation selectors), tatweel, and every invisible format character (RLM, LRM, ALM, ZWNJ,
  ZWJ, the bidi embeddings and isolates, ZWSP, soft hyphen);
- alef forms (أ إ آ ٱ ٲ ٳ) become ا; hamza on a carrier (ؤ ئ) becomes ء, and so does a
  carrier followed by a combining hamza (the decomposed spelling of the same letters);
- optionally (both on by default) ة becomes ه and ى becomes ي; Persian ی and ک become ي and ك;
- Arabic-Indic and Eastern digits become ASCII digits; Latin letters become lower case;
- every kind of white space (NBSP, thin space, tab, newline) becomes one space, and runs of
  white space become one space;
- Arabic presentation forms (scraped from PDFs) become the letters they show; the lam-alef
  ligatures and the word ligatures (ﷲ) become several letters.

pyarabic's own functions are not used on the text: several change its length without saying
where (normalize_hamza turns آ into ءء, normalize_ligature ﻻ into لا, strip_tashkeel removes
characters), normalize_alef also folds ى into ا, and sentence_tokenize and autocorrect stop
after 32 matches. Here every character is mapped, all the way through the text.

Every normalised character comes from exactly one original character; dropped characters map
to nothing. So a range of the normalised text maps back to the original range from its first
character's origin to its last's, widened over the combining marks that follow (a span never
leaves a shadda behind). The one exception is a ligature: a range that begins or ends inside
the letters of one ligature has no original range, and `to_original` returns None.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import pyarabic.araby as araby
import regex

_GAP = "\x00"  # marks a dropped character inside translate(); stored text never holds NUL

ALEF = araby.ALEF
HAMZA = araby.HAMZA
YEH = araby.YEH
HEH = araby.HEH
HAMZA_ABOVE = araby.HAMZA_ABOVE  # U+0654, combining
HAMZA_BELOW = araby.HAMZA_BELOW  # U+0655, combining
MADDA_ABOVE = "\u0653"  # combining

# pyarabic's ALEFAT also holds alef maksura (ى) and the dagger alef: those are not alef forms.
ALEF_FORMS = "".join(c for c in araby.ALEFAT
                     if c not in (araby.ALEF_MAKSURA, araby.SMALL_ALEF)) + "\u0672\u0673"
HAMZA_CARRIERS = araby.WAW_HAMZA + araby.YEH_HAMZA
# The letters that carry a combining hamza as ؤ or ئ in decomposed text.
DECOMPOSED_CARRIERS = "\u0648\u064a\u0649\u06cc"
INVISIBLE_MARKS = "\u200f\u200e\u061c\u200c\u200d"  # RLM, LRM, ALM, ZWNJ, ZWJ
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EASTERN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

_MARK_RUN = regex.compile(r"\p{Mn}+")
_CARRIER_WITH_HAMZA = regex.compile(
    f"[{DECOMPOSED_CARRIERS}](?=\\p{{Mn}}*[{HAMZA_ABOVE}{HAMZA_BELOW}])")
_GAPS = regex.compile(f" [ {_GAP}]+|{_GAP}+")
# Beyond the BMP only combining marks and format characters (emoji tags, variation
# selectors) change: they are dropped.
_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
_ASTRAL_DROPPED = regex.compile(r"(?=[\U00010000-\U0010FFFF])[\p{Mn}\p{Cf}]")


@dataclass(frozen=True)
class Folding:
    """Letter folds a reader may or may not want; both are on for search and label-all."""

    teh_marbuta: bool = True  # ة reads as ه (مدرسة / مدرسه)
    alef_maksura: bool = True  # ى reads as ي (الى / الي)


DEFAULT_FOLDING = Folding()
NO_FOLDING = Folding(teh_marbuta=False, alef_maksura=False)


def is_dropped(char: str) -> bool:
    """Characters the normaliser removes: combining marks, tatweel, invisible format marks."""
    category = unicodedata.category(char)
    return category in ("Mn", "Cf") or char == araby.TATWEEL


def _simple_map(char: str, folding: Folding) -> str:
    """One character's normalisation without context (presentation forms excluded)."""
    if is_dropped(char):
        return ""
    if char.isspace():
        return " "
    if char in ALEF_FORMS:
        return ALEF
    if char in HAMZA_CARRIERS:
        return HAMZA
    if char == araby.TEH_MARBUTA:
        return HEH if folding.teh_marbuta else char
    if char == araby.ALEF_MAKSURA:
        return YEH if folding.alef_maksura else char
    if char == "\u06cc":  # Persian yeh
        return YEH
    if char == "\u06a9":  # keheh
        return araby.KAF
    if char in ARABIC_INDIC_DIGITS:
        return str(ARABIC_INDIC_DIGITS.index(char))
    if char in EASTERN_DIGITS:
        return str(EASTERN_DIGITS.index(char))
    if char == "\u0130":  # İ is the only character whose lower case is two characters
        return "i"
    return char


def _is_presentation_form(code: int) -> bool:
    return any(low <= code <= high for low, high in _PRESENTATION_FORMS)


@dataclass(frozen=True)
class _Tables:
    translate: dict[int, str]  # length-preserving: dropped characters become _GAP
    expansions: dict[str, str]  # presentation forms that stand for several letters
    expanding: regex.Pattern | None


@cache
def _tables(folding: Folding) -> _Tables:
    """The translate table over the Basic Multilingual Plane, and the ligatures.

    Characters beyond it are dropped by `_ASTRAL_DROPPED` (marks and tags) or kept.
    """
    table: dict[int, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        mapped = _simple_map(char, folding)
        if mapped != char:
            table[code] = mapped or _GAP
    expansions: dict[str, str] = {}
    for low, high in _PRESENTATION_FORMS:
        for code in range(low, high + 1):
            char = chr(code)
            if code in table or unicodedata.category(char) == "Cn":
                continue  # already mapped (the BOM, a format character) or unassigned
            shown = unicodedata.normalize("NFKC", char)
            letters = _normalise_plain(shown, table).strip(" ")
            if len(letters) == 1:
                table[code] = letters
            elif not letters:
                table[code] = _GAP
            elif letters != char:
                expansions[char] = letters
    expanding = regex.compile("[" + "".join(map(regex.escape, expansions)) + "]")
    return _Tables(table, expansions, expanding if expansions else None)


def _map(text: str, tables: _Tables) -> str:
    """Length-preserving first step: each character's replacement, _GAP where dropped."""
    mapped = text.translate(tables.translate)
    if _ASTRAL.search(text):
        mapped = _ASTRAL_DROPPED.sub(_GAP, mapped)
    if _CARRIER_WITH_HAMZA.search(text):
        chars = list(mapped)
        for match in _CARRIER_WITH_HAMZA.finditer(text):
            chars[match.start()] = HAMZA
        mapped = "".join(chars)
    return mapped


def _collapse(mapped: str) -> str:
    """Remove the gaps and all but the first space of each run of white space."""
    return _GAPS.sub(lambda m: " " if m.group()[0] == " " else "", mapped)


def _normalise_plain(text: str, table: dict[int, str]) -> str:
    """The normalised string of a short text without ligatures (to build the tables)."""
    return _collapse(text.translate(table)).lower()


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


def normalise(text: str, folding: Folding = DEFAULT_FOLDING) -> NormalisedText:
    """Normalise `text` for matching, keeping the map back to its offsets."""
    tables = _tables(folding)
    if tables.expanding is not None and tables.expanding.search(text):
        return _normalise_with_ligatures(text, tables)
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    normalised = _normalise_piece(text, tables, 0, len(text), norm_starts, orig_starts, 0)
    return NormalisedText(text, normalised, norm_starts, orig_starts, {})


def normalise_key(text: str, folding: Folding = DEFAULT_FOLDING) -> str:
    """The normalised string alone: for queries and for building the search index."""
    tables = _tables(folding)
    if tables.expanding is not None and tables.expanding.search(text):
        return normalise(text, folding).text
    return _collapse(_map(text, tables)).lower()


def _normalise_piece(text: str, tables: _Tables, begin: int, end: int,
                     norm_starts: list[int], orig_starts: list[int], offset: int) -> str:
    """Normalise text[begin:end] (no ligature inside), appending its segments to the lists;
    `offset` is the normalised length before the piece."""
    mapped = _map(text[begin:end], tables)
    parts: list[str] = []
    kept_from = 0
    for gap in _GAPS.finditer(mapped):
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


def _normalise_with_ligatures(text: str, tables: _Tables) -> NormalisedText:
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
                                     orig_starts, length)
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
                                       orig_starts, length))
    return NormalisedText(text, "".join(pieces), norm_starts, orig_starts, expansions)
