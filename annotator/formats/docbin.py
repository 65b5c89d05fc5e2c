"""spaCy DocBin (.spacy): tokenised documents for `spacy train`, when spaCy is installed.

Tokens come from `spacy.blank("ar")`, which needs no downloaded model. It does not split
proclitics, so `سوريا` inside `بسوريا` matches no token; by default such a token is split at
the span's edge (policy `misaligned=split`), so every span keeps its exact characters and
`doc.char_span` finds it. `expand` widens the span to whole tokens instead, `skip` leaves it
out. Every span concerned is listed in the report with what was done.

`doc.ents` holds the first label family (the entities) without overlaps, judged on the
characters each span covers in the Doc (spans widened by `expand` can come to overlap);
`doc.spans["sc"]` holds every span, CLAIMs and nested or overlapping entities included. Span
ids, attributes, notes and relations travel in `doc.user_data["tawsim"]`, so a DocBin reads
back into Tawsim whole. A path ending in .spacy gets one file, which spaCy's DocBin builds in
memory (it grows with the corpus). Any other path, an existing folder, or `shard=N` gets a
folder of .spacy files of 1,000 (N) documents each, written in constant memory; `spacy train`
and `spacy.training.Corpus` read such a folder as one corpus.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.ids import new_id
from annotator.core.records import DocumentRecord, Origin, RelationRecord, SpanRecord
from annotator.formats.base import BadRecord, ReadItem, ReadOptions, WriteOptions, WriteReport
from annotator.formats.common import (
    Tally,
    first_family,
    label_families,
    non_overlapping,
    option,
    span_issue,
    whole_number,
)
from annotator.formats.files import atomic_folder, atomic_output

NAME = "spaCy DocBin"
SPAN_KEY = "sc"
USER_DATA = "tawsim"
LANGUAGE = "ar"
# What a blank pipeline's documents hold (spaces are always kept); leaving out the empty tag,
# lemma and parse columns makes a DocBin about a third of the default size in memory.
ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE")
DEFAULT_SHARD = 1000  # documents per .spacy file when the output is a folder


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise TawsimError("the docbin format needs spaCy; install it with "
                          "pip install 'tawsim[spacy]'") from None
    return spacy


def writes_folder(out: Path, extra: dict[str, Any]) -> bool:
    """A folder of .spacy shards, unless the output is one file ending in .spacy (an existing
    folder is written as a folder whatever its name, as `spacy train` reads either)."""
    return out.suffix.lower() != ".spacy" or "shard" in extra or out.is_dir()


def sniff(path: Path) -> bool:
    if path.is_dir():
        return next(path.glob("*.spacy"), None) is not None
    return path.suffix.lower() == ".spacy"


# -- writing -----------------------------------------------------------------------------------


class _Builder:
    """Turns records into spaCy Docs whose tokens every kept span aligns with."""

    def __init__(self, options: WriteOptions, report: WriteReport, tally: Tally) -> None:
        spacy = _spacy()
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


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    _spacy()  # a one-line error naming the extra when spaCy is missing
    from spacy.tokens import DocBin

    report = WriteReport()
    tally = Tally()
    builder = _Builder(options, report, tally)
    single = not writes_folder(out, options.extra)
    shard = whole_number(options.extra, "shard", DEFAULT_SHARD)

    def new_bin() -> Any:
        return DocBin(attrs=ATTRS, store_user_data=True)

    if single:
        collected = new_bin()
        for record in records:
            collected.add(builder.doc(record))
            report.documents += 1
        with atomic_output(out) as handle:
            handle.write(collected.to_bytes())
        report.files = [str(out)]
    else:
        with atomic_folder(out) as folder:
            batch = new_bin()
            for record in records:
                batch.add(builder.doc(record))
                report.documents += 1
                if len(batch) >= shard:
                    _save(batch, folder, report)
                    batch = new_bin()
            if len(batch) or not report.files:
                _save(batch, folder, report)
        report.files = [str(out)]
    tally.report_to(report)
    return report


def _save(batch: Any, folder: Path, report: WriteReport) -> None:
    path = folder / f"part-{len(report.files) + 1:05d}.spacy"
    path.write_bytes(batch.to_bytes())
    report.files.append(str(path))


# -- reading -----------------------------------------------------------------------------------


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    _spacy()
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
        for number, doc in enumerate(docs, start=1):
            origin = Origin(f"{file} (doc {number})")
            try:
                record = record_from_doc(doc, options)
            except TawsimError as error:
                yield BadRecord(origin, error.located(origin.path))
                continue
            record.origin = origin
            record.source = str(file)
            yield record


def _docs(file: Path, options: ReadOptions, vocab: Any) -> list[Any]:
    """The Docs of one .spacy file, or a one-line error naming it."""
    from spacy.tokens import DocBin

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise TawsimError(f"cannot read the file: {exc.strerror}", path=str(file)) from None
    options.advance(len(data))
    try:
        return list(DocBin().from_bytes(data).get_docs(vocab))
    except Exception:  # damaged bytes fail in zlib, msgpack, numpy or spaCy, each its own way
        raise TawsimError("not a spaCy DocBin (.spacy) file, or a damaged one",
                          path=str(file)) from None


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
