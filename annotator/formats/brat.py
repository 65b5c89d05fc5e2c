"""brat standoff: a folder with NAME.txt and NAME.ann per document, and annotation.conf.

.ann lines, as brat itself checks them:
- `T1<TAB>LABEL START END<TAB>TEXT`: a span crossing a line break is written as fragments
  `S1 E1;S2 E2` (brat draws nothing across a line), its TEXT the fragment texts joined by
  one space;
- `R1<TAB>TYPE Arg1:T1 Arg2:T2`: a relation from its head (Arg1) to its tail (Arg2);
- `A1<TAB>NAME T1 VALUE`: an attribute of a span;
- `#1<TAB>AnnotatorNotes T1<TAB>NOTE`: a span's note.
IDs are a letter prefix and a number, unique in the file. Offsets are code points into the
.txt, whose line endings are LF. The file name is the document id, with characters a file
system refuses %-encoded.

brat reads a .txt as UTF-8 with universal newlines: CRLF is one character, and a BOM is a
character of the text, counted by the offsets. Other tools count every CR of a CRLF file, or
drop the BOM. The reader tries, in this order, the file's characters (BOM and every CR
counted), the same with CRLF as one character (brat's way), and both again without the BOM,
and takes the first under which every T line's covered text matches; when none does (or the
lines give no covered text) the first is used. The spans are then placed on the document's
text (the file's characters without the BOM), and the import canonicalises its line endings
and shifts them with it. The writer writes LF text; a text that begins with U+FEFF gets a
BOM before it, and its offsets count that BOM.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.ids import new_id
from annotator.core.records import DocumentRecord, Origin, RelationRecord, SpanRecord
from annotator.core.text import BOM, decode_source
from annotator.formats.base import BadRecord, ReadItem, ReadOptions, WriteOptions, WriteReport
from annotator.formats.common import (
    LINE_BREAKS,
    ReadNotes,
    Tally,
    check_span,
    file_stem,
    id_from_stem,
    line_fragments,
    one_line,
    span_issue,
)
from annotator.formats.files import (
    atomic_folder,
    display_name,
    display_path,
    name_is_text,
    numbered_lines,
    read_bytes,
)

NAME = "brat"
ID_PATTERN = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")
NOTES = "AnnotatorNotes"
MAX_NAME_BYTES = 200  # file systems allow 255 bytes for a name; ".ann" and room to spare


def sniff(path: Path) -> bool:
    if path.is_dir():
        return next(path.rglob("*.ann"), None) is not None
    return path.suffix.lower() == ".ann"


# -- writing -----------------------------------------------------------------------------------


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    report = WriteReport(files=[str(out)])
    tally = Tally()
    with atomic_folder(out) as folder:
        if options.scheme is not None:
            (folder / "annotation.conf").write_text(annotation_conf(options.scheme), "utf-8")
            (folder / "visual.conf").write_text(visual_conf(options.scheme), "utf-8")
        used: dict[str, str | None] = {}  # file name -> the layer written there
        for record in records:
            stem = file_stem(record.id or f"document-{report.documents + 1}")
            if stem in used:
                raise TawsimError(f"document {record.id} has annotations in layers "
                                  f"{used[stem]} and {record.layer}; brat keeps one .ann per "
                                  "document: export one layer (--layer NAME)")
            used[stem] = record.layer
            if len(stem.encode("utf-8")) > MAX_NAME_BYTES:
                digest = hashlib.sha256((record.id or "").encode("utf-8")).hexdigest()[:16]
                stem = stem[:40] + "~" + digest
                tally.add("{n} document id{s} too long for a file name written under a "
                          "shortened name (the id does not come back from the name)")
            # A text that begins with U+FEFF gets a BOM before it, or a reader would take that
            # character for the BOM; brat counts the BOM, so the offsets move by one.
            bom = BOM if record.text.startswith(BOM) else ""
            with open(folder / f"{stem}.txt", "w", encoding="utf-8", newline="") as handle:
                handle.write(bom + record.text)
            with open(folder / f"{stem}.ann", "w", encoding="utf-8", newline="") as handle:
                handle.write(ann_text(record, report, tally, len(bom)))
            report.documents += 1
    tally.report_to(report)
    return report


def ann_text(record: DocumentRecord, report: WriteReport, tally: Tally, shift: int = 0) -> str:
    """The .ann lines of a record; `shift` is added to every offset (1 after a BOM)."""
    text = record.text
    lines: list[str] = []
    t_ids: dict[str, str] = {}
    written: dict[tuple, str] = {}  # (fragments, label) -> T id
    attributes = notes = 0
    for span in record.spans:
        pieces = line_fragments(text, span.start, span.end)
        if (tuple(pieces), span.label) in written:
            # Only possible once a line break at an edge is left out: the same span twice.
            t_ids[span.id or ""] = written[(tuple(pieces), span.label)]
            report.note(span_issue(record, span, "is another span of the same "
                                            "label once its edge line break is left out",
                                            "written once"))
            tally.add("{n} span{s} identical to another without an edge line break written "
                      "once (see the report)")
            continue
        if not pieces:
            report.note(span_issue(record, span, "covers only line breaks",
                                            "not written"))
            tally.add("{n} span{s} covering only line breaks not written (see the report)")
            continue
        if pieces[0][0] != span.start or pieces[-1][1] != span.end:
            report.note(span_issue(
                record, span, "begins or ends with a line break, which brat cannot mark",
                f"written as {pieces[0][0]}-{pieces[-1][1]}, without the line break"))
            tally.add("{n} span{s} beginning or ending with a line break written without it "
                      "(see the report)")
        if len(pieces) > 1:
            tally.add("{n} span{s} crossing a line break written as brat fragments")
        t_id = f"T{len(written) + 1}"
        t_ids[span.id or ""] = t_id
        written[(tuple(pieces), span.label)] = t_id
        where = ";".join(f"{start + shift} {end + shift}" for start, end in pieces)
        covered = " ".join(text[start:end] for start, end in pieces)
        lines.append(f"{t_id}\t{span.label} {where}\t{covered}")
        report.spans += 1
        for name, value in span.attrs.items():
            if value is None:
                continue
            attributes += 1
            lines.append(f"A{attributes}\t{name} {t_id} {value}")
        if span.note:
            notes += 1
            note = one_line(span.note)
            if note != span.note:
                tally.add("{n} note{s} with line breaks written on one line")
            lines.append(f"#{notes}\t{NOTES} {t_id}\t{note}")
    for number, relation in enumerate(record.relations, start=1):
        head, tail = t_ids.get(relation.head), t_ids.get(relation.tail)
        if head is None or tail is None:
            tally.add("{n} relation{s} to a span brat could not mark not written")
            continue
        lines.append(f"R{number}\t{relation.type} Arg1:{head} Arg2:{tail}")
        report.relations += 1
        for name in relation.attrs:
            tally.add(f"{{n}} {name} value{{s}} on {relation.type} relations not written: "
                      "brat attributes belong to spans")
    return "".join(line + "\n" for line in lines)


def annotation_conf(scheme: Any) -> str:
    """brat's annotation.conf for the scheme; any span may overlap or nest in another."""
    lines = ["# Written by Tawsim from the project's label scheme.", "[entities]"]
    lines += [label.name for label in scheme.labels]
    lines.append("[relations]")
    for relation in scheme.relations:
        lines.append(f"{relation.name}\tArg1:{'|'.join(relation.heads)}, "
                     f"Arg2:{'|'.join(relation.tails)}")
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines.append("[events]")
    lines.append("[attributes]")
    owners: dict[str, tuple[list[str], tuple[str, ...]]] = {}
    for label in scheme.labels:
        for attribute in label.attributes:
            entry = owners.setdefault(attribute.name, ([], attribute.value_names))
            entry[0].append(label.name)
    for name, (labels, values) in owners.items():
        lines.append(f"{name}\tArg:{'|'.join(labels)}, Value:{'|'.join(values)}")
    return "\n".join(lines) + "\n"


