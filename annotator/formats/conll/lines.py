"""What a CoNLL line holds: the document marker, and the characters a token never holds."""

from __future__ import annotations

import regex

from annotator.core.tokens import Token

DOCSTART = "-DOCSTART-"

# What a written token never holds: control characters (U+0085, U+001C-U+001F, VT, FF...)
# and line or paragraph separators, at which str.splitlines and other readers would break
# the token's line. They are left out of the tokens, like white space.
UNWRITTEN = regex.compile(r"[\p{Cc}\u2028\u2029]+")
_WRITTEN = regex.compile(r"[^\p{Cc}\u2028\u2029]+")
SKIPPED = regex.compile(r"[\s\p{Cf}\p{Cc}]+")  # what never stands in a written token


def writable(tokens: list[Token]) -> list[Token]:
    """The tokens without the characters a token line must not hold (UNWRITTEN): a token
    that is only such characters is dropped, one that holds some is cut around them."""
    result: list[Token] = []
    for token in tokens:
        if not UNWRITTEN.search(token.text):
            result.append(token)
            continue
        for piece in _WRITTEN.finditer(token.text):
            result.append(Token(token.start + piece.start(), token.start + piece.end(),
                                piece.group(), token.kind))
    return result
