"""Finding a word in a text the way an Arabic reader would, with exact original offsets.

The query and the text are compared after normalisation (core.normalise), so الاعلام finds
الإعلام and قوات finds قوّات. A match may sit inside a longer word: سوريا is found in
بسوريا, starting at the س. A query that begins with the article also finds the word after ل,
where the article's alef is not written: العراق finds للعراق, from the article's lam on.

A match covers whole grapheme clusters of the original: 👍 found in 👍🏽 covers the skin tone
too, like a span the annotator selects.

With `whole_word`, a match must end where its word ends and begin where its word begins or
right after proclitics (و ف ب ك ل and their combinations): what label-all wants, so that
سوريا matches بسوريا but not سورياتي. Whether the letters before it are proclitics is the
proclitic decision (core.proclitics), the query standing alone as its evidence: a match
behind letters the decision keeps is no match (ادي does not find وادي, the valley, but سوريا
finds بسوريا); one it is unsure of is kept, with its proclitics.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from annotator.core.normalise import DEFAULT_FOLDING, Folding, NormalisedText, normalise_key
from annotator.core.offsets import snap_to_graphemes
from annotator.core.proclitics import ARTICLE, LAM, decide_proclitics, is_proclitic_sequence


@dataclass(frozen=True)
class TextMatch:
    """One match: original offsets, and the proclitics written before it in the same word."""

    start: int
    end: int
    word_start: int  # where the word begins with its proclitics; == start when there are none
    proclitics: str  # the proclitic letters before the match (normalised), "" when none


def query_key(query: str, folding: Folding = DEFAULT_FOLDING) -> str:
    """The normalised form of what a user typed: marks and tatweel gone, spaces trimmed."""
    return normalise_key(query, folding).strip(" ")


def find_matches(normalised: NormalisedText, key: str, *,
                 whole_word: bool = False) -> list[TextMatch]:
    """Every non-overlapping match of query `key` (see query_key) in `normalised`, in order."""
    if not key:
        return []
    text = normalised.text
    found = [(s, s + len(key)) for s in _occurrences(text, key)]
    if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1:
        lam_form = key[1:]  # العراق -> لعراق, as written after the preposition ل
        for s in _occurrences(text, lam_form):
            if s > 0 and text[s - 1] == LAM:
                prefix = text[_word_start(text, s):s]
                if prefix.endswith(LAM) and is_proclitic_sequence(prefix):
                    found.append((s, s + len(lam_form)))
        found.sort()
    matches: list[TextMatch] = []
    last_end = 0
    for start, end in found:
        if start < last_end:
            continue
        match = _match(normalised, start, end, whole_word, key)
        if match is not None:
            matches.append(match)
            last_end = end
    return matches


def _occurrences(text: str, key: str) -> list[int]:
    positions = []
    start = text.find(key)
    while start != -1:
        positions.append(start)
        start = text.find(key, start + len(key))
    return positions


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _word_start(text: str, position: int) -> int:
    while position > 0 and _is_word_char(text[position - 1]):
        position -= 1
    return position


def _match(normalised: NormalisedText, start: int, end: int,
           whole_word: bool, key: str) -> TextMatch | None:
    text = normalised.text
    word_start = _word_start(text, start)
    prefix = text[word_start:start]
    proclitics = prefix if prefix and is_proclitic_sequence(prefix) else ""
    if whole_word:
        if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
            return None
        if prefix and not proclitics and _is_word_char(text[start]):
            return None
    span = normalised.to_original(start, end)
    if span is None:
        return None
    # A hit is what the reader sees: an emoji keeps its skin tone, a letter its joiner.
    span_start, span_end = snap_to_graphemes(normalised.original, *span)
    original_word_start = normalised.origin(word_start) if proclitics else span_start
    if whole_word and proclitics and _letters_of_the_word(normalised.original,
                                                          original_word_start, span_end, key):
        return None
    return TextMatch(span_start, span_end, min(original_word_start, span_start), proclitics)


def _letters_of_the_word(text: str, word_start: int, end: int, key: str) -> bool:
    """Whether the letters before a whole-word match are the word's own (وادي for ادي)."""
    return _keeps_its_letters(text[word_start:end], key)


@lru_cache(maxsize=1 << 14)
def _keeps_its_letters(word: str, key: str) -> bool:
    # The same words come back on every page and in every document: decide each once.
    return decide_proclitics(word, known={key}.__contains__).verdict == "keep"
