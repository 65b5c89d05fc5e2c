"""Proclitics: the one-letter words Arabic writes joined to the next word.

و and ف (and, then) and ب ك ل (in/with, like, for) attach to the word after them, alone or
combined (وب، فل، وبال…): بسوريا is ب + سوريا, وبالصواريخ is و + ب + الصواريخ. A span for
a place, an actor or a weapon covers the word without them, but keeps the article ال. Where ل
meets the article (للتحالف), the article's alef is not written: only the preposition is
removed and the span starts at the article's lam (لتحالف).

Many words begin with these letters as part of the word (بغداد، وزارة، فرنسا، لبنان), so a
letter is taken for a proclitic only with evidence:
- the rest of the word starts with the article (بالعراق، والهجوم), or, after ل, with the
  article's lam (للتحالف), and is long enough not to be a short word of its own; or
- the rest is a word known on its own, for example one that occurs unattached elsewhere
  in the text or the project (بسوريا when سوريا is known, لإيران when إيران is).

That evidence alone cuts real words: أدى elsewhere in a project normalises to ادي, the rest of
وادي. So a morphological analyser and the counts of the corpus behind it (core.lexicon;
farahidi by default) judge it too, and `decide_proclitics` returns one of three verdicts:
- "trim": sure proclitics (بسوريا, وبغداد, للتحالف, وقال: no reading keeps the letter);
- "keep": surely the word's own letter (وادي, كان, وزارة), or no evidence for a cut;
- "uncertain": the evidence disagrees (بحرية is both ب + حرية and 'naval'; the corpus reads
  فرد both ways): a label keeps the selection as it is and offers the trim.
`split_proclitics` gives the proclitics of "trim" only. core.proclitic_rules weighs the
readings; this module gathers the evidence, and the harakat a word is written with, if any,
rule a cut out (ولَّى is not و + لّى). docs/ARABIC_BOUNDARIES.md lists the rules in order and
measures them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from annotator.core.farahidi_lexicon import farahidi_readings
from annotator.core.lexicon import (
    CONJUNCTIONS,
    PROCLITIC_LETTERS,
    SEQUENCES,
    Lexicon,
    WordReadings,
)
from annotator.core.normalise import DEFAULT_FOLDING, Folding, normalise
from annotator.core.proclitic_rules import WITH_THE_ARTICLE, Verdict, judge
from annotator.core.word_usage import Usage, word_usage

ARTICLE = "ال"
LAM = "ل"

# Letters after the article for the article alone to be evidence: بالون (ب + الون?) and
# والدة (و + الدة?) are words of their own, العراق and الهجوم have three letters or more.
MIN_AFTER_ARTICLE = 3
MIN_STEM = 2
_NOT_LETTERS = regex.compile(r"[\p{Mn}\p{Cf}\u0640]+")

KnownWord = Callable[[str], bool]
"""Whether a normalised word is known to stand on its own (used as evidence for a split)."""


@dataclass(frozen=True)
class ProcliticSplit:
    """Where the proclitics of a word end, in the word's own code points."""

    stem_start: int  # 0 when the word has no proclitic
    proclitics: str  # the proclitic letters, normalised ("وب"), "" when none
    evidence: str  # "article", "lam-article", "known" or "" when none

    def __bool__(self) -> bool:
        return self.stem_start > 0


NO_SPLIT = ProcliticSplit(0, "", "")


@dataclass(frozen=True)
class ProcliticDecision:
    """Whether the first letters of a word are proclitics: "trim" (sure), "keep" (sure) or
    "uncertain" (the evidence disagrees: label as selected, offer the trim)."""

    verdict: Verdict
    split: ProcliticSplit  # the proclitics trimmed or offered; NO_SPLIT for "keep"
    reason: str  # why, in a few words (for tests, logs and the documentation)


KEEP = ProcliticDecision("keep", NO_SPLIT, "no evidence")


def lexicon_key(word: str) -> str:
    """`word` as the analyser is asked about it: harakat, tatweel and invisible marks out."""
    return _NOT_LETTERS.sub("", word)


def is_proclitic_sequence(prefix: str) -> bool:
    """Whether normalised `prefix` is a proclitic or a combination of them (و، بـ، وبـ…)."""
    return prefix in SEQUENCES


def stem_evidence(prefix: str, stem: str, known: KnownWord | None = None) -> str:
    """Why normalised `stem` may follow proclitic `prefix` within one word; "" if it may not.

    `stem` is what remains after the prefix: الهجوم after و, لتحالف after ل in للتحالف.
    """
    if not is_proclitic_sequence(prefix) or len(stem) < MIN_STEM:
        return ""
    ends_with_lam = prefix.endswith(LAM)
    if stem.startswith(ARTICLE) and not ends_with_lam:
        # ل never precedes a written article: لـ + الـ is spelt لل.
        if len(stem) - len(ARTICLE) >= MIN_AFTER_ARTICLE:
            return "article"
        if known is not None and known(stem):
            return "known"
        return ""
    if ends_with_lam and stem.startswith(LAM):
        if len(stem) - 1 >= MIN_AFTER_ARTICLE:
            return "lam-article"
        if known is not None and (known(ARTICLE + stem[1:]) or known(stem)):
            return "known"
        return ""
    if known is not None and known(stem):
        return "known"
    return ""


