"""Bringing another dataset's labels into the project's scheme at import.

Corpora label with their own names: ORG, PERS, GPE, LOC, DATE... An import maps them onto the
scheme (`ORG=ACTOR`, `GPE=LOCATION`), drops those it names with nothing after the `=` (`DATE=`),
and, when asked, drops every other label the scheme does not know instead of refusing the file.
A dropped span takes its relations with it; what was dropped is counted for the import's report.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord
from annotator.core.scheme import LabelDef, Scheme


class LabelMap:
    """Renames and drops of source labels, checked against one scheme."""

    def __init__(self, scheme: Scheme, renames: dict[str, str], dropped: Iterable[str] = (),
                 *, drop_unknown: bool = False) -> None:
        for source, target in renames.items():
            try:
                scheme.label(target)
            except TawsimError as error:
                raise TawsimError(f"--map {source}={target}: {error}") from None
        self.scheme = scheme
        self.renames = dict(renames)
        self.dropped = frozenset(dropped)
        self.drop_unknown = drop_unknown
        self.dropped_spans: Counter[str] = Counter()  # source label -> spans left out
        self.dropped_relations = 0
        self.used: set[str] = set()  # the map's source labels met in the input

    @classmethod
    def parse(cls, specs: Iterable[str], scheme: Scheme, *,
              drop_unknown: bool = False) -> LabelMap:
        """From `SOURCE=TARGET` and `SOURCE=` items, each possibly a comma-separated list."""
        renames: dict[str, str] = {}
        dropped: list[str] = []
        for spec in specs:
            for item in spec.split(","):
                source, sep, target = (part.strip() for part in item.partition("="))
                if not sep or not source:
                    raise TawsimError(f"--map takes SOURCE=LABEL (or SOURCE= to leave it out), "
                                      f"not {item.strip()!r}")
                if source in renames or source in dropped:
                    raise TawsimError(f"--map names {source} twice")
                if target:
                    renames[source] = target
                else:
                    dropped.append(source)
        return cls(scheme, renames, dropped, drop_unknown=drop_unknown)

    @property
    def empty(self) -> bool:
        return not (self.renames or self.dropped or self.drop_unknown)

    def target(self, label: str) -> str | None:
        """The scheme label a source label becomes, or None when its spans are left out."""
        if label in self.renames:
            self.used.add(label)
            return self.renames[label]
        if label in self.dropped:
            self.used.add(label)
            return None
        if self.drop_unknown and label not in self.scheme.label_names:
            return None
        return label

    def reading_scheme(self) -> _ReadingScheme:
        """The scheme as readers see it: they check labels at their line, before mapping."""
        return _ReadingScheme(self)

    def apply(self, record: DocumentRecord) -> tuple[DocumentRecord, LeftOut]:
        """The record with its labels mapped and the left-out spans and their relations
        gone, and what was left out: count it (`count`) once the record is imported."""
        left_out = LeftOut()
        if self.empty or not record.spans:
            return record, left_out
        spans = []
        gone: set[str] = set()
        for span in record.spans:
            label = self.target(span.label)
            if label is None:
                left_out.spans[span.label] += 1
                if span.id is not None:
                    gone.add(span.id)
            elif label != span.label:
                spans.append(dataclasses.replace(span, label=label))
            else:
                spans.append(span)
        relations = [r for r in record.relations if r.head not in gone and r.tail not in gone]
        left_out.relations = len(record.relations) - len(relations)
        return dataclasses.replace(record, spans=spans, relations=relations), left_out

    def count(self, left_out: LeftOut) -> None:
        self.dropped_spans.update(left_out.spans)
        self.dropped_relations += left_out.relations

    def report(self) -> list[str]:
        """What was left out, and the map's labels the input never had (a misspelt name),
        for the import's warnings."""
        lines = []
        unused = sorted((set(self.renames) | self.dropped) - self.used)
        if unused:
            lines.append(f"--map names label{'' if len(unused) == 1 else 's'} the input does "
                         f"not have: {', '.join(unused)}")
        if not self.dropped_spans:
            return lines
        labels = ", ".join(f"{count} {label}" for label, count in
                           sorted(self.dropped_spans.items(), key=lambda item: -item[1]))
        total = sum(self.dropped_spans.values())
        relations = (f" and {self.dropped_relations} relation"
                     f"{'' if self.dropped_relations == 1 else 's'} on them"
                     if self.dropped_relations else "")
        return [*lines, f"left out {total} span{'' if total == 1 else 's'} ({labels})"
                f"{relations} by the label map"]


@dataclass
class LeftOut:
    """What mapping one record left out."""

    spans: Counter[str] = field(default_factory=Counter)  # source label -> spans
    relations: int = 0


class _ReadingScheme:
    """A scheme whose `label()` also accepts the source labels the map renames or drops."""

    def __init__(self, label_map: LabelMap) -> None:
        self._map = label_map

    def label(self, name: str) -> LabelDef | None:
        target = self._map.target(name)
        return None if target is None else self._map.scheme.label(target)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._map.scheme, name)
