"""The lines of a CoNLL file, split into documents of tagged tokens.

Tag columns are tab- or space-separated (as the first line that is neither blank nor a
comment has them), and any number up to MAX_TAG_COLUMNS. `-DOCSTART-` lines and
`# newdoc id = ...` comments begin a document; a blank line begins a sentence. A bad line
makes its document bad, not the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import TawsimError, translatable
from annotator.formats.conll.lines import DOCSTART
from annotator.formats.conll.tags import check_tag, is_token_line

# A file with more tag columns than any writer should make is refused at its line, so memory
# and line width stay bounded.
MAX_TAG_COLUMNS = 64


@dataclass
class TaggedDocument:
    doc_id: str | None
    line: int  # where it starts, for messages
    tokens: list[tuple[str, list[str], int]] = field(default_factory=list)  # token, tags, line
    breaks: set[int] = field(default_factory=set)  # token indexes that start a sentence
    error: TawsimError | None = None  # its first bad line: the document is skipped whole


def tagged_documents(path: Path, content: str) -> Iterator[TaggedDocument]:
    separator: str | None = None
    current = TaggedDocument(None, 1)
    pending_id: str | None = None
    sentence_start = True
    for number, raw in enumerate(content.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            sentence_start = True
            continue
        # Columns are told by the first line that is not a comment (a header comment such
        # as Tawsim's own has no tab even in a tab-separated file).
        if separator is None and not line.startswith("#"):
            separator = "\t" if "\t" in line else " "
        fields = line.split("\t") if (separator or _guess(line)) == "\t" else line.split()
        if line.startswith("#") and not is_token_line(fields):
            match = re.match(r"#\s*(?:newdoc id|doc_id|newdoc)\s*=\s*(.+)$", line)
            if match:
                pending_id = match.group(1).strip()
                if current.tokens or current.error:
                    yield current
                current = TaggedDocument(pending_id, number)
            continue
        if fields[0] == DOCSTART:
            if current.tokens or current.error:
                yield current
                current = TaggedDocument(None, number)
            if pending_id is not None:
                current.doc_id = pending_id
                pending_id = None
            sentence_start = True
            continue
        pending_id = None
        try:
            token, tags = _token_line(fields, path, number)
        except TawsimError as error:
            # Only this document is bad: the next -DOCSTART- or newdoc starts a good one.
            current.error = current.error or error
            continue
        if sentence_start and current.tokens:
            current.breaks.add(len(current.tokens))
        sentence_start = False
        current.tokens.append((token, tags, number))
    if current.tokens or current.error:
        yield current


def _guess(line: str) -> str:
    return "\t" if "\t" in line else " "


def _token_line(fields: list[str], path: Path, number: int) -> tuple[str, list[str]]:
    if len(fields) < 2:
        raise TawsimError(translatable("a token line needs a token and at least one tag"),
                          path=str(path), line=number)
    if len(fields) - 1 > MAX_TAG_COLUMNS:
        raise TawsimError(translatable("{columns} tag columns; a CoNLL file may have at most "
                                       "{most}"),
                          fields={"columns": len(fields) - 1, "most": MAX_TAG_COLUMNS},
                          path=str(path), line=number)
    token, tags = fields[0], [t.strip() for t in fields[1:]]
    if not token:
        raise TawsimError(translatable("empty token"), path=str(path), line=number)
    for tag in tags:
        check_tag(tag, path, number)
    return token, tags

