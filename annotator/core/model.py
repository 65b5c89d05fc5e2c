"""What a project holds: documents, layers of annotations, spans, relations and statuses.

Spans and relations belong to a layer: whose annotations they are. Each human annotator has a
layer named after them, an extractor's predictions come in as a model layer, and the
adjudicated result is the gold layer. Review and audit compare layers of the same document.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from annotator.core.ids import new_id


class Status(StrEnum):
    """Where a document stands in one layer's work."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REVIEWED = "reviewed"


class LayerKind(StrEnum):
    ANNOTATOR = "annotator"  # one person's work, named after them
    MODEL = "model"  # an extractor's predictions
    GOLD = "gold"  # the adjudicated reference


def utc_now() -> str:
    """Timestamps are ISO 8601 UTC with milliseconds: sortable as text, readable by people."""
    now = _dt.datetime.now(_dt.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


@dataclass(frozen=True)
class Layer:
    name: str
    kind: LayerKind = LayerKind.ANNOTATOR
    owner: str | None = None  # the person's (or the model import's) stable id


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    text_sha256: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # where it was imported from, for the record
    source_sha256: str | None = None
    encoding: str | None = None
    created_at: str = ""

    @property
    def title(self) -> str:
        return document_title(self.text, self.meta) or self.id


def document_title(text: str, meta: dict[str, Any]) -> str:
    """The title from the metadata, else the first non-empty line of the text (shortened)."""
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end].strip()
        if line:
            return " ".join(line[:120].split())
        start = end + 1
    return ""


@dataclass(frozen=True)
class Span:
    """A labelled range of a document's stored text: [start, end) in code points."""

    doc_id: str
    layer: str
    start: int
    end: int
    label: str
    text: str
    id: str = field(default_factory=new_id)
    attrs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    annotator: str | None = None
    created_at: str = field(default_factory=utc_now)
    updated_at: str = ""
    # The stored row's revision, raised by every write (storage.annotations): an edit
    # applies only to the row its writer saw. Bookkeeping, not content: equality ignores
    # it and no export carries it.
    rev: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if not self.updated_at:
            object.__setattr__(self, "updated_at", self.created_at)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def with_changes(self, **changes: Any) -> Span:
        """A copy with `changes` and a fresh `updated_at`; the id and creation stay."""
        changes.setdefault("updated_at", utc_now())
        return replace(self, **changes)


@dataclass(frozen=True)
class Relation:
    """A typed, directed link between two spans of one document and layer (head -> tail)."""

    doc_id: str
    layer: str
    type: str
    head: str  # span id
    tail: str  # span id
    id: str = field(default_factory=new_id)
    attrs: dict[str, Any] = field(default_factory=dict)
    annotator: str | None = None
    created_at: str = field(default_factory=utc_now)
    updated_at: str = ""
    rev: int = field(default=0, compare=False)  # as Span.rev

    def __post_init__(self) -> None:
        if not self.updated_at:
            object.__setattr__(self, "updated_at", self.created_at)

    def with_changes(self, **changes: Any) -> Relation:
        changes.setdefault("updated_at", utc_now())
        return replace(self, **changes)


@dataclass(frozen=True)
class Annotations:
    """One document's spans and relations in one layer, with that layer's status."""

    document: Document
    layer: str
    status: Status = Status.NEW
    spans: tuple[Span, ...] = ()
    relations: tuple[Relation, ...] = ()


_SPAN_FIELDS = tuple(f.name for f in fields(Span))


def span_from_values(values: tuple) -> Span:
    """A Span from trusted, complete values in field order (storage rows).

    Two to three times faster than the frozen dataclass's __init__, which goes through
    object.__setattr__ field by field; the desk builds 10k of these to open a long article.
    Values without the trailing revision make a span at revision 0.
    """
    if len(values) == len(_SPAN_FIELDS) - 1:
        values = (*values, 0)
    span = object.__new__(Span)
    span.__dict__.update(zip(_SPAN_FIELDS, values, strict=True))
    return span


def span_as_dict(span: Span) -> dict[str, Any]:
    """A span in the shape of the native dataset (and of audit rows)."""
    return {
        "id": span.id,
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": span.text,
        "attrs": dict(span.attrs),
        "note": span.note,
        "annotator": span.annotator,
        "created_at": span.created_at,
        "updated_at": span.updated_at,
    }


def relation_as_dict(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "type": relation.type,
        "head": relation.head,
        "tail": relation.tail,
        "attrs": dict(relation.attrs),
        "annotator": relation.annotator,
        "created_at": relation.created_at,
        "updated_at": relation.updated_at,
    }
