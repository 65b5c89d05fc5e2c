"""Tokens with code-point offsets into the stored text, and an explicit proclitic policy.

Token-per-line formats (CoNLL/BIO) need tokens whose offsets are exact and whose edges fall on
span edges. What general tokenisers get wrong on Arabic news, and this one does not:
- quote marks and periods glued to a word (ديرالزور”.) are tokens of their own;
- a decimal number (2.5 or ٢٫٥) stays one token; a word with harakat, shadda or tatweel stays one
  token with its marks; an emoji with its skin tone or ZWJ sequence is one token;
- white space and invisible marks (RLM, LRM, ALM) are never tokens, and never inside one;
- proclitics (و ف ب ك ل) stay on their word with `proclitics="keep"`, or become tokens of their
  own with `proclitics="split"` (بسوريا gives ب and سوريا) when core.proclitics finds the
  evidence for it; `split_at` cuts words wherever a span begins or ends, whatever the policy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import regex

from annotator.core.boundaries import WORD_JOINERS
from annotator.core.normalise import normalise
from annotator.core.proclitics import KnownWord, split_proclitics

ProcliticPolicy = Literal["keep", "split"]
PROCLITIC_POLICIES: tuple[str, ...] = ("keep", "split")
TokenKind = Literal["word", "number", "proclitic", "punct", "symbol"]

_WORD_CHARS = r"[\p{L}\p{M}\p{N}]"
_TOKENS = regex.compile(
    rf"(?P<word>{_WORD_CHARS}+(?:(?:[{WORD_JOINERS}]+|(?<=\p{{N}})[.,٫٬](?=\p{{N}})){_WORD_CHARS}+)*)"
    r"|(?P<skip>[\s\p{Cf}]+)"
    r"|(?P<other>\X)"
)
_NUMBER = regex.compile(r"\p{N}+(?:[.,٫٬]\p{N}+)*")


@dataclass(frozen=True)
class Token:
    """text == source[start:end]; `kind` is word, number, proclitic, punct or symbol."""

    start: int
    end: int
    text: str
    kind: TokenKind = "word"


def tokenize(text: str, proclitics: ProcliticPolicy = "keep", *,
             known: KnownWord | None = None, split_at: Iterable[int] = (),
             labelled_whole: KnownWord | None = None) -> list[Token]:
    """Tokens of `text` in order.

    `proclitics`: "keep" leaves و ف ب ك ل on their word; "split" makes each one a token of
    its own where core.proclitics.split_proclitics finds evidence (`known` adds words known
    to stand alone; `labelled_whole`, words the team labels whole, see decide_proclitics).
    `split_at`: offsets where a word must be cut, such as span edges.
    """
    if proclitics not in PROCLITIC_POLICIES:
        raise ValueError(f"proclitics must be one of {PROCLITIC_POLICIES}, not {proclitics!r}")
    cuts = sorted(set(split_at))
    tokens: list[Token] = []
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "skip":
            continue
        start, end = match.span()
        if kind == "other":
            category = unicodedata.category(match.group()[0])
            tokens.append(Token(start, end, match.group(), "punct" if category[0] == "P"
                                else "symbol"))
            continue
        for piece_start, piece_end in _cut(start, end, cuts):
            tokens.extend(_word_tokens(text, piece_start, piece_end, proclitics, known,
                                       labelled_whole))
    return tokens


def _cut(start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    inside = [c for c in cuts if start < c < end]
    edges = [start, *inside, end]
    return list(pairwise(edges))


def _word_tokens(text: str, start: int, end: int, proclitics: ProcliticPolicy,
                 known: KnownWord | None, labelled_whole: KnownWord | None) -> list[Token]:
    word = text[start:end]
    if _NUMBER.fullmatch(word):
        return [Token(start, end, word, "number")]
    if proclitics == "keep":
        return [Token(start, end, word, "word")]
    split = split_proclitics(word, known=known, labelled_whole=labelled_whole)
    if not split:
        return [Token(start, end, word, "word")]
    tokens = [Token(start + a, start + b, word[a:b], "proclitic")
              for a, b in _letter_ranges(word[:split.stem_start])]
    tokens.append(Token(start + split.stem_start, end, word[split.stem_start:], "word"))
    return tokens


def _letter_ranges(prefix: str) -> list[tuple[int, int]]:
    """One range per proclitic letter, covering the prefix with its marks and tatweel."""
    letters = normalise(prefix)
    starts = [0, *(letters.origin(i) for i in range(1, len(letters.text)))]
    return list(zip(starts, [*starts[1:], len(prefix)], strict=True))