def visual_conf(scheme: Any) -> str:
    lines = ["[labels]"]
    for label in scheme.labels:
        lines.append(f"{label.name} | {label.display('ar')} | {label.display('en')}")
    for relation in scheme.relations:
        lines.append(f"{relation.name} | {relation.display('ar')} | {relation.display('en')}")
    lines.append("[drawing]")
    for label in scheme.labels:
        lines.append(f"{label.name}\tbgColor:{label.color}")
    return "\n".join(lines) + "\n"


# -- reading -----------------------------------------------------------------------------------


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.ann") if p.is_file())
        if not files:
            raise TawsimError("the folder holds no brat .ann files", path=str(path))
    else:
        files = [path]
    notes = ReadNotes()
    for ann in files:
        try:
            yield read_document(ann, options, notes)
        except TawsimError as error:
            yield BadRecord(Origin(error.path or str(ann), error.line),
                            error.located(str(ann)))
    notes.report_to(options, str(path))


def read_document(ann: Path, options: ReadOptions, notes: ReadNotes) -> DocumentRecord:
    txt = ann.with_suffix(".txt")
    if not txt.is_file():
        raise TawsimError(f"no {txt.name} beside the .ann file", path=str(ann))
    data = read_bytes(txt)
    options.advance(len(data))
    decoded = decode_source(data, source=str(txt), encoding=options.encoding)
    raw = read_bytes(ann)
    options.advance(len(raw))
    try:
        content = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise TawsimError(f"the .ann file is not UTF-8 (bad byte at position {exc.start})",
                          path=str(ann)) from None
    parser = _AnnParser(options)
    for number, line in numbered_lines(content):
        if not line.strip():
            continue
        try:
            parser.take(line, number)
        except TawsimError as error:
            raise error.located(str(ann), number) from None
    text = _file_characters(data, decoded.encoding)
    parser.place(text, str(ann), notes)
    parser.finish(str(ann), notes)
    return DocumentRecord(
        text=text.removeprefix(BOM),
        id=id_from_stem(ann.stem) if name_is_text(ann.stem) else None,
        meta={"filename": display_name(txt)}, spans=list(parser.spans.values()),
        relations=parser.relations, source=display_path(txt),
        source_sha256=decoded.source_sha256, encoding=decoded.encoding,
        origin=Origin(display_path(ann)),
    )


