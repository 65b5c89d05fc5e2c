"""What an edit changes, field by field, so that undo and redo touch only those fields.

An update of a span or relation is a set of field changes (the label, the edges, the note, one
attribute...). Undoing it writes back only those fields, and only if they still hold what the
edit left; every other field keeps what is stored now, so another window's relabel survives
the undo of a note. Attributes count one by one: setting one attribute and undoing it leaves
another person's other attribute alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from annotator.core.model import Relation, Span, utc_now

SPAN_CONTENT = ("start", "end", "text", "label", "note")
RELATION_CONTENT = ("type", "head", "tail")

Item = Span | Relation

_MISSING = object()  # an attribute that is not set


def _content_fields(item: Item) -> tuple[str, ...]:
    return SPAN_CONTENT if isinstance(item, Span) else RELATION_CONTENT


def same_content(a: Item, b: Item) -> bool:
    """Whether two versions of a row hold the same annotation (times and revision aside)."""
    return all(getattr(a, name) == getattr(b, name) for name in _content_fields(a)) \
        and a.attrs == b.attrs


@dataclass(frozen=True)
class FieldChanges:
    """The fields (and attributes) in which `after` differs from `before`."""

    fields: tuple[str, ...]
    attributes: tuple[str, ...]

    @classmethod
    def between(cls, before: Item, after: Item) -> FieldChanges:
        fields = tuple(name for name in _content_fields(before)
                       if getattr(before, name) != getattr(after, name))
        keys = sorted(set(before.attrs) | set(after.attrs))
        attributes = tuple(key for key in keys
                           if before.attrs.get(key, _MISSING) != after.attrs.get(key, _MISSING))
        return cls(fields, attributes)

    def hold(self, current: Item, expected: Item) -> bool:
        """Whether `current` holds `expected`'s values in every changed field."""
        return all(getattr(current, name) == getattr(expected, name) for name in self.fields) \
            and all(current.attrs.get(key, _MISSING) == expected.attrs.get(key, _MISSING)
                    for key in self.attributes)

    def carry(self, current: Item, source: Item, source_is_whole: bool) -> Any:
        """`current` with the changed fields taken from `source`. When `current` differed
        from the edit's other side only in these fields (`source_is_whole`), the result is
        `source` itself, its time included, so a plain undo restores the row exactly."""
        if source_is_whole:
            return replace(source, rev=current.rev)
        attrs = dict(current.attrs)
        for key in self.attributes:
            value = source.attrs.get(key, _MISSING)
            if value is _MISSING:
                attrs.pop(key, None)
            else:
                attrs[key] = value
        values = {name: getattr(source, name) for name in self.fields}
        return replace(current, **values, attrs=attrs, updated_at=utc_now())
