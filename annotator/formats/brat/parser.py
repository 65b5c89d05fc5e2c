"""The lines of a brat .ann file, checked with brat's own rules, into spans and relations.

- `T1<TAB>LABEL START END<TAB>TEXT`: a span, as fragments `S1 E1;S2 E2` when it crosses a
  line break, its TEXT the fragment texts joined by one space;
- `R1<TAB>TYPE Arg1:T1 Arg2:T2`: a relation from its head (Arg1) to its tail (Arg2);
- `A1<TAB>NAME T1 VALUE`: an attribute of a span;
- `#1<TAB>AnnotatorNotes T1<TAB>NOTE`: a span's note.
IDs are a letter prefix and a number, unique in the file. Other lines (events,
normalisations, equivalences, other comments) are counted and reported, not imported.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.ids import new_id
from annotator.core.records import RelationRecord, SpanRecord
from annotator.core.text import BOM
from annotator.formats.base import ReadOptions
from annotator.formats.brat.offsets import Reading, readings_of
from annotator.formats.common import LINE_BREAKS, ReadNotes, check_span

ID_PATTERN = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")
NOTES = "AnnotatorNotes"

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


class AnnParser:
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
        readings = readings_of(characters)
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

    def _placed(self, reading: Reading) -> list[tuple[int, int]]:
        return [(reading.to_document(min(t.pieces)[0]), reading.to_document(max(t.pieces)[1]))
                for t in self.textbounds if t.pieces]

    def _span(self, textbound: _Textbound, reading: Reading, document: str) -> None:
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
