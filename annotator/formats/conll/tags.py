"""The tags of a CoNLL column: which strings are tags, and the chunks a column's tags mark.

The reader takes IOB1, IOB2 and BIOES (with BILOU's L and U); `-`, which some converters
write for a token they could not align, is refused.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from pathlib import Path

from annotator.core.errors import TawsimError, translatable

_TAG = re.compile(r"^(?:O|([BIESLU])-(.+))$")


def is_token_line(fields: list[str]) -> bool:
    """Whether a line's fields are a token and tags (a token may begin with #)."""
    return len(fields) >= 2 and all(_TAG.match(tag.strip()) for tag in fields[1:])


def check_tag(tag: str, path: Path, line: int) -> None:
    if tag == "-":
        raise TawsimError(translatable("tag '-' (a token a converter could not align) is not "
                                       "a valid tag"), path=str(path), line=line)
    if not _TAG.match(tag):
        raise TawsimError(translatable("{tag!r} is not a tag (O, or B-, I-, E-, S- before a "
                                       "label)"), fields={"tag": tag}, path=str(path),
                          line=line)


def chunks(tokens: Sequence[tuple[str, list[str], int]], breaks: Container[int],
           column: int) -> Iterator[tuple[int, int, str, int]]:
    """(first token, last token, label, line of the first) of each tagged chunk in a column.

    B, S and U begin a chunk; so does I after O or after another label (IOB1); E, S, L and U
    end one; a sentence break ends any chunk. `tokens` are (token, tags, line) and `breaks`
    the indexes of the tokens that begin a sentence."""
    chunk: tuple[int, str, int] | None = None
    for index, (_, tags, line) in enumerate(tokens):
        if chunk is not None and index in breaks:
            yield chunk[0], index - 1, chunk[1], chunk[2]
            chunk = None
        tag = tags[column] if column < len(tags) else "O"
        if tag == "O":
            if chunk is not None:
                yield chunk[0], index - 1, chunk[1], chunk[2]
            chunk = None
            continue
        kind, label = tag[0], tag[2:]
        if kind in "BSU" or chunk is None or chunk[1] != label:
            if chunk is not None:
                yield chunk[0], index - 1, chunk[1], chunk[2]
            chunk = (index, label, line)
        if kind in "ESLU":
            yield chunk[0], index, chunk[1], chunk[2]
            chunk = None
    if chunk is not None:
        yield chunk[0], len(tokens) - 1, chunk[1], chunk[2]
