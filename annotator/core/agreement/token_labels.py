"""One label per token per layer, for Cohen's kappa over tokens (O included).

Tokens are the project's (core.tokens.tokenize), with proclitics split by default as the
CoNLL export does, so a LOCATION العراق in بالعراق leaves the token ب outside; with "keep" the
token بالعراق overlaps the span and takes its label. (The tokeniser splits a proclitic only
with evidence; no project vocabulary is given here, so the evidence is the article:
بسوريا stays one token.) The tokens never depend on the spans (no cutting at span edges):
both layers are read over the same tokens.

- A token takes the label of a span of the layer that overlaps it by at least one character,
  and O when none does.
- A token under several spans of one layer (an ACTOR inside a CLAIM) takes the innermost:
  the shortest span, then the one that starts first, then the first label in alphabetical
  order. So an entity inside a claim counts as that entity, and the rest of the claim as
  CLAIM.

Speed: tokenize never puts white space inside a token, so the tokens of a text are the
tokens of its white-space-separated chunks laid side by side. TokenCounter tokenises each
distinct chunk once (news repeats its words), counts a text's tokens from its chunks, and
returns the tokens themselves only around the spans; every other token is O in both layers
and only its number matters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from itertools import accumulate
from typing import Any

from annotator.core.tokens import PROCLITIC_POLICIES, ProcliticPolicy, tokenize

OUTSIDE = "O"

# The white space of tokenize's pattern (the `regex` module's \s, Unicode White_Space),
# which leaves out U+001C..U+001F that str.split and `re` treat as white space.
_NOT_WHITE_SPACE = r"(?:[^\s]|[\x1c-\x1f])"
_CHUNK = re.compile(_NOT_WHITE_SPACE + "+")
_SEPARATORS = re.compile(r"[\x1c-\x1f]")


def _is_white_space(char: str) -> bool:
    return char.isspace() and not "\x1c" <= char <= "\x1f"


class TokenCounter:
    """The tokens of texts, each distinct white-space-free chunk tokenised once.

    Keep one for a whole run to tokenise each distinct chunk once; it holds the chunks it
    has seen (a vocabulary, not the texts): with their number of tokens, and with the tokens
    themselves for the chunks near spans.
    """

    def __init__(self, proclitics: ProcliticPolicy = "split") -> None:
        if proclitics not in PROCLITIC_POLICIES:
            raise ValueError(f"proclitics must be one of {PROCLITIC_POLICIES}, "
                             f"not {proclitics!r}")
        self.proclitics = proclitics
        self._chunks: dict[str, tuple[tuple[int, int], ...]] = {}
        self._sizes: dict[str, int] = {}  # the number of tokens of each chunk

    def _learn(self, chunks: Iterable[str], keep_tokens: bool) -> None:
        """Tokenise chunks not seen yet, all in one call (one call per chunk costs five
        times more), and note their sizes, and their tokens when asked."""
        unseen = list(dict.fromkeys(c for c in chunks
                                    if c not in (self._chunks if keep_tokens else self._sizes)))
        if not unseen:
            return
        found: list[list[tuple[int, int]]] = [[] for _ in unseen]
        starts = list(accumulate((len(chunk) + 1 for chunk in unseen), initial=0))
        index = 0
        for token in tokenize(" ".join(unseen), self.proclitics):
            while token.start >= starts[index + 1]:
                index += 1
            found[index].append((token.start - starts[index], token.end - starts[index]))
        for chunk, tokens in zip(unseen, found, strict=True):
            self._sizes[chunk] = len(tokens)
            if keep_tokens:
                self._chunks[chunk] = tuple(tokens)

    def count(self, text: str) -> int:
        """How many tokens `text` has."""
        chunks = _CHUNK.findall(text) if _SEPARATORS.search(text) else text.split()
        try:
            return sum(map(self._sizes.__getitem__, chunks))
        except KeyError:  # chunks never seen: tokenise them, then count
            self._learn(chunks, keep_tokens=False)
            return sum(map(self._sizes.__getitem__, chunks))

    def tokens_around(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The tokens of every chunk that overlaps [start, end), in order."""
        start, end = chunk_edges(text, start, end)
        matches = list(_CHUNK.finditer(text, start, end))
        known = self._chunks
        try:
            found = [known[match.group()] for match in matches]
        except KeyError:  # chunks never seen: tokenise them first
            self._learn((match.group() for match in matches), keep_tokens=True)
            found = [known[match.group()] for match in matches]
        tokens: list[tuple[int, int]] = []
        for match, chunk_tokens in zip(matches, found, strict=True):
            shift = match.start()
            tokens.extend((shift + a, shift + b) for a, b in chunk_tokens)
        return tokens

    def tokens(self, text: str) -> list[tuple[int, int]]:
        """All the tokens of `text` (what tokenize gives, as (start, end))."""
        return self.tokens_around(text, 0, len(text))


def chunk_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to the white space around the chunks it touches."""
    while start > 0 and not _is_white_space(text[start - 1]):
        start -= 1
    while end < len(text) and not _is_white_space(text[end]):
        end += 1
    return start, end


def layer_labels(text: str, layers: Sequence[Sequence[Any]], counter: TokenCounter
                 ) -> tuple[int, list[list[str]]]:
    """How many tokens the text has, and each layer's labels for the tokens near any span.

    The tokens near spans are those of the chunks that any span of any layer touches, the
    same for every layer; every other token is O in every layer.
    """
    total = counter.count(text)
    tokens: list[tuple[int, int]] = []
    for start, end in _regions(text, [span for spans in layers for span in spans]):
        tokens.extend(counter.tokens_around(text, start, end))
    return total, [labels_of(tokens, spans) for spans in layers]


def pair_table(total: int, a_labels: Sequence[str], b_labels: Sequence[str]
               ) -> Counter[tuple[Hashable, Hashable]]:
    """(label in a, label in b) counted over a document's tokens, from layer_labels()."""
    table: Counter[tuple[Hashable, Hashable]] = Counter(zip(a_labels, b_labels, strict=True))
    if total > len(a_labels):
        table[(OUTSIDE, OUTSIDE)] += total - len(a_labels)
    return table


def _regions(text: str, spans: Iterable[Any]) -> list[tuple[int, int]]:
    """The union of the spans widened to whole chunks, as sorted, separate ranges."""
    regions = _union((span.start, span.end) for span in spans)
    return _union(chunk_edges(text, start, end) for start, end in regions)


def _union(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def labels_of(tokens: Sequence[tuple[int, int]], spans: Iterable[Any]) -> list[str]:
    """Each token's label in one layer (see the module), O outside every span."""
    labels = [OUTSIDE] * len(tokens)
    if not tokens:
        return labels
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    # Paint the least preferred span first, so the innermost is painted last and stays.
    for span in sorted(spans, key=lambda s: (s.end - s.start, s.start, s.label), reverse=True):
        first = bisect_right(ends, span.start)  # the first token ending after the start
        last = bisect_left(starts, span.end)  # past the last token starting before the end
        for index in range(first, last):
            labels[index] = span.label
    return labels
