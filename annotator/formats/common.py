"""What the interchange formats share: label families, loss accounting, span checks, names.

Every writer reports what its format cannot carry (relations, attributes, notes, overlaps) as
counted one-line warnings, and every span it had to change as a SpanIssue; nothing is left
out silently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote, unquote

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.filenames import is_windows_device as is_windows_device
from annotator.core.invariants import check_offsets
from annotator.core.records import DocumentRecord, SpanRecord
from annotator.formats.base import SpanIssue, WriteReport

ENTITY_FAMILY = "ENTITY"


class Tally:
    """Counts of what a writer left out, reported once at the end as one line each."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def add(self, template: str, count: int = 1) -> None:
        """`template` is the warning with `{n}` where the count goes."""
        if count:
            self._counts[template] += count

    def report_to(self, report: WriteReport) -> None:
        for template, count in self._counts.items():
            report.warn(template.format(n=count, s="" if count == 1 else "s"))


def count_losses(record: DocumentRecord, tally: Tally, fmt: str, *, relations: bool = False,
                 attributes: bool = False, notes: bool = False) -> None:
    """Tally the parts of `record` a format has no place for (pass True for each it lacks)."""
    if relations:
        for type_, count in Counter(r.type for r in record.relations).items():
            tally.add(f"{{n}} {type_} relation{{s}} not written: {fmt} has no relations", count)
    if attributes:
        for span in record.spans:
            for name in span.attrs:
                tally.add(f"{{n}} {name} value{{s}} on {span.label} spans not written: "
                          f"{fmt} has no span attributes")
        for relation in record.relations:
            for name in relation.attrs:
                tally.add(f"{{n}} {name} value{{s}} on {relation.type} relations not written: "
                          f"{fmt} has no relation attributes")
    if notes:
        tally.add(f"{{n}} span note{{s}} not written: {fmt} has no notes",
                  sum(1 for span in record.spans if span.note))


class ReadNotes:
    """What a reader could not carry, gathered per kind so a large file gives one line each:
    `... in 3 places (task 2, task 9, task 14)`."""

    SHOWN = 5

    def __init__(self) -> None:
        self._places: dict[str, list[str]] = {}

    def add(self, message: str, where: str) -> None:
        self._places.setdefault(message, []).append(where)

    def report_to(self, options: Any, source: str) -> None:
        for message, places in self._places.items():
            shown = ", ".join(places[:self.SHOWN]) + (", ..." if len(places) > self.SHOWN
                                                        else "")
            count = f"{len(places)} place{'' if len(places) == 1 else 's'}"
            options.warn(f"{source}: {message} ({count}: {shown})")


# -- label families --------------------------------------------------------------------------


