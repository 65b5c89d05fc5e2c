"""The format-neutral record every reader produces and every writer consumes.

A record is one document's text with, optionally, one layer's spans and relations. Readers
(formats) build records from files; `prepare_record` canonicalises the text, shifts the spans
with it and checks every invariant before anything reaches a project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import InvariantError, Phrase, TawsimError, translatable
from annotator.core.ids import is_valid_id, new_id
from annotator.core.invariants import check_offsets
from annotator.core.model import Status
from annotator.core.scheme import Scheme
from annotator.core.text import canonicalise_with_map, needs_canonicalising, sha256_text


@dataclass(frozen=True)
class Origin:
    """Where a record came from, for error messages: a file and, for line formats, a line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(slots=True)
class SpanRecord:
    start: int
    end: int
    label: str
    text: str | None = None  # the covered text as the source gave it; None when it gives none
    id: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    annotator: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(slots=True)
class RelationRecord:
    type: str
    head: str  # span id within the same record
    tail: str
    id: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    annotator: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


@dataclass
class DocumentRecord:
    text: str
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    layer: str | None = None
    status: str | None = None
    spans: list[SpanRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    text_sha256: str | None = None  # as declared by the source; checked when present
    source: str | None = None
    source_sha256: str | None = None
    encoding: str | None = None
    origin: Origin | None = None
    layer_owner: str | None = None  # the stable id of the person (or model) the layer is of
    time_active_s: float | None = None  # active time on the document in this layer


def _fail(problem: Phrase | str, index: int, what: str = "span") -> InvariantError:
    """The refusal of the record's span (or relation) number `index + 1`."""
    template = (translatable("span {number}: {problem}") if what == "span"
                else translatable("relation {number}: {problem}"))
    return InvariantError(template, fields={"number": index + 1, "problem": problem})


def _problem(template: str, **fields: object) -> Phrase:
    return Phrase(template, fields)


# Which end of a relation names a span the record does not have.
_MISSING_END = {"head": translatable("head {id!r} is not a span of this record"),
                "tail": translatable("tail {id!r} is not a span of this record")}


def prepare_record(record: DocumentRecord, scheme: Scheme) -> DocumentRecord:
    """Canonicalise the text, shift the spans through the same change, check every rule.

    Returns the record ready to store (span texts filled, ids assigned). Raises a TawsimError
    placed at the record's origin. The input's span objects may be reused; use the result.
    """
    try:
        return _prepare(record, scheme)
    except TawsimError as error:
        origin = record.origin
        error.located(origin.path if origin else None, origin.line if origin else None)
        raise


def _attrs_allowed(rules: dict[str, frozenset[str]] | None, attrs: dict[str, Any]) -> bool:
    """The fast check behind bulk imports and exports; False sends the caller to the scheme's
    own check, which raises the precise message."""
    if rules is None:
        return False
    for name, value in attrs.items():
        allowed = rules.get(name)
        if allowed is None or (value is not None and (type(value) is not str
                                                      or value not in allowed)):
            return False
    return True


def _prepare_spans(items: list[SpanRecord], raw: str, text: str,
                   shift: Callable[[int], int] | None, scheme: Scheme) -> list[SpanRecord]:
    """Check each span against the raw text and the scheme, then place it on the stored text.

    This loop runs for every span of every import, so the common case is inlined; any doubt
    falls back to the checking functions, which raise the precise message. When the text
    needed no canonicalising (`shift` is None) the span objects are filled in and reused.
    """
    allowed = scheme.allowed_attribute_values
    length = len(raw)
    spans: list[SpanRecord] = []
    ids: set[str] = set()
    seen: dict[tuple[int, int, str], int] = {}
    for index, span in enumerate(items):
        start, end, label, covered, attrs = span.start, span.end, span.label, span.text, span.attrs
        try:
            if (type(start) is not int or type(end) is not int
                    or not 0 <= start < end <= length
                    or (covered is not None and raw[start:end] != covered)):
                check_offsets(raw, start, end, covered)
            rules = allowed.get(label) if type(label) is str else None
            if type(attrs) is not dict:
                raise InvariantError(translatable("attrs must be an object"))
            if not _attrs_allowed(rules, attrs):
                scheme.check_span_label(label, attrs)
        except TawsimError as error:
            raise _fail(error.said, index) from None
        if shift is not None:
            start, end = shift(start), shift(end)
            if start >= end:
                raise _fail(_problem(translatable("span {start}-{end} covers only a line-ending "
                                                  "character"), start=span.start, end=span.end),
                            index)
        key = (start, end, label)
        if key in seen:
            raise _fail(_problem(translatable("repeats span {number} ({label} {start}-{end})"),
                                 number=seen[key] + 1, label=label, start=span.start,
                                 end=span.end), index)
        seen[key] = index
        span_id = span.id if span.id is not None else new_id()
        if type(span_id) is not str or not is_valid_id(span_id):
            raise _fail(_problem(translatable("span id {id!r} is not a usable id"), id=span_id),
                        index)
        if span_id in ids:
            raise _fail(_problem(translatable("span id {id!r} is used twice in the record"),
                                 id=span_id), index)
        ids.add(span_id)
        if shift is None:
            span.text, span.id, span.note = raw[start:end], span_id, span.note or ""
            spans.append(span)
        else:
            spans.append(SpanRecord(
                start=start, end=end, label=label, text=text[start:end], id=span_id,
                attrs=dict(attrs), note=span.note or "", annotator=span.annotator,
                created_at=span.created_at, updated_at=span.updated_at,
            ))
    return spans


def _prepare(record: DocumentRecord, scheme: Scheme) -> DocumentRecord:
    raw = record.text
    if not isinstance(raw, str):
        raise InvariantError(translatable("the record has no text"))
    if not raw.strip():
        raise InvariantError(translatable("the record's text is empty"))
    if "\x00" in raw:
        # NUL is refused in files too; SQLite's length() stops at it, and the normaliser
        # uses it as a gap marker.
        raise InvariantError(translatable("the record's text contains a NUL character "
                                          "(U+0000)"))
    if record.id is not None and not is_valid_id(record.id):
        raise InvariantError(translatable("document id {id!r} is not a usable id"),
                             fields={"id": record.id})
    seconds = record.time_active_s
    if seconds is not None and (type(seconds) not in (int, float) or not 0 <= seconds < 1e12):
        raise InvariantError(f"time_active_s must be a number of seconds, 0 or more, not "
                             f"{seconds!r}")
    if record.status is not None and record.status not in Status._value2member_map_:
        allowed = ", ".join(s.value for s in Status)
        raise InvariantError(f"unknown status {record.status!r} (allowed: {allowed})")
    text, shift = raw, None
    if needs_canonicalising(raw):
        text, shift = canonicalise_with_map(raw)
    digest = sha256_text(text)
    if record.text_sha256 is not None and record.text_sha256 != digest:
        raise InvariantError("text_sha256 does not match the record's text")

    spans = _prepare_spans(record.spans, raw, text, shift, scheme)
    ids = {span.id: span.label for span in spans}
    relations: list[RelationRecord] = []
    relation_ids: set[str] = set()
    for index, relation in enumerate(record.relations):
        for end_name, span_id in (("head", relation.head), ("tail", relation.tail)):
            if span_id not in ids:
                raise _fail(_problem(_MISSING_END[end_name], id=span_id), index, "relation")
        if not isinstance(relation.attrs, dict):
            raise _fail(translatable("attrs must be an object"), index, "relation")
        try:
            scheme.check_relation(relation.type, ids[relation.head], ids[relation.tail],
                                  relation.attrs)
        except TawsimError as error:
            raise _fail(error.said, index, "relation") from None
        relation_id = relation.id if relation.id is not None else new_id()
        if not is_valid_id(relation_id) or relation_id in relation_ids:
            raise _fail(_problem(translatable("relation id {id!r} is unusable or used twice"),
                                 id=relation_id), index, "relation")
        relation_ids.add(relation_id)
        relations.append(
            RelationRecord(
                type=relation.type, head=relation.head, tail=relation.tail, id=relation_id,
                attrs=dict(relation.attrs), annotator=relation.annotator,
                created_at=relation.created_at, updated_at=relation.updated_at,
            )
        )

    return DocumentRecord(
        text=text, id=record.id, meta=dict(record.meta), layer=record.layer,
        status=record.status, spans=spans, relations=relations, text_sha256=digest,
        source=record.source, source_sha256=record.source_sha256, encoding=record.encoding,
        origin=record.origin, layer_owner=record.layer_owner,
        time_active_s=None if seconds is None else float(seconds),
    )


def verify_record(record: DocumentRecord, scheme: Scheme) -> None:
    """Check a stored record again before it is exported: offsets, covered text, labels,
    attributes and relation ends. Raises a TawsimError naming the document."""
    allowed = scheme.allowed_attribute_values
    text = record.text
    length = len(text)
    labels: dict[str | None, str] = {}
    try:
        for index, span in enumerate(record.spans):
            start, end, label, attrs = span.start, span.end, span.label, span.attrs
            rules = allowed.get(label)
            if (not 0 <= start < end <= length or text[start:end] != span.text
                    or not _attrs_allowed(rules, attrs)):
                try:
                    check_offsets(text, start, end, span.text)
                    scheme.check_span_label(label, attrs)
                except TawsimError as error:
                    raise _fail(error.said, index) from None
            labels[span.id] = label
        for index, relation in enumerate(record.relations):
            if relation.head not in labels or relation.tail not in labels:
                raise _fail(translatable("an end is not a span of this record"), index,
                            "relation")
            try:
                scheme.check_relation(relation.type, labels[relation.head],
                                      labels[relation.tail], relation.attrs)
            except TawsimError as error:
                raise _fail(error.said, index, "relation") from None
    except TawsimError as error:
        error.reword(translatable("document {id}: {problem}"), id=record.id)
        raise
