"""Writing CoNLL: Tawsim's tokens, one tag column per label family (and nesting level), in
strict IOB2.

Tokens come from the core tokeniser with the chosen proclitic policy, except for a document
whose text was rebuilt from a CoNLL file: it gets its imported tokens back (`tokens=imported`,
see imported), so that a CoNLL round trip is exact. A span edge inside a token cuts it,
widens the span or leaves it out (`misaligned`); spans of one family that overlap beyond the
nesting levels asked for are left out; an imported token written otherwise is listed. Each
case is reported.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.boundaries import leading_word
from annotator.core.normalise import normalise_key
from annotator.core.records import DocumentRecord, SpanRecord
from annotator.core.tokens import PROCLITIC_POLICIES, Token, tokenize
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import (
    Tally,
    count_losses,
    label_families,
    option,
    span_issue,
    whole_number,
)
from annotator.formats.conll.imported import (
    cut_tokens,
    imported_tokens,
    is_rebuilt,
    report_changed_tokens,
)
from annotator.formats.conll.lines import DOCSTART, writable
from annotator.formats.files import atomic_output

NAME = "CoNLL"
# Spans of one family nested deeper than the columns asked for are reported and left out,
# and the columns asked for are bounded, so memory and line width stay bounded too.
MAX_NESTING = 8
# Documents whose text was rebuilt from CoNLL get their imported tokens back, or Tawsim's.
TOKEN_CHOICES = ("imported", "tawsim")


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
        self.scheme = options.scheme
        self.families = label_families(options.scheme, options.extra.get("families"))
        self.family_of = {label: index for index, (_, labels) in enumerate(self.families)
                          for label in labels}
        self.nesting = whole_number(options.extra, "nesting", 1, maximum=MAX_NESTING)
        self.tokens = option(options.extra, "tokens", "imported", TOKEN_CHOICES)
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
        source = ("the imported ones for documents rebuilt from CoNLL, else "
                  if self.tokens == "imported" else "")
        return (f"# tawsim conll: columns = TOKEN {names}\n# families = {families}\n"
                f"# tokens = {source}Tawsim core tokeniser, {proclitics}; {cut}\n")

    def document(self, record: DocumentRecord) -> str:
        text = record.text
        # A span's first word is known to stand alone: بحقل splits before حقل العمر.
        known = {normalise_key((s.text or "").split(maxsplit=1)[0]) for s in record.spans
                 if (s.text or "").strip()}.__contains__
        whole = self._labelled_whole(record)

        def labelled_whole(word: str) -> bool:
            return normalise_key(word) in whole

        imported = imported_tokens(record) if is_rebuilt(record) else None
        as_imported = imported is not None and self.tokens == "imported"
        tokens = writable(imported if as_imported and imported is not None
                          else tokenize(text, self.policy, known=known,
                                        labelled_whole=labelled_whole))
        cuts = self._cuts(record, tokens)
        if cuts:
            tokens = writable(cut_tokens(text, tokens, cuts) if as_imported
                              else self._cut_tokens(text, tokens, cuts, known,
                                                    labelled_whole))
        if imported is not None:
            report_changed_tokens(record, imported, tokens, self.report, self.tally)
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
            if after is not None and "\n" in text[token.end:after]:
                if running == 0:
                    lines.append("\n")
                elif imported is not None:
                    self.tally.add("{n} sentence break{s} inside a span not written: read "
                                   "back, those sentences are joined by a space")
        lines.append("\n")
        return "".join(lines)

    def _labelled_whole(self, record: DocumentRecord) -> set[str]:
        """The first words, normalised, of the document's spans that begin where a word
        begins, for labels that trim or offer to: the team labels them whole, so the tokeniser
        keeps their first letters (ويلسون, a name the dictionary would cut), as the desk's
        label keys do (storage's labels_word_whole)."""
        trimming = set(self.scheme.trimming_labels) if self.scheme is not None else set()
        words = (leading_word(record.text, span.start, span.end) for span in record.spans
                 if span.label in trimming)
        return {normalise_key(word) for word in words if word}

    def _cut_tokens(self, text: str, tokens: list[Token], cuts: list[int],
                    known: Any, labelled_whole: Callable[[str], bool]) -> list[Token]:
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
                                 split_at=[c - token.start for c in inside],
                                 labelled_whole=labelled_whole):
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
