"""The tokens of a document whose text was rebuilt from a CoNLL file, recovered for export.

A rebuilt text is the file's tokens joined by one space, its sentences by one line break, so
every space and line break in it is glue between two tokens, except the spaces a token of a
tab-separated file held itself: the reader lists those in the metadata
(SPACES_INSIDE_TOKENS). The writer gives such a document back its own tokens, exactly as
imported (`$#$`, a left-to-right mark at a token's start, tatweel and all), so that
importing the export gives the same text and the same spans at the same offsets; every
imported token it writes otherwise (cut at a span edge, split by Tawsim's tokeniser, without
a control character) is reported.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from annotator.core.records import DocumentRecord
from annotator.core.tokens import Token
from annotator.formats.base import SpanIssue, WriteReport
from annotator.formats.common import Tally

SPACES_INSIDE_TOKENS = "spaces_inside_tokens"
_GLUE = " \n"


def spaces_inside_tokens(text: str, offsets: list[tuple[int, int]]) -> list[int]:
    """Offsets of the spaces and line breaks that belong to a token, not to the glue."""
    return [start + index for start, end in offsets
            for index, char in enumerate(text[start:end]) if char in _GLUE]


def is_rebuilt(record: DocumentRecord) -> bool:
    """Whether the record's text was rebuilt from CoNLL tokens (so they can be recovered)."""
    return record.meta.get("source_format") == "conll" and "text_note" in record.meta


def imported_tokens(record: DocumentRecord) -> list[Token]:
    """The tokens a rebuilt text was made of, as the CoNLL file had them."""
    text = record.text
    inside = _offsets(record.meta.get(SPACES_INSIDE_TOKENS))
    tokens: list[Token] = []
    start = 0
    for position, char in enumerate(text):
        if char in _GLUE and position not in inside:
            if position > start:
                tokens.append(Token(start, position, text[start:position]))
            start = position + 1
    if len(text) > start:
        tokens.append(Token(start, len(text), text[start:]))
    return tokens


def _offsets(value: Any) -> set[int]:
    if isinstance(value, list):
        return {item for item in value if type(item) is int}
    return set()


def cut_tokens(text: str, tokens: list[Token], cuts: list[int]) -> list[Token]:
    """The tokens with each one cut at the offsets inside it (and nothing else changed)."""
    result: list[Token] = []
    position = 0
    for token in tokens:
        while position < len(cuts) and cuts[position] <= token.start:
            position += 1
        start = token.start
        while position < len(cuts) and cuts[position] < token.end:
            result.append(Token(start, cuts[position], text[start:cuts[position]], token.kind))
            start = cuts[position]
            position += 1
        result.append(Token(start, token.end, text[start:token.end], token.kind))
    return result


def report_changed_tokens(record: DocumentRecord, imported: list[Token],
                          written: list[Token], report: WriteReport, tally: Tally) -> None:
    """Report every imported token that is not written as one token of the same characters."""
    edges = {(token.start, token.end) for token in written}
    starts = [token.start for token in written]  # written tokens are in text order
    for token in imported:
        if (token.start, token.end) in edges:
            continue
        first = bisect_left(starts, token.start)
        last = bisect_left(starts, token.end, first)
        pieces = [piece.text for piece in written[first:last]]
        action = ("written as " + " ".join(repr(piece) for piece in pieces) if pieces
                  else "not written (it holds no character a token line can carry)")
        report.note(SpanIssue(document=record.id, span=None, label="", start=token.start,
                              end=token.end, problem=f"the imported token {token.text!r}",
                              action=action))
        tally.add("{n} imported token{s} written differently from the CoNLL file they came "
                  "from (see the report)")
