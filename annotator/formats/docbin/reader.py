"""Reading spaCy DocBin: a .spacy file, or a folder of them, into records.

`doc.spans["sc"]` gives the spans (or, in a DocBin Tawsim did not write, `doc.ents` and every
span group); Tawsim's ids, attributes, notes and relations come back from `doc.user_data`,
checked first, so a damaged file gives a one-line message.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.ids import new_id
from annotator.core.records import DocumentRecord, Origin, RelationRecord, SpanRecord
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.docbin.layout import SPAN_KEY, USER_DATA, load_spacy
from annotator.formats.files import records_of_items


def sniff(path: Path) -> bool:
    if path.is_dir():
        return next(path.glob("*.spacy"), None) is not None
    return path.suffix.lower() == ".spacy"


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    load_spacy()
    from spacy.vocab import Vocab

    if path.is_dir():
        files = sorted(p for p in path.glob("*.spacy") if p.is_file())
        if not files:
            raise TawsimError("the folder holds no .spacy files", path=str(path))
    else:
        files = [path]
    vocab = Vocab()
    for file in files:
        try:
            docs = _docs(file, options, vocab)
        except TawsimError as error:
            yield BadRecord(Origin(str(file)), error)
            continue
        yield from records_of_items(file, docs, "doc", record_from_doc, options)


def _docs(file: Path, options: ReadOptions, vocab: Any) -> list[Any]:
    """The Docs of one .spacy file, or a one-line error naming it."""
    from spacy.tokens import DocBin

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise TawsimError(f"cannot read the file: {exc.strerror}", path=str(file)) from None
    options.advance(len(data))
    try:
        _check_lengths(data)
        docs = list(DocBin().from_bytes(data).get_docs(vocab))
        for doc in docs:  # spans are made lazily: a damaged one fails here, not later
            for group in doc.spans.values():
                list(group)
            list(doc.ents)
        return docs
    except Exception:  # damaged bytes fail in zlib, msgpack, numpy or spaCy, each its own way
        raise TawsimError("not a spaCy DocBin (.spacy) file, or a damaged one",
                          path=str(file)) from None


def _check_lengths(data: bytes) -> None:
    """Refuse a DocBin whose document lengths do not add up to its tokens: spaCy would cut
    the documents wrongly without a word, or fail later on a span past a document's end."""
    import numpy
    import srsly

    message = srsly.msgpack_loads(zlib.decompress(data))
    lengths = numpy.frombuffer(message["lengths"], dtype="int32")
    rows = len(message["tokens"]) // (8 * max(1, len(message["attrs"])))
    if (lengths < 0).any() or int(lengths.sum()) != rows:
        raise ValueError("document lengths do not match the tokens")
    for key in ("span_groups", "flags", "user_data"):
        if key in message and len(message[key]) != len(lengths):
            raise ValueError(f"{key} do not match the documents")


def record_from_doc(doc: Any, options: ReadOptions) -> DocumentRecord:
    saved = _saved(doc.user_data.get(USER_DATA) or {})
    if SPAN_KEY in doc.spans:
        placed = list(doc.spans[SPAN_KEY])
    else:
        placed = list(doc.ents) + [s for group in doc.spans.values() for s in group]
    details = saved["spans"]
    spans: list[SpanRecord] = []
    by_key: dict[tuple[int, int, str], str] = {}
    ids: list[str] = []  # the span id of each placed span, in order (relations index them)
    for number, item in enumerate(placed):
        detail = details[number] if number < len(details) else {}
        key = (item.start_char, item.end_char, item.label_)
        if key not in by_key:
            by_key[key] = new_id()
            spans.append(SpanRecord(start=key[0], end=key[1], label=key[2], id=by_key[key],
                                    attrs=dict(detail.get("attrs") or {}),
                                    note=detail.get("note") or ""))
        ids.append(by_key[key])
    relations = [RelationRecord(type=type_, head=ids[head], tail=ids[tail],
                                attrs=dict(attrs or {}))
                 for type_, head, tail, attrs in saved["relations"]
                 if head < len(ids) and tail < len(ids)]
    doc_id, layer = saved.get("id"), saved.get("layer")
    return DocumentRecord(text=doc.text, id=doc_id if isinstance(doc_id, str) else None,
                          layer=layer if isinstance(layer, str) and layer else None,
                          spans=spans, relations=relations)


def _saved(value: Any) -> dict[str, Any]:
    """Tawsim's details kept in doc.user_data, checked: a damaged file gives a message."""
    def damaged(what: str) -> TawsimError:
        return TawsimError(f"the Tawsim details in doc.user_data are damaged: {what}")

    if not isinstance(value, dict):
        raise damaged("not an object")
    spans = value.get("spans") or []
    if not isinstance(spans, list | tuple):
        raise damaged("spans is not a list")
    for number, item in enumerate(spans, start=1):
        if not (isinstance(item, dict) and isinstance(item.get("attrs") or {}, dict)
                and isinstance(item.get("note") or "", str)):
            raise damaged(f"span {number} is not an object with attrs and a note")
    relations = value.get("relations") or []
    if not isinstance(relations, list | tuple):
        raise damaged("relations is not a list")
    for number, item in enumerate(relations, start=1):
        if not (isinstance(item, list | tuple) and len(item) == 4
                and isinstance(item[0], str) and isinstance(item[3] or {}, dict)
                and all(type(end) is int and end >= 0 for end in item[1:3])):
            raise damaged(f"relation {number} is not [type, head, tail, attrs]")
    return {**value, "spans": spans, "relations": relations}