def label_families(scheme: Any, spec: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Groups of labels whose spans share one tag column (CoNLL) or `doc.ents` (spaCy).

    By default the labels drawn as a background (the entities) form one family, and each
    label drawn otherwise (CLAIM is underlined because it contains entities) is its own.
    `spec` names them instead: "ENTITY=LOCATION,ACTOR,WEAPON;CLAIM=CLAIM"; a label it leaves
    out gets a family of its own.
    """
    names = list(scheme.label_names)
    families: dict[str, list[str]] = {}
    if spec:
        for part in re.split(r"[;\s]+", spec.strip()):
            if not part:
                continue
            family, sep, members = part.partition("=")
            if not sep or not family or not members:
                raise TawsimError(f"families take NAME=LABEL,LABEL;NAME=LABEL, not {part!r}")
            for label in members.split(","):
                scheme.label(label)  # unknown labels are refused by name
                if any(label in group for group in families.values()):
                    raise TawsimError(f"label {label} is in two families")
                families.setdefault(family, []).append(label)
    else:
        for label in scheme.labels:
            if getattr(label, "style", "background") == "background":
                families.setdefault(ENTITY_FAMILY, []).append(label.name)
    for label in names:
        if not any(label in group for group in families.values()):
            families.setdefault(label, []).append(label)
    order = {label: index for index, label in enumerate(names)}
    return sorted(((name, tuple(labels)) for name, labels in families.items()),
                  key=lambda item: min(order[label] for label in item[1]))


def first_family(families: Sequence[tuple[str, tuple[str, ...]]]) -> frozenset[str]:
    return frozenset(families[0][1]) if families else frozenset()


def non_overlapping(spans: Iterable[SpanRecord]) -> tuple[list[SpanRecord], list[SpanRecord]]:
    """Split spans into a set with no two overlapping (earliest first, longer first on a tie)
    and the rest."""
    kept: list[SpanRecord] = []
    rest: list[SpanRecord] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.label)):
        if span.start >= reach:
            kept.append(span)
            reach = span.end
        else:
            rest.append(span)
    return kept, rest


# -- spans -------------------------------------------------------------------------------------


def check_span(text: str, start: Any, end: Any, label: Any, covered: Any = None,
               scheme: Any = None) -> None:
    """Offsets inside the text, the covered text when given, and the label when a scheme is
    known; raises InvariantError (the caller places it at its file and line)."""
    check_offsets(text, start, end, covered)
    if not isinstance(label, str) or not label:
        raise InvariantError(f"label {label!r} is not a name")
    if scheme is not None:
        scheme.label(label)


def local_id(value: Any, what: str) -> str | int:
    """An id a file uses to point from one item to another (doccano's entity ids, Label
    Studio's region ids): text or a whole number, never a list or an object."""
    if isinstance(value, str) or (type(value) is int):
        return value
    raise InvariantError(f"{what} must be text or a whole number, not {value!r}")


def document_id(value: Any, what: str = "the record's id") -> str | None:
    """A record's document id as stored: text, or a whole number written as text."""
    return None if value is None else str(local_id(value, what))


# Characters some brat versions read as the end of an .ann line (Python's str.splitlines).
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{re.escape(LINE_BREAKS)}]")


def line_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of [start, end) between line breaks (brat cannot draw a span across one)."""
    pieces: list[tuple[int, int]] = []
    position = start
    for found in _BREAK.finditer(text, start, end):
        if found.start() > position:
            pieces.append((position, found.start()))
        position = found.end()
    if end > position:
        pieces.append((position, end))
    return pieces


def one_line(value: str) -> str:
    """`value` with every line break turned into a space."""
    return _BREAK.sub(" ", value)


def span_issue(record: DocumentRecord, span: SpanRecord, problem: str,
               action: str) -> SpanIssue:
    return SpanIssue(document=record.id, span=span.id, label=span.label, start=span.start,
                     end=span.end, problem=problem, action=action)


# -- file names --------------------------------------------------------------------------------

_UNSAFE = "/\\:*?\"<>|%"


def file_stem(doc_id: str) -> str:
    """A file name for a document id that any file system accepts and that reads back to the
    same id: unsafe characters are %-encoded, and so are a leading dot and the first letter
    of a name Windows keeps for a device."""
    encoded = "".join(quote(ch, safe="") if ch in _UNSAFE or ord(ch) < 32 else ch
                      for ch in doc_id)
    if encoded.startswith(".") or is_windows_device(encoded):
        encoded = f"%{ord(encoded[0]):02X}" + encoded[1:]  # "." or an ASCII letter
    return encoded


def id_from_stem(stem: str) -> str:
    return unquote(stem)


# -- options -----------------------------------------------------------------------------------


def option(extra: dict[str, Any], name: str, default: str, choices: Sequence[str]) -> str:
    value = extra.get(name, default)
    if value not in choices:
        raise TawsimError(f"option {name} takes {', '.join(choices)}, not {value!r}")
    return str(value)


def flag(extra: dict[str, Any], name: str) -> bool:
    value = extra.get(name, False)
    if isinstance(value, str):
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off", ""):
            return False
        raise TawsimError(f"option {name} takes yes or no, not {value!r}")
    return bool(value)


def whole_number(extra: dict[str, Any], name: str, default: int, minimum: int = 1,
                 maximum: int | None = None) -> int:
    value = extra.get(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise TawsimError(f"option {name} takes a whole number, not {value!r}") from None
    if number < minimum:
        raise TawsimError(f"option {name} must be at least {minimum}")
    if maximum is not None and number > maximum:
        raise TawsimError(f"option {name} must be at most {maximum}")
    return number