def split_proclitics(word: str, *, known: KnownWord | None = None,
                     folding: Folding = DEFAULT_FOLDING,
                     lexicon: Lexicon | None = farahidi_readings,
                     labelled_whole: KnownWord | None = None,
                     usage: Usage | None = word_usage) -> ProcliticSplit:
    """The proclitics at the start of `word` (original text, harakat and tatweel allowed)
    when `decide_proclitics` is sure of them; NO_SPLIT otherwise.

    The returned `stem_start` is an offset into `word` itself, past any harakat or tatweel
    written on the proclitic letters: وبالصواريخ splits after وب.
    """
    decision = decide_proclitics(word, known=known, folding=folding, lexicon=lexicon,
                                 labelled_whole=labelled_whole, usage=usage)
    return decision.split if decision.verdict == "trim" else NO_SPLIT


def decide_proclitics(word: str, *, known: KnownWord | None = None,
                      folding: Folding = DEFAULT_FOLDING,
                      lexicon: Lexicon | None = farahidi_readings,
                      labelled_whole: KnownWord | None = None,
                      usage: Usage | None = word_usage) -> ProcliticDecision:
    """Whether the first letters of `word` are proclitics, by the project's evidence (`known`,
    and the article), a morphological analyser (`lexicon`; None: the evidence alone), how
    written Arabic uses the word and its rest where the analyser knows little (`usage`), and
    the team's own spans: `labelled_whole(word)`, given `word` as written, says whether the
    project labels it whole somewhere, which keeps its letters whatever the dictionary reads
    (ويلسون, a name the dictionary lacks, once an annotator has labelled it whole)."""
    first = word[:1]
    if "\u0621" <= first <= "\u064a" and first not in PROCLITIC_LETTERS:
        return KEEP  # a plain letter that starts no proclitic: skip normalising (hot path)
    normalised = normalise(word, folding)
    letters = normalised.text
    if not letters or letters[0] not in PROCLITIC_LETTERS:
        return KEEP
    evidence: dict[int, str] = {}  # cut -> evidence, longest cut first
    for prefix in SEQUENCES:
        if letters.startswith(prefix) and len(letters) > len(prefix) \
                and normalised.to_original(len(prefix), len(letters)) is not None:
            kind = stem_evidence(prefix, letters[len(prefix):], known)
            if kind and len(prefix) not in evidence:
                evidence[len(prefix)] = kind
    written = lexicon_key(word)
    readings = lexicon(written) if lexicon is not None else None
    if lexicon is None:
        verdict, cut, reason = _judge_evidence_only(evidence)
    else:
        aligned = len(written) == len(letters)  # no ligature: cuts count the same letters

        def rest_readings(cut: int) -> WordReadings | None:
            return lexicon(written[cut:]) if aligned else None

        verdict, cut, reason = judge(written if aligned else letters, evidence, readings,
                                     rest_readings, usage if aligned else None)
    if verdict == "keep":
        return ProcliticDecision("keep", NO_SPLIT, reason)
    span = normalised.to_original(cut, len(letters))
    if span is None:
        return ProcliticDecision("keep", NO_SPLIT, "the stem would begin inside a ligature")
    if not _harakat_allow(word, span[0], letters[cut - 1:cut + 1] == LAM + LAM):
        return ProcliticDecision("keep", NO_SPLIT, "the harakat written rule the cut out")
    kind = evidence.get(cut, "analyser")
    # The team's whole span outweighs a sure cut, but not the article (one slip must not stop
    # والعراق being trimmed), and an uncertain word stays offered: its span was labelled
    # whole because the decision kept it so. Asked last: it may read the project file.
    if verdict == "trim" and kind not in ("article", "lam-article") \
            and reason != WITH_THE_ARTICLE and labelled_whole is not None \
            and labelled_whole(word):
        return ProcliticDecision("keep", NO_SPLIT, "the project labels the whole word")
    return ProcliticDecision(verdict, ProcliticSplit(span[0], letters[:cut], kind), reason)


# The vowels a proclitic letter takes: fatha (وَ فَ لَ كَ) or kasra (بِ لِ كِ); the lam of
# command after و or ف takes a sukun (وَلْيَكُنْ).
PROCLITIC_VOWELS = "\u064e\u0650"
SUKUN, SHADDA, TATWEEL = "\u0652", "\u0651", "\u0640"
_MARKS = regex.compile(r"[\p{Mn}\u0640]*")
_MARK = regex.compile(r"\p{Mn}")


def _harakat_allow(word: str, stem_start: int, lam_article: bool) -> bool:
    """Whether the harakat written on `word`, if any, allow a cut before `stem_start`: the
    proclitic letters carry at most fatha or kasra (a sukun on the lam of command after و or
    ف), and the stem's first letter carries no shadda (ولَّى cannot be و + لّى), except the
    article's lam after ل (لِلَّه). A sukun there is the elided alef's (بِسْمِ)."""
    letters = ""
    for char in word[:stem_start]:
        if not _MARK.match(char):
            letters += "" if char == TATWEEL else char
        elif char not in PROCLITIC_VOWELS and not (
                char == SUKUN and letters[-1:] == LAM and letters[-2:-1] in CONJUNCTIONS):
            return False
    marks = _MARKS.match(word, stem_start + 1)
    return lam_article or SHADDA not in (marks.group() if marks else "")


def _judge_evidence_only(evidence: dict[int, str]) -> tuple[Verdict, int, str]:
    """Without an analyser: the project's evidence alone, as before there was one."""
    for cut in evidence:
        return "trim", cut, "project evidence"
    return "keep", 0, "no evidence"
