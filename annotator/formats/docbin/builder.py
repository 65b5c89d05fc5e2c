"""spaCy Docs from records, with tokens every kept span aligns with.

`spacy.blank("ar")` does not split proclitics, so a span edge can fall inside a token: the
token is split there (`misaligned=split`), the span widened to whole tokens (`expand`) or
left out (`skip`), each span concerned reported. `doc.ents` gets the first label family
without overlaps; `doc.spans` every span kept; `doc.user_data` Tawsim's ids, attributes,
notes and relations.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from annotator.core.records import DocumentRecord, SpanRecord
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import (
    Tally,
    first_family,
    label_families,
    non_overlapping,
    option,
    span_issue,
)
from annotator.formats.docbin.layout import LANGUAGE, SPAN_KEY, USER_DATA, load_spacy


class DocBuilder:
    """Turns records into spaCy Docs whose tokens every kept span aligns with."""

    def __init__(self, options: WriteOptions, report: WriteReport, tally: Tally) -> None:
        spacy = load_spacy()
        from spacy.tokens import Doc

        self.Doc = Doc
        self.nlp = spacy.blank(LANGUAGE)
        self.policy = option(options.extra, "misaligned", "split", ("split", "expand", "skip"))
        families = label_families(options.scheme, options.extra.get("families"))
        self.entity_labels = first_family(families)
        self.report = report
        self.tally = tally

    def doc(self, record: DocumentRecord) -> Any:
        doc = self.nlp.make_doc(record.text)
        if self.policy == "split":
            doc = self._split(doc, record)
        kept: list[tuple[SpanRecord, Any]] = []
        for span in record.spans:
            placed = doc.char_span(span.start, span.end, label=span.label)
            if placed is None:
                placed = self._misaligned(doc, record, span)
                if placed is None:
                    continue
            kept.append((span, placed))
        # Chosen by the characters each span covers in the Doc: spans widened to whole tokens
        # (misaligned=expand) can overlap although the annotations did not.
        candidates = [(SpanRecord(placed.start_char, placed.end_char, span.label), placed)
                      for span, placed in kept if span.label in self.entity_labels]
        entities, _ = non_overlapping(where for where, _ in candidates)
        chosen = {id(where) for where in entities}
        doc.ents = [placed for where, placed in candidates if id(where) in chosen]
        doc.spans[SPAN_KEY] = [placed for _, placed in kept]
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

    def _split(self, doc: Any, record: DocumentRecord) -> Any:
        """A Doc with tokens cut wherever a span edge falls inside one."""
        starts = {s.start for s in record.spans}
        ends = {s.end for s in record.spans}
        edges = sorted(starts | ends)
        text = record.text
        words: list[str] = []
        spaces: list[bool] = []
        changed = False
        # Offsets as plain numbers: far cheaper than a Token object per token.
        for begin, length, space in doc.to_array(["IDX", "LENGTH", "SPACY"]).tolist():
            stop = begin + length
            first = bisect_right(edges, begin)
            cuts = edges[first:bisect_left(edges, stop, first)]
            if cuts:
                changed = True
                self._note_splits(record, text[begin:stop], cuts)
                previous = begin
                for cut in cuts:
                    words.append(text[previous:cut])
                    spaces.append(False)
                    previous = cut
            else:
                previous = begin
            words.append(text[previous:stop])
            spaces.append(False)
            if space:
                if stop in starts or stop + 1 in ends:  # a span edge on the space itself
                    changed = True
                    words.append(text[stop])
                    spaces.append(False)
                else:
                    spaces[-1] = True
        if not changed:
            return doc
        return self.Doc(self.nlp.vocab, words=words, spaces=spaces)

    def _note_splits(self, record: DocumentRecord, token: str, cuts: list[int]) -> None:
        for span in record.spans:
            inside = [c for c in cuts if c in (span.start, span.end)]
            if inside:
                self.report.note(span_issue(
                    record, span, f"does not align with spaCy's token {token!r}",
                    "split the token at " + ", ".join(str(c) for c in inside)))
                self.tally.add("{n} span{s} did not align with spaCy's tokens; the tokens "
                               "were split at the span edges (see the report)")

    def _misaligned(self, doc: Any, record: DocumentRecord, span: SpanRecord) -> Any:
        if self.policy == "expand":
            placed = doc.char_span(span.start, span.end, label=span.label,
                                   alignment_mode="expand")
            # A span over white space alone widens to no token: an empty span, not written.
            if placed is not None and len(placed) > 0:
                self.report.note(span_issue(
                    record, span, "does not align with spaCy's tokens",
                    f"expanded to {placed.start_char}-{placed.end_char} {placed.text!r}"))
                self.tally.add("{n} span{s} did not align with spaCy's tokens and were "
                               "widened to whole tokens (see the report)")
                return placed
        self.report.note(span_issue(record, span, "does not align with spaCy's "
                                             "tokens", "not written"))
        self.tally.add("{n} span{s} did not align with spaCy's tokens and were not written "
                       "(see the report)")
        return None
