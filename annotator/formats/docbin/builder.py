"""spaCy Docs from records, with tokens every kept span aligns with.

The spans are placed on `spacy.blank("ar")`'s tokens by spacy_tokens (cut, widened or left
out, each span concerned reported). `doc.ents` gets the first label family without
overlaps; `doc.spans` every span kept; `doc.user_data` Tawsim's ids, attributes, notes and
relations.
"""

from __future__ import annotations

from typing import Any

from annotator.core.records import DocumentRecord, SpanRecord
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import Tally, first_family, label_families, non_overlapping
from annotator.formats.docbin.layout import SPAN_KEY, USER_DATA
from annotator.formats.spacy_tokens import SpanPlacer


class DocBuilder:
    """Turns records into spaCy Docs whose tokens every kept span aligns with."""

    def __init__(self, options: WriteOptions, report: WriteReport, tally: Tally) -> None:
        self.placer = SpanPlacer(options, report, tally)
        families = label_families(options.scheme, options.extra.get("families"))
        self.entity_labels = first_family(families)
        self.report = report
        self.tally = tally

    def doc(self, record: DocumentRecord) -> Any:
        placed = self.placer.place(record)
        doc, kept = placed.doc, placed.kept
        # Chosen by the characters each span covers in the Doc: spans widened to whole tokens
        # (misaligned=expand) can overlap although the annotations did not.
        candidates = [(SpanRecord(where.start_char, where.end_char, span.label), where)
                      for span, where in kept if span.label in self.entity_labels]
        entities, _ = non_overlapping(chosen for chosen, _ in candidates)
        chosen = {id(item) for item in entities}
        doc.ents = [where for item, where in candidates if id(item) in chosen]
        doc.spans[SPAN_KEY] = [where for _, where in kept]
        index = {span.id: number for number, (span, _) in enumerate(kept)}
        relations = []
        for relation in record.relations:
            if relation.head in index and relation.tail in index:
                relations.append([relation.type, index[relation.head], index[relation.tail],
                                  relation.attrs])
            else:
                self.tally.add("{n} relation{s} to a span left out not written")
        doc.user_data[USER_DATA] = {
            "id": record.id, "layer": record.layer,
            "spans": [{"id": span.id, "attrs": span.attrs, "note": span.note}
                      for span, _ in kept],
            "relations": relations,
        }
        self.tally.add("{n} span{s} overlapping another entity written only to "
                       f"doc.spans[{SPAN_KEY!r}], not doc.ents",
                       len(candidates) - len(entities))
        self.report.spans += len(kept)
        self.report.relations += len(relations)
        return doc
