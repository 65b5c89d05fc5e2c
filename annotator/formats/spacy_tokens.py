"""Spans placed on the tokens of `spacy.blank("ar")`, for the DocBin and spaCy JSONL exports.

spaCy keeps a span only when its edges fall on token edges, and its Arabic tokeniser does not
split proclitics: `سوريا` inside `بسوريا` matches no token, so `doc.char_span` gives None,
`Example.from_dict` drops such an entity (W030) and refuses a span group holding one (E855).
Every such span is cut, widened or left out here, by the `misaligned` policy, and reported:
- `split` (the default) cuts the token at the span's edge, so the span keeps its exact
  characters (a space at a span's edge becomes a token of its own);
- `expand` widens the span to the whole tokens it touches;
- `skip` leaves the span out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, SpanRecord
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import Tally, option, span_issue

LANGUAGE = "ar"  # spacy.blank(LANGUAGE) tokenises
POLICIES = ("split", "expand", "skip")


def load_spacy() -> Any:
    """spaCy, or a one-line error naming the extra that installs it."""
    try:
        import spacy
    except ImportError:
        raise TawsimError("the docbin format needs spaCy; install it with "
                          "pip install 'tawsim[spacy]'") from None
    return spacy


@dataclass
class Placed:
    """A record's Doc and the spans kept on it, each with its spaCy Span."""

    doc: Any
    kept: list[tuple[SpanRecord, Any]] = field(default_factory=list)
    retokenised: bool = False  # tokens were cut: the Doc's words differ from make_doc's


class SpanPlacer:
    """Makes each record's Doc and places its spans on it, reporting every span it changed."""

    def __init__(self, options: WriteOptions, report: WriteReport, tally: Tally) -> None:
        spacy = load_spacy()
        from spacy.tokens import Doc

        self.Doc = Doc
        self.nlp = spacy.blank(LANGUAGE)
        self.policy = option(options.extra, "misaligned", "split", POLICIES)
        self.report = report
        self.tally = tally

    def place(self, record: DocumentRecord) -> Placed:
        doc = self.nlp.make_doc(record.text)
        retokenised = False
        if self.policy == "split":
            cut = self._split(doc, record)
            if cut is not None:
                doc, retokenised = cut, True
        placed = Placed(doc, retokenised=retokenised)
        for span in record.spans:
            where = doc.char_span(span.start, span.end, label=span.label)
            if where is None:
                where = self._misaligned(doc, record, span)
                if where is None:
                    continue
            placed.kept.append((span, where))
        return placed

    def _split(self, doc: Any, record: DocumentRecord) -> Any:
        """A Doc with tokens cut wherever a span edge falls inside one; None when none does."""
        starts = {s.start for s in record.spans}
        ends = {s.end for s in record.spans}
        edges = sorted(starts | ends)
        text = record.text
        words: list[str] = []
        spaces: list[bool] = []
        # Where a cut was made -> (what spaCy had there, what was done), for the report.
        cut_at: dict[int, tuple[str, str]] = {}
        # Offsets as plain numbers: far cheaper than a Token object per token.
        for begin, length, space in doc.to_array(["IDX", "LENGTH", "SPACY"]).tolist():
            stop = begin + length
            first = bisect_right(edges, begin)
            cuts = edges[first:bisect_left(edges, stop, first)]
            previous = begin
            for cut in cuts:
                cut_at[cut] = (f"token {text[begin:stop]!r}", f"split the token at {cut}")
                words.append(text[previous:cut])
                spaces.append(False)
                previous = cut
            words.append(text[previous:stop])
            spaces.append(False)
            if space:
                if stop in starts or stop + 1 in ends:  # a span edge on the space itself
                    for edge in {stop} & starts | {stop + 1} & ends:
                        cut_at[edge] = (f"tokens (an edge on the space after "
                                        f"{text[begin:stop]!r})",
                                        f"made the space at {stop} a token of its own")
                    words.append(text[stop])
                    spaces.append(False)
                else:
                    spaces[-1] = True
        if not cut_at:
            return None
        self._note_splits(record, cut_at)
        return self.Doc(self.nlp.vocab, words=words, spaces=spaces)

    def _note_splits(self, record: DocumentRecord, cut_at: dict[int, tuple[str, str]]) -> None:
        """One report line per span whose edge needed a cut (or a space of its own)."""
        for span in record.spans:
            inside = [edge for edge in (span.start, span.end) if edge in cut_at]
            if not inside:
                continue
            where = " and ".join(dict.fromkeys(cut_at[edge][0] for edge in inside))
            done = "; ".join(dict.fromkeys(cut_at[edge][1] for edge in inside))
            self.report.note(span_issue(record, span, f"does not align with spaCy's {where}",
                                        done))
            self.tally.add("{n} span{s} did not align with spaCy's tokens; the tokens were "
                           "split at the span edges (see the report)")

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
        self.report.note(span_issue(record, span, "does not align with spaCy's tokens",
                                    "not written"))
        self.tally.add("{n} span{s} did not align with spaCy's tokens and were not written "
                       "(see the report)")
        return None
