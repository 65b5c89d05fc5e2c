"""Reading CoNLL: tagged tokens into records, on the project's text when it has the document.

CoNLL has no original text: a document the project already holds (same id) has its tokens
aligned to its text; otherwise the text is rebuilt (tokens joined by spaces, sentences by
line breaks) and the document's metadata says that the offsets refer to the rebuilt text.
Tokens are kept exactly as the file has them (a left-to-right mark at their start included),
so that the export can write them back (see imported).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError, translatable
from annotator.core.ids import new_id
from annotator.core.records import DocumentRecord, Origin, SpanRecord
from annotator.core.text import decode_source
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.common import check_span
from annotator.formats.conll.imported import SPACES_INSIDE_TOKENS, spaces_inside_tokens
from annotator.formats.conll.lines import SKIPPED
from annotator.formats.conll.parser import TaggedDocument, tagged_documents
from annotator.formats.conll.tags import chunks
from annotator.formats.files import display_path, name_is_text, read_bytes

REBUILT = ("text rebuilt from CoNLL tokens (joined by spaces, sentences by line breaks); "
           "span offsets refer to this text")


def sniff(path: Path) -> bool:
    return path.suffix.lower() in (".conll", ".bio", ".iob", ".iob2", ".conll03")


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    data = read_bytes(path)
    options.advance(len(data))
    text = decode_source(data, source=str(path), encoding=options.encoding).text
    documents = list(tagged_documents(path, text))
    if len(documents) == 1 and documents[0].doc_id is None and name_is_text(path.stem):
        documents[0].doc_id = path.stem
    rebuilt = 0
    for document in documents:
        origin = Origin(display_path(path), document.line)
        if document.error is not None:
            yield BadRecord(origin, document.error)
            continue
        try:
            record, was_rebuilt = _record(document, path, options)
        except TawsimError as error:
            yield BadRecord(origin, error.located(str(path), document.line))
            continue
        rebuilt += was_rebuilt
        record.origin = origin
        record.source = display_path(path)
        yield record
    if rebuilt:
        options.warn(f"{path}: {rebuilt} document(s) not in the project: their text was "
                     "rebuilt from the tokens, and their offsets refer to that text")


def _record(document: TaggedDocument, path: Path,
            options: ReadOptions) -> tuple[DocumentRecord, bool]:
    existing = (options.document_text(document.doc_id)
                if options.document_text and document.doc_id else None)
    if existing is not None:
        text, offsets = existing, _align(existing, document, path)
        meta: dict[str, Any] = {}
    else:
        text, offsets = _rebuild(document)
        meta = {"text_note": REBUILT, "source_format": "conll"}
        inside = spaces_inside_tokens(text, offsets)
        if inside:
            meta[SPACES_INSIDE_TOKENS] = inside
    spans = _spans(document, offsets, text, path, options)
    return DocumentRecord(text=text, id=document.doc_id, meta=meta, spans=spans), \
        existing is None


def _align(text: str, document: TaggedDocument, path: Path) -> list[tuple[int, int]]:
    offsets = []
    position = 0
    for token, _, line in document.tokens:
        skipped = SKIPPED.match(text, position)
        if skipped and not text.startswith(token, position):
            position = skipped.end()
        if not text.startswith(token, position):
            found = text[position:position + len(token) + 10]
            raise TawsimError(translatable("token {token!r} does not match document {id!r} at "
                                           "character {position} ({found!r}); the file does "
                                           "not tokenise this document's text"),
                              fields={"token": token, "id": document.doc_id,
                                      "position": position, "found": found},
                              path=str(path), line=line)
        offsets.append((position, position + len(token)))
        position += len(token)
    return offsets


def _rebuild(document: TaggedDocument) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    offsets = []
    position = 0
    for index, (token, _, _) in enumerate(document.tokens):
        if index:
            glue = "\n" if index in document.breaks else " "
            parts.append(glue)
            position += 1
        parts.append(token)
        offsets.append((position, position + len(token)))
        position += len(token)
    return "".join(parts), offsets


def _spans(document: TaggedDocument, offsets: list[tuple[int, int]], text: str,
           path: Path, options: ReadOptions) -> list[SpanRecord]:
    columns = max(len(tags) for _, tags, _ in document.tokens)
    found: dict[tuple[int, int, str], SpanRecord] = {}
    for column in range(columns):
        for first, last, label, line in chunks(document.tokens, document.breaks, column):
            start, end = offsets[first][0], offsets[last][1]
            try:
                check_span(text, start, end, label, scheme=options.scheme)
            except TawsimError as error:
                raise TawsimError(error.said, path=str(path), line=line) from None
            found.setdefault((start, end, label),
                             SpanRecord(start=start, end=end, label=label, id=new_id()))
    return list(found.values())
