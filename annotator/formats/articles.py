"""Unannotated articles: plain text files, folders of them, and JSON or JSONL collections.

A collection maps its own field names onto a document's text, id and title; every other
field is kept in the document's metadata. Without a mapping, common names are tried
(text/content/body, id, title/headline). An object that carries Label Studio's or doccano's
span keys is refused with the format to read it with, never taken for a plain article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.records import DocumentRecord, Origin
from annotator.core.text import decode_source
from annotator.formats import native
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.files import (
    display_name,
    display_path,
    parse_json_document,
    read_bytes,
    records_from_json_lines,
    records_of_items,
)
from annotator.formats.json_shapes import TEXT_FIELDS, span_keys_of

_TOOL = {"labelstudio": "Label Studio", "doccano": "doccano"}
ID_FIELDS = ("id",)
TITLE_FIELDS = ("title", "headline")


def read_text(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """One document per .txt file; a folder yields its .txt files in name order."""
    files = sorted(p for p in path.rglob("*.txt") if p.is_file()) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise TawsimError("the folder holds no .txt files", path=str(path))
    for file in files:
        origin = Origin(display_path(file))
        try:
            data = read_bytes(file)
            decoded = decode_source(data, source=str(file), encoding=options.encoding)
        except TawsimError as error:
            yield BadRecord(origin, error)
            continue
        finally:
            options.advance(file.stat().st_size if file.exists() else 0)
        yield DocumentRecord(
            text=decoded.text,
            meta={"filename": display_name(file)},
            source=display_path(file),
            source_sha256=decoded.source_sha256,
            encoding=decoded.encoding,
            origin=origin,
        )


def _pick(item: dict[str, Any], mapped: str | None, candidates: tuple[str, ...]) -> str | None:
    if mapped is not None:
        return mapped
    return next((name for name in candidates if name in item), None)


def article_from_json(item: Any, options: ReadOptions) -> DocumentRecord:
    if not isinstance(item, dict):
        raise InvariantError("each article must be a JSON object")
    carrier = span_keys_of(item)
    if carrier is not None:
        # Read as an article, its spans would be lost without a word.
        raise InvariantError(f"the object carries {_TOOL[carrier]} spans, so it is not a plain "
                             f"article; import the file with --format {carrier}")
    fields = options.fields
    text_key = _pick(item, fields.get("text"), TEXT_FIELDS)
    if text_key is None or text_key not in item:
        wanted = fields.get("text") or "/".join(TEXT_FIELDS)
        raise InvariantError(f"the article has no {wanted!r} field; name the text field "
                             "with --field text=NAME")
    text = item[text_key]
    if not isinstance(text, str):
        raise InvariantError(f"field {text_key!r} must be text")
    id_key = _pick(item, fields.get("id"), ID_FIELDS)
    doc_id = item.get(id_key) if id_key else None
    if doc_id is not None and not isinstance(doc_id, str):
        doc_id = str(doc_id)
    title_key = _pick(item, fields.get("title"), TITLE_FIELDS)
    meta = {k: v for k, v in item.items() if k not in (text_key, id_key)}
    if title_key and title_key != "title" and title_key in item:
        meta["title"] = meta.pop(title_key)
    return DocumentRecord(text=text, id=doc_id or None, meta=meta)


def read_json(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """A JSON array of article objects (or one object holding such an array)."""
    data = read_bytes(path)
    options.advance(len(data))
    if not data.strip():
        raise TawsimError("the file is empty", path=str(path))
    value = parse_json_document(path, data, options.encoding)
    if isinstance(value, dict):
        arrays = [v for v in value.values() if isinstance(v, list)]
        value = arrays[0] if len(arrays) == 1 else [value]
    if not isinstance(value, list):
        raise TawsimError("expected a JSON array of articles", path=str(path))
    yield from records_of_items(path, value, "article", article_from_json, options)


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    """One object per line: a Tawsim dataset record or a plain article, by its shape
    (native.looks_native)."""
    def build(value: Any) -> DocumentRecord:
        if native.looks_native(value):
            return native.record_from_json(value)
        return article_from_json(value, options)

    yield from records_from_json_lines(path, options, build)
