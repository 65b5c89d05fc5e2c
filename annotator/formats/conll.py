"""CoNLL token-per-line BIO: one tag column per label family, in strict IOB2.

    # tawsim conll: columns = TOKEN ENTITY CLAIM
    # families = ENTITY=LOCATION,ACTOR,WEAPON; CLAIM=CLAIM
    # tokens = Tawsim core tokeniser, proclitics split; words cut at span edges
    # newdoc id = zahraa-1
    -DOCSTART-	O	O

    أفادت	O	O
    وكالة	B-ACTOR	O

Tokens come from `annotator.core.tokens` with an explicit proclitic policy (`proclitics=split`
by default: بسوريا is ب + سوريا, so the LOCATION سوريا is whole tokens; `keep` leaves them on).
A span edge that still falls inside a token cuts that token (`misaligned=split`, reported
span by span), or the span is widened to whole tokens (`expand`) or left out (`skip`). CLAIM
overlaps the entities, so each label family has its own column; two spans of one family that
overlap cannot share a column, and the later one is reported and left out. A sentence ends at
a line break, unless a written span runs across it. Tags are only O, B-X and I-X: never `-`.
Relations, attributes and notes have no place here and are reported. No token holds a
control character or a line separator (a line splitter would break its line there): they
are left out like white space. At most MAX_NESTING columns per family are written; deeper
nested spans are counted and listed in the report, never given a column of their own.

The reader takes any number of tag columns (tab- or space-separated, missing columns are O,
IOB1/IOB2/BIOES, at most MAX_TAG_COLUMNS), `-DOCSTART-` lines and `# newdoc id = ...`
comments. A bad line makes its document bad, not the file: --skip-bad skips that document.
CoNLL has no original text: a document the project already holds (same id) has its tokens
aligned to its text; otherwise the text is rebuilt (tokens joined by spaces, sentences by
line breaks) and the document's metadata says that the offsets refer to the rebuilt text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from annotator.core.errors import TawsimError
from annotator.core.ids import new_id
from annotator.core.normalise import normalise_key
from annotator.core.records import DocumentRecord, Origin, SpanRecord
from annotator.core.text import decode_source
from annotator.core.tokens import PROCLITIC_POLICIES, Token, tokenize
from annotator.formats.base import BadRecord, ReadItem, ReadOptions, WriteOptions, WriteReport
from annotator.formats.common import (
    Tally,
    check_span,
    count_losses,
    label_families,
    option,
    span_issue,
    whole_number,
)
from annotator.formats.files import atomic_output, display_path, name_is_text, read_bytes

NAME = "CoNLL"
DOCSTART = "-DOCSTART-"
REBUILT = ("text rebuilt from CoNLL tokens (joined by spaces, sentences by line breaks); "
           "span offsets refer to this text")
# What a written token never holds: control characters (U+0085, U+001C-U+001F, VT, FF...)
# and line or paragraph separators, at which str.splitlines and other readers would break
# the token's line. They are left out of the tokens, like white space.
UNWRITTEN = regex.compile(r"[\p{Cc}\u2028\u2029]+")
_WRITTEN = regex.compile(r"[^\p{Cc}\u2028\u2029]+")
_SKIPPED = regex.compile(r"[\s\p{Cf}\p{Cc}]+")  # what never stands in a written token
# Spans of one family nested deeper than the columns asked for are reported and left out,
# and the columns asked for are bounded, so memory and line width stay bounded too; a file
# with more tag columns than any writer should make is refused at its line.
MAX_NESTING = 8
MAX_TAG_COLUMNS = 64
_TAG = re.compile(r"^(?:O|([BIESLU])-(.+))$")


# -- writing -----------------------------------------------------------------------------------


@dataclass
class _Placed:
    span: SpanRecord
    first: int  # token indexes, inclusive
    last: int


class _Writer:
    def __init__(self, options: WriteOptions, report: WriteReport, tally: Tally) -> None:
        self.policy = option(options.extra, "proclitics", "split", PROCLITIC_POLICIES)
        self.misaligned = option(options.extra, "misaligned", "split",
                                 ("split", "expand", "skip"))
        self.families = label_families(options.scheme, options.extra.get("families"))
        self.family_of = {label: index for index, (_, labels) in enumerate(self.families)
                          for label in labels}
        self.nesting = whole_number(options.extra, "nesting", 1, maximum=MAX_NESTING)
        # Column names: one per family and nesting level (ENTITY, ENTITY.2, ...).
        self.columns = [name if level == 0 else f"{name}.{level + 1}"
                        for name, _ in self.families for level in range(self.nesting)]
        self.report = report
        self.tally = tally

    def header(self) -> str:
        names = " ".join(self.columns)
        families = "; ".join(f"{name}={','.join(labels)}" for name, labels in self.families)
        proclitics = ("proclitics split (و ف ب ك ل)" if self.policy == "split"
                      else "proclitics kept on their word")
        cut = {"split": "words cut at span edges", "expand": "spans widened to whole tokens",
               "skip": "spans off token edges left out"}[self.misaligned]
        return (f"# tawsim conll: columns = TOKEN {names}\n# families = {families}\n"
                f"# tokens = Tawsim core tokeniser, {proclitics}; {cut}\n")

    def document(self, record: DocumentRecord) -> str:
        text = record.text
        # A span's first word is known to stand alone: بحقل splits before حقل العمر.
        known = {normalise_key((s.text or "").split(maxsplit=1)[0]) for s in record.spans
                 if (s.text or "").strip()}.__contains__
        tokens = _writable(tokenize(text, self.policy, known=known))
        cuts = self._cuts(record, tokens)
        if cuts:
            tokens = _writable(self._cut_tokens(text, tokens, cuts, known))
        placed = self._place(record, tokens)
        columns = [["O"] * len(tokens) for _ in self.columns]
        written: list[_Placed] = []
        for family, (name, _) in enumerate(self.families):
            remaining = [p for p in placed if self.family_of[p.span.label] == family]
            for level in range(self.nesting):
                kept, remaining = _non_overlapping_placed(remaining)
                tags = columns[family * self.nesting + level]
                for item in kept:
                    tags[item.first] = "B-" + item.span.label
                    for index in range(item.first + 1, item.last + 1):
                        tags[index] = "I-" + item.span.label
                written.extend(kept)
            for item in remaining:
                self.report.note(span_issue(
                    record, item.span, f"overlaps another span in the {name} column"
                    + (f"s ({self.nesting} nesting levels)" if self.nesting > 1 else ""),
                    "not written"))
                self.tally.add(f"{{n}} span{{s}} overlapping another in the {name} column "
                               "not written: one column holds one span per token (more "
                               "columns with --option nesting=N; see the report)")
        self.report.spans += len(written)
        inside = [0] * (len(tokens) + 1)  # spans running from token i to i+1
        for item in written:
            inside[item.first] += 1
            inside[item.last] -= 1
        lines = [f"# newdoc id = {record.id}\n" if record.id else "",
                 DOCSTART + "\tO" * len(self.columns) + "\n\n"]
        running = 0
        for index, token in enumerate(tokens):
            running += inside[index]
            lines.append(token.text + "".join("\t" + tags[index] for tags in columns) + "\n")
            after = tokens[index + 1].start if index + 1 < len(tokens) else None
            if after is not None and "\n" in text[token.end:after] and running == 0:
                lines.append("\n")
        lines.append("\n")
        return "".join(lines)

    def _cut_tokens(self, text: str, tokens: list[Token], cuts: list[int],
                    known: Any) -> list[Token]:
        """The tokens again, each one holding a cut tokenised anew with the cut as a word
        edge (what tokenize's split_at does, without tokenising the whole text twice)."""
        result: list[Token] = []
        for token in tokens:
            inside = cuts[bisect_right(cuts, token.start):bisect_left(cuts, token.end)]
            if not inside:
                result.append(token)
                continue
            piece = text[token.start:token.end]
            for part in tokenize(piece, self.policy, known=known,
                                 split_at=[c - token.start for c in inside]):
                result.append(Token(part.start + token.start, part.end + token.start,
                                    part.text, part.kind))
        return result

    def _cuts(self, record: DocumentRecord, tokens: list[Token]) -> list[int]:
        """Span edges inside a token, when the policy is to cut there."""
        if self.misaligned != "split" or not record.spans:
            return []
        starts = [t.start for t in tokens]
        cuts: set[int] = set()
        for span in record.spans:
            for edge in (span.start, span.end):
                index = bisect_right(starts, edge) - 1
                if index >= 0 and tokens[index].start < edge < tokens[index].end:
                    cuts.add(edge)
                    self.report.note(span_issue(
                        record, span, f"an edge falls inside the token {tokens[index].text!r}",
                        f"the token was cut at {edge}"))
                    self.tally.add("{n} span edge{s} fell inside a token; the token was cut "
                                   "there (see the report)")
        return sorted(cuts)

    def _place(self, record: DocumentRecord, tokens: list[Token]) -> list[_Placed]:
        starts = [t.start for t in tokens]
        ends = [t.end for t in tokens]
        placed = []
        for span in record.spans:
            if self.misaligned == "expand":
                first = bisect_right(ends, span.start)
                last = bisect_left(starts, span.end) - 1
            else:
                first = bisect_left(starts, span.start)
                last = bisect_right(ends, span.end) - 1
            if first > last or first >= len(tokens):
                self.report.note(span_issue(record, span, "covers no whole token",
                                                     "not written"))
                self.tally.add("{n} span{s} covering no whole token not written (see the "
                               "report)")
                continue
            begin, stop = tokens[first].start, tokens[last].end
            if (begin, stop) != (span.start, span.end):
                if self.misaligned == "skip":
                    self.report.note(span_issue(
                        record, span, "does not fall on token edges", "not written"))
                    self.tally.add("{n} span{s} off token edges not written (see the report)")
                    continue
                self.report.note(span_issue(
                    record, span, "does not fall on token edges (white space, an invisible "
                    "mark or a symbol at an edge)",
                    f"written as {begin}-{stop} {record.text[begin:stop]!r}"))
                self.tally.add("{n} span{s} not on token edges written as the tokens they "
                               "cover (see the report)")
            placed.append(_Placed(span, first, last))
        return placed


def _writable(tokens: list[Token]) -> list[Token]:
    """The tokens without the characters a token line must not hold (UNWRITTEN): a token
    that is only such characters is dropped, one that holds some is cut around them."""
    result: list[Token] = []
    for token in tokens:
        if not UNWRITTEN.search(token.text):
            result.append(token)
            continue
        for piece in _WRITTEN.finditer(token.text):
            result.append(Token(token.start + piece.start(), token.start + piece.end(),
                                piece.group(), token.kind))
    return result


def _non_overlapping_placed(items: list[_Placed]) -> tuple[list[_Placed], list[_Placed]]:
    """Spans of one column that can share it (earliest first, longer first on a tie)."""
    kept: list[_Placed] = []
    rest: list[_Placed] = []
    reach = -1
    for item in sorted(items, key=lambda p: (p.first, -p.last)):
        if item.first > reach:
            kept.append(item)
            reach = item.last
        else:
            rest.append(item)
    return kept, rest


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    report = WriteReport(files=[str(out)])
    tally = Tally()
    writer = _Writer(options, report, tally)
    with atomic_output(out) as handle:
        handle.write(writer.header().encode("utf-8"))
        for record in records:
            handle.write(writer.document(record).encode("utf-8"))
            count_losses(record, tally, NAME, relations=True, attributes=True, notes=True)
            report.documents += 1
    tally.report_to(report)
    return report


# -- reading -----------------------------------------------------------------------------------


@dataclass
class _Document:
    doc_id: str | None
    line: int  # where it starts, for messages
    tokens: list[tuple[str, list[str], int]] = field(default_factory=list)  # token, tags, line
    breaks: set[int] = field(default_factory=set)  # token indexes that start a sentence
    error: TawsimError | None = None  # its first bad line: the document is skipped whole


def sniff(path: Path) -> bool:
    return path.suffix.lower() in (".conll", ".bio", ".iob", ".iob2", ".conll03")


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    data = read_bytes(path)
    options.advance(len(data))
    text = decode_source(data, source=str(path), encoding=options.encoding).text
    documents = list(_documents(path, text))
    if len(documents) == 1 and documents[0].doc_id is None and name_is_text(path.stem):
        documents[0].doc_id = path.stem
    rebuilt = 0
    for document in documents:
        origin = Origin(display_path(path), document.line)
        if document.error is not None:
            yield BadRecord(origin, document.error)
            continue
        try:
            record, was_rebuilt = _record(document, path, options)
        except TawsimError as error:
            yield BadRecord(origin, error.located(str(path), document.line))
            continue
        rebuilt += was_rebuilt
        record.origin = origin
        record.source = display_path(path)
        yield record
    if rebuilt:
        options.warn(f"{path}: {rebuilt} document(s) not in the project: their text was "
                     "rebuilt from the tokens, and their offsets refer to that text")


def _documents(path: Path, content: str) -> Iterator[_Document]:
    separator: str | None = None
    current = _Document(None, 1)
    pending_id: str | None = None
    sentence_start = True
    for number, raw in enumerate(content.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            sentence_start = True
            continue
        if separator is None:
            separator = "\t" if "\t" in line else " "
        fields = line.split("\t") if separator == "\t" else line.split()
        if line.startswith("#") and not _is_token_line(fields):
            match = re.match(r"#\s*(?:newdoc id|doc_id|newdoc)\s*=\s*(.+)$", line)
            if match:
                pending_id = match.group(1).strip()
                if current.tokens or current.error:
                    yield current
                current = _Document(pending_id, number)
            continue
        if fields[0] == DOCSTART:
            if current.tokens or current.error:
                yield current
                current = _Document(None, number)
            if pending_id is not None:
                current.doc_id = pending_id
                pending_id = None
            sentence_start = True
            continue
        pending_id = None
        try:
            token, tags = _token_line(fields, path, number)
        except TawsimError as error:
            # Only this document is bad: the next -DOCSTART- or newdoc starts a good one.
            current.error = current.error or error
            continue
        if sentence_start and current.tokens:
            current.breaks.add(len(current.tokens))
        sentence_start = False
        current.tokens.append((token, tags, number))
    if current.tokens or current.error:
        yield current


def _token_line(fields: list[str], path: Path, number: int) -> tuple[str, list[str]]:
    if len(fields) < 2:
        raise TawsimError("a token line needs a token and at least one tag", path=str(path),
                          line=number)
    if len(fields) - 1 > MAX_TAG_COLUMNS:
        raise TawsimError(f"{len(fields) - 1} tag columns; a CoNLL file may have at most "
                          f"{MAX_TAG_COLUMNS}", path=str(path), line=number)
    token, tags = fields[0], [t.strip() for t in fields[1:]]
    if not token:
        raise TawsimError("empty token", path=str(path), line=number)
    for tag in tags:
        _check_tag(tag, path, number)
    return token, tags


def _is_token_line(fields: list[str]) -> bool:
    return len(fields) >= 2 and all(_TAG.match(tag.strip()) for tag in fields[1:])


def _check_tag(tag: str, path: Path, line: int) -> None:
    if tag == "-":
        raise TawsimError("tag '-' (a token a converter could not align) is not a valid tag",
                          path=str(path), line=line)
    if not _TAG.match(tag):
        raise TawsimError(f"{tag!r} is not a tag (O, or B-, I-, E-, S- before a label)",
                          path=str(path), line=line)


def _record(document: _Document, path: Path, options: ReadOptions) -> tuple[DocumentRecord,
                                                                            bool]:
    existing = (options.document_text(document.doc_id)
                if options.document_text and document.doc_id else None)
    if existing is not None:
        text, offsets = existing, _align(existing, document, path)
        meta: dict[str, Any] = {}
    else:
        text, offsets = _rebuild(document)
        meta = {"text_note": REBUILT, "source_format": "conll"}
    spans = _spans(document, offsets, text, path, options)
    return DocumentRecord(text=text, id=document.doc_id, meta=meta, spans=spans), \
        existing is None


def _align(text: str, document: _Document, path: Path) -> list[tuple[int, int]]:
    offsets = []
    position = 0
    for token, _, line in document.tokens:
        skipped = _SKIPPED.match(text, position)
        if skipped and not text.startswith(token, position):
            position = skipped.end()
        if not text.startswith(token, position):
            found = text[position:position + len(token) + 10]
            raise TawsimError(f"token {token!r} does not match document {document.doc_id!r} "
                              f"at character {position} ({found!r}); the file does not "
                              "tokenise this document's text", path=str(path), line=line)
        offsets.append((position, position + len(token)))
        position += len(token)
    return offsets


def _rebuild(document: _Document) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    offsets = []
    position = 0
    for index, (token, _, _) in enumerate(document.tokens):
        if index:
            glue = "\n" if index in document.breaks else " "
            parts.append(glue)
            position += 1
        parts.append(token)
        offsets.append((position, position + len(token)))
        position += len(token)
    return "".join(parts), offsets


def _chunks(document: _Document, column: int) -> Iterator[tuple[int, int, str, int]]:
    """(first token, last token, label, line of the first) of each tagged chunk in a column.

    B, S and U begin a chunk; so does I after O or after another label (IOB1); E, S, L and U
    end one; a sentence break ends any chunk."""
    chunk: tuple[int, str, int] | None = None
    for index, (_, tags, line) in enumerate(document.tokens):
        if chunk is not None and index in document.breaks:
            yield chunk[0], index - 1, chunk[1], chunk[2]
            chunk = None
        tag = tags[column] if column < len(tags) else "O"
        if tag == "O":
            if chunk is not None:
                yield chunk[0], index - 1, chunk[1], chunk[2]
            chunk = None
            continue
        kind, label = tag[0], tag[2:]
        if kind in "BSU" or chunk is None or chunk[1] != label:
            if chunk is not None:
                yield chunk[0], index - 1, chunk[1], chunk[2]
            chunk = (index, label, line)
        if kind in "ESLU":
            yield chunk[0], index, chunk[1], chunk[2]
            chunk = None
    if chunk is not None:
        yield chunk[0], len(document.tokens) - 1, chunk[1], chunk[2]


def _spans(document: _Document, offsets: list[tuple[int, int]], text: str, path: Path,
           options: ReadOptions) -> list[SpanRecord]:
    columns = max(len(tags) for _, tags, _ in document.tokens)
    found: dict[tuple[int, int, str], SpanRecord] = {}
    for column in range(columns):
        for first, last, label, line in _chunks(document, column):
            start, end = offsets[first][0], offsets[last][1]
            try:
                check_span(text, start, end, label, scheme=options.scheme)
            except TawsimError as error:
                raise TawsimError(error.message, path=str(path), line=line) from None
            found.setdefault((start, end, label),
                             SpanRecord(start=start, end=end, label=label, id=new_id()))
    return list(found.values())