def _file_characters(data: bytes, encoding: str) -> str:
    """The .txt decoded as decode_source decoded it, with its line endings as they are and
    its BOM, if it has one, kept as U+FEFF (brat counts it as a character)."""
    codec = codecs.lookup(encoding).name
    if codec == "utf-8-sig":
        codec = "utf-8"
    elif codec in ("utf-16", "utf-32"):
        big_endian = data.startswith(codecs.BOM_UTF32_BE if codec == "utf-32"
                                     else codecs.BOM_UTF16_BE)
        codec += "-be" if big_endian else "-le"
    return data.decode(codec)


@dataclass(frozen=True)
class _Reading:
    """A text the .ann offsets may have been counted on, and the way from its offsets to the
    document's (the file's characters without the BOM, line endings as they are)."""

    text: str
    to_document: Callable[[int], int]


def _readings(characters: str) -> list[_Reading]:
    """The texts tools count .ann offsets on, in the order they are tried.

    brat reads the .txt as UTF-8 with universal newlines: a BOM is a character of the text
    and CRLF is one. Other tools count every CR, or drop the BOM. For a file without CR or
    BOM these are all the same text.
    """
    body = characters.removeprefix(BOM)
    line_endings = [(body, _unchanged)]
    if "\r" in body:
        universal = body.replace("\r\n", "\n").replace("\r", "\n")
        # Where each CRLF's LF stands in the universal text: offsets after it move right by
        # one more CR.
        folded: list[int] = []
        position = body.find("\r\n")
        while position != -1:
            folded.append(position - len(folded))
            position = body.find("\r\n", position + 2)
        line_endings.append((universal, lambda offset: offset + bisect_left(folded, offset)))
    line_endings.reverse()  # brat's own (universal newlines) first
    readings = []
    if characters.startswith(BOM):
        for text, to_document in line_endings:
            readings.append(_Reading(BOM + text, _after_bom(to_document)))
    readings.extend(_Reading(text, to_document) for text, to_document in line_endings)
    return readings


def _unchanged(offset: int) -> int:
    return offset


def _after_bom(to_document: Callable[[int], int]) -> Callable[[int], int]:
    return lambda offset: to_document(max(offset - 1, 0))


_OFFSET = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also takes ² and ٣


@dataclass(frozen=True)
class _Textbound:
    brat_id: str
    label: str
    pieces: list[tuple[int, int]]  # (start, end) fragments as written
    covered: str | None  # the text the line says it covers, None when it gives none
    line: int

    def fits(self, text: str) -> bool:
        if any(not 0 <= start <= end <= len(text) for start, end in self.pieces):
            return False
        return self.covered is None or self.covered == " ".join(
            text[start:end] for start, end in sorted(self.pieces))


class _AnnParser:
    """The lines of one .ann file, checked with brat's own rules, into spans and relations."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.textbounds: list[_Textbound] = []
        self.spans: dict[str, SpanRecord] = {}  # brat T id -> span
        self.relations: list[RelationRecord] = []
        # kind, target, name, value, line: checked once every span is known
        self.pending: list[tuple[str, str, str, str, int]] = []
        self.seen: set[str] = set()
        self.ignored: dict[str, int] = {}

    def take(self, line: str, number: int) -> None:
        brat_id, sep, rest = line.partition("\t")
        if not sep:
            raise InvariantError("a line must start with an ID and a tab")
        if brat_id != "*":
            if not ID_PATTERN.match(brat_id):
                raise InvariantError(f"{brat_id!r} is not a brat ID (a letter prefix and a "
                                     "number, such as T1)")
            if brat_id in self.seen:
                raise InvariantError(f"ID {brat_id} is used twice")
            self.seen.add(brat_id)
        kind = brat_id[0]
        if kind == "T":
            self._textbound(brat_id, rest, number)
        elif kind == "R":
            self._relation(rest, number)
        elif kind in "AM":
            fields = rest.split()
            if len(fields) != 3:
                raise InvariantError("an attribute line is NAME TARGET VALUE; Tawsim "
                                     "attributes always have a value")
            self.pending.append(("attribute", fields[1], fields[0], fields[2], number))
        elif kind == "#":
            data, _, note = rest.partition("\t")
            fields = data.split()
            if fields and fields[0] == NOTES:
                if len(fields) != 2:
                    raise InvariantError(f"an {NOTES} line is {NOTES} TARGET, a tab and the "
                                         "note")
                self.pending.append(("note", fields[1], NOTES, note, number))
            else:
                self._ignore("comment lines other than span notes")
        else:
            self._ignore({"E": "events", "N": "normalizations", "*": "equivalences"}.get(
                kind, f"{kind} lines"))

    def _ignore(self, what: str) -> None:
        self.ignored[what] = self.ignored.get(what, 0) + 1

    def _textbound(self, brat_id: str, rest: str, number: int) -> None:
        """The line's syntax; its offsets are checked once the text they count is known."""
        data, sep, covered = rest.partition("\t")
        label, _, where = data.partition(" ")
        pieces: list[tuple[int, int]] = []
        for part in where.split(";"):
            numbers = part.split()
            if len(numbers) != 2 or not all(_OFFSET.fullmatch(n) for n in numbers):
                raise InvariantError(f"{brat_id}: offsets must be START END pairs separated "
                                     f"by ';', not {where!r}")
            pieces.append((int(numbers[0]), int(numbers[1])))
        self.textbounds.append(_Textbound(brat_id, label, pieces, covered if sep else None,
                                          number))

    def place(self, characters: str, where: str, notes: ReadNotes) -> None:
        """Check every T line against the text its offsets were counted on, and place its
        span on the document's text. The reading is the first that every line fits (the
        covered texts decide), brat's own first; when none does, the lines are checked
        against the reading most of them fit. When another reading fits too but would place
        the spans elsewhere, brat's is taken and the file is named in a note."""
        readings = _readings(characters)
        fits = [sum(t.fits(r.text) for t in self.textbounds) for r in readings]
        reading = readings[fits.index(max(fits))]  # the lines that fit no reading are wrong
        fitting = [r for r, count in zip(readings, fits, strict=True)
                   if count == len(self.textbounds)]
        if any(self._placed(other) != self._placed(reading) for other in fitting[1:]):
            notes.add("offsets that fit more than one way of counting line endings (CRLF) "
                      "or the BOM were read brat's way (CRLF as one character, the BOM "
                      "counted)", Path(where).name)
        document = characters.removeprefix(BOM)
        for textbound in self.textbounds:
            try:
                self._span(textbound, reading, document)
            except TawsimError as error:
                raise error.located(where, textbound.line) from None

    def _placed(self, reading: _Reading) -> list[tuple[int, int]]:
        return [(reading.to_document(min(t.pieces)[0]), reading.to_document(max(t.pieces)[1]))
                for t in self.textbounds if t.pieces]

    def _span(self, textbound: _Textbound, reading: _Reading, document: str) -> None:
        brat_id, pieces, text = textbound.brat_id, textbound.pieces, reading.text
        for index, (start, end) in enumerate(pieces):
            if start > end or end > len(text):
                raise InvariantError(f"{brat_id}: fragment {start}-{end} is outside the text "
                                     f"({len(text)} characters)")
            for other_start, other_end in pieces[:index]:
                if end >= other_start and start < other_end:
                    raise InvariantError(f"{brat_id}: fragments overlap")
        pieces = sorted(pieces)
        joined = " ".join(text[s:e] for s, e in pieces)
        if textbound.covered is not None and textbound.covered != joined:
            raise InvariantError(f"{brat_id}: the text {textbound.covered!r} is not the text "
                                 f"the offsets cover ({joined!r})")
        for (_, gap_start), (gap_end, _) in itertools.pairwise(pieces):
            gap = text[gap_start:gap_end]
            if gap.strip() or not any(ch in LINE_BREAKS for ch in gap):
                raise InvariantError(f"{brat_id}: a discontinuous span (its fragments are "
                                     "not separated by line breaks); Tawsim spans are "
                                     "continuous")
        start = reading.to_document(pieces[0][0])
        end = reading.to_document(pieces[-1][1])
        if start == end and pieces[0][0] < pieces[-1][1]:
            raise InvariantError(f"{brat_id}: the span covers only the BOM at the start of "
                                 "the file, which is not part of the text")
        check_span(document, start, end, textbound.label, scheme=self.options.scheme)
        self.spans[brat_id] = SpanRecord(start=start, end=end, label=textbound.label,
                                         id=new_id())

    def _relation(self, rest: str, number: int) -> None:
        data = rest.partition("\t")[0]
        fields = data.split()
        if len(fields) != 3:
            raise InvariantError("a relation line is TYPE Arg1:T1 Arg2:T2")
        args = [field.partition(":") for field in fields[1:]]
        if any(not sep or not target for _, sep, target in args) or args[0][0] == args[1][0]:
            raise InvariantError("a relation needs two differently named arguments "
                                 "ROLE:ID")
        self.pending.append(("relation", args[0][2], fields[0], args[1][2], number))

    def finish(self, where: str, notes: ReadNotes) -> None:
        for kind, target, name, value, line in self.pending:
            if target not in self.spans:
                raise InvariantError(f"{kind} refers to {target}, which is not a span of the "
                                     "file", path=where, line=line)
            if kind == "relation":
                if value not in self.spans:
                    raise InvariantError(f"relation refers to {value}, which is not a span "
                                         "of the file", path=where, line=line)
                self.relations.append(RelationRecord(type=name, head=self.spans[target].id
                                                     or "", tail=self.spans[value].id or ""))
            elif kind == "note":
                self.spans[target].note = value
            else:
                self.spans[target].attrs[name] = value
        for what, count in self.ignored.items():
            notes.add(f"{what} not imported (Tawsim takes spans, relations, attributes and "
                      "span notes)", f"{Path(where).name} ×{count}")
