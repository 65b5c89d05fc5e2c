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
`split_proclitics` gives the proclitics of "trim" only. docs/ARABIC_BOUNDARIES.md lists the
rules in order and measures them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import regex

from annotator.core.farahidi_lexicon import farahidi_readings
from annotator.core.lexicon import PREFERENCE_SHARE, Lexicon, WordReadings
from annotator.core.normalise import DEFAULT_FOLDING, Folding, normalise

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
ARTICLE = "ال"
LAM = "ل"

# Every proclitic sequence, longest first: a conjunction, a preposition, or one of each.
SEQUENCES: tuple[str, ...] = tuple(sorted(
    {c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)} - {""},
    key=len, reverse=True,
))
# Letters after the article for the article alone to be evidence: بالون (ب + الون?) and
# والدة (و + الدة?) are words of their own, العراق and الهجوم have three letters or more.
MIN_AFTER_ARTICLE = 3
MIN_STEM = 2
# Corpus frequency of a whole-word lemma (بحري 'naval' 1.2e-4, بذل 1.2e-4, وقّال 0) from which
# the dictionary is taken to know the word as a word of its own: a split is then offered only.
WHOLE_WORD_FREQUENCY = 1e-4
# Conjunction ف and preposition ك begin few words compared with the words they are the first
# letter of (فرنسا، فورد، كركوك): before a word that may be a verb they are offered only.
CAREFUL_LETTERS = "فك"
# Below this corpus frequency a lemma counts as never seen: a name the dictionary lacks gets
# split into a proclitic and a rare word (فيريرا as ف + a form of رير, لبوزة as ل + بوزة).
SEEN_LEMMA = 1e-7
# A word the corpus saw fewer times than this, which the dictionary also reads as a name
# stopping earlier (لحج, Lahij, seen 11 times as ل + حج), is only offered the split.
NAME_SIGHTINGS = 25
_NOT_LETTERS = regex.compile(r"[\p{Mn}\p{Cf}\u0640]+")

Verdict = Literal["trim", "keep", "uncertain"]

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
                     lexicon: Lexicon | None = farahidi_readings) -> ProcliticSplit:
    """The proclitics at the start of `word` (original text, harakat and tatweel allowed)
    when `decide_proclitics` is sure of them; NO_SPLIT otherwise.

    The returned `stem_start` is an offset into `word` itself, past any harakat or tatweel
    written on the proclitic letters: وبالصواريخ splits after وب.
    """
    decision = decide_proclitics(word, known=known, folding=folding, lexicon=lexicon)
    return decision.split if decision.verdict == "trim" else NO_SPLIT


def decide_proclitics(word: str, *, known: KnownWord | None = None,
                      folding: Folding = DEFAULT_FOLDING,
                      lexicon: Lexicon | None = farahidi_readings) -> ProcliticDecision:
    """Whether the first letters of `word` are proclitics, by the project's evidence (`known`,
    and the article) and a morphological analyser (`lexicon`; None: the evidence alone)."""
    first = word[:1]
    if "\u0621" <= first <= "\u064a" and first not in "وفبكل":
        return KEEP  # a plain letter that starts no proclitic: skip normalising (hot path)
    normalised = normalise(word, folding)
    letters = normalised.text
    if not letters or letters[0] not in "وفبكل":
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
        def rest_readings(cut: int) -> WordReadings | None:
            return lexicon(written[cut:]) if len(written) == len(letters) else None

        verdict, cut, reason = _judge(letters, evidence, readings, rest_readings)
    if verdict == "keep":
        return ProcliticDecision("keep", NO_SPLIT, reason)
    span = normalised.to_original(cut, len(letters))
    if span is None:
        return ProcliticDecision("keep", NO_SPLIT, "the stem would begin inside a ligature")
    split = ProcliticSplit(span[0], letters[:cut], evidence.get(cut, "analyser"))
    return ProcliticDecision(verdict, split, reason)


def _judge_evidence_only(evidence: dict[int, str]) -> tuple[Verdict, int, str]:
    """Without an analyser: the project's evidence alone, as before there was one."""
    for cut in evidence:
        return "trim", cut, "project evidence"
    return "keep", 0, "no evidence"


def _judge(letters: str, evidence: dict[int, str], readings: WordReadings | None,
           rest_readings: Callable[[int], WordReadings | None]) -> tuple[Verdict, int, str]:
    """The verdict and the cut (in letters) from the project's evidence, the analyser's
    readings and the corpus counts behind them. The rules are described in
    docs/ARABIC_BOUNDARIES.md, in this order."""
    if readings is None:
        return _judge_unread(evidence, rest_readings)
    for cut in sorted(readings.article_cuts):
        if cut > 0 and not _foreign_name_shape(letters, cut, readings, rest_readings):
            return "trim", cut, "a word with the article"
    if readings.seen and readings.attested:
        return _judge_seen(letters, evidence, readings)
    return _judge_unseen(evidence, readings, rest_readings)


def _foreign_name_shape(letters: str, cut: int, readings: WordReadings,
                        rest_readings: Callable[[int], WordReadings | None]) -> bool:
    """Whether ف or ك + the article may rather be a name the dictionary lacks: كال and فال
    begin many transliterated names (كاليانا، فالنسيا), and a word of that shape that the corpus
    never saw, whose rest with the article it never saw either, is not trimmed on its shape."""
    if letters[cut - 1] not in CAREFUL_LETTERS or readings.seen:
        return False
    rest = rest_readings(cut)
    return rest is None or not rest.seen


def _judge_unread(evidence: dict[int, str], rest_readings: Callable[[int], WordReadings | None]
                  ) -> tuple[Verdict, int, str]:
    """No reading of the word: the project's evidence, checked against the analyser."""
    for cut, kind in evidence.items():
        if kind != "known" or rest_readings(cut) is not None:
            return "trim", cut, "project evidence; the analyser cannot read the whole word"
        return "uncertain", cut, "project evidence for a rest the analyser cannot read either"
    return "keep", 0, "no evidence"


def _judge_seen(letters: str, evidence: dict[int, str],
                readings: WordReadings) -> tuple[Verdict, int, str]:
    """A word the analyser's corpus saw: its counts decide, unless the readings object."""
    preferred, share = readings.preference()
    if preferred is None or share < PREFERENCE_SHARE:
        split = [cut for cut in sorted(readings.attested, key=readings.attested.__getitem__,
                                       reverse=True) if cut > 0]
        if split:
            return "uncertain", split[0], "the corpus reads it both ways"
        return "keep", 0, "the corpus reads it whole"
    if preferred == 0:
        return "keep", 0, "the corpus reads it whole"
    if preferred not in readings.cuts or preferred in readings.spelt_cuts:
        if preferred in readings.cuts and 0 not in readings.cuts:
            # وايران: read only as و + إيران with the hamza news leaves out, never whole.
            return "trim", preferred, "read only with a hamza the word leaves out"
        return "uncertain", preferred, "the corpus splits a spelling the analyser cannot read"
    if preferred in readings.closed_class_cuts:
        return "trim", preferred, "a particle or pronoun after the proclitic"
    if readings.seen < NAME_SIGHTINGS and any(cut < preferred for cut in readings.proper_cuts):
        return "uncertain", preferred, "the dictionary also knows a name here"
    if 0 in readings.proper_cuts:
        # باسم: "in the name of" in most news, but also a man's name; an ACTOR span over the
        # name must never lose its first letter, so the trim is only offered.
        return "uncertain", preferred, "the whole word is also a name"
    if 0 in readings.cuts and readings.whole_lemma_frequency >= WHOLE_WORD_FREQUENCY \
            and not readings.whole_verb_only:
        return "uncertain", preferred, "also a common word of its own"
    if letters[preferred - 1] in CAREFUL_LETTERS and preferred in readings.verb_cuts \
            and (preferred in readings.proper_cuts or readings.seen < NAME_SIGHTINGS):
        # فورد (Ford) is seen 58 times as ف + ورد, which is also the name Ward; a name the
        # corpus saw a few times may be one it split wrongly (فيلتمان, Feltman, 6 times as
        # ف + a verb). فقال, فكيف and فيجب, seen often and only split, are trimmed.
        return "uncertain", preferred, "ف or ك before what may be a verb"
    return "trim", preferred, "the corpus splits it"


def _judge_unseen(evidence: dict[int, str], readings: WordReadings,
                  rest_readings: Callable[[int], WordReadings | None]
                  ) -> tuple[Verdict, int, str]:
    """A word the corpus never saw: the readings, and how common their lemmas are."""
    split = min((cut for cut in readings.cuts if cut > 0), default=0)
    if not split:
        return "keep", 0, "the dictionary reads it whole"
    if split in readings.spelt_cuts and 0 in readings.cuts:
        # والي: the governor, and و + إلي only if a hamza the word leaves out is restored;
        # بادل (exchanged), and ب + أدلّ, a rarer word, only so.
        if readings.whole_lemma_frequency >= readings.cut_lemma_frequency.get(split, 0.0):
            return "keep", 0, "the whole word is commoner than a cut that needs a hamza"
        return "uncertain", split, "a reading keeps the letter; the cut needs a hamza"
    closed = max((cut for cut in readings.closed_class_cuts if cut > 0), default=0)
    if closed and 0 not in readings.closed_class_cuts:
        return "trim", closed, "a particle or pronoun after the proclitics"
    known_split = readings.cut_lemma_frequency.get(split)
    if known_split is not None and known_split < SEEN_LEMMA:
        # Only a lemma nobody uses after the proclitic: perhaps a name the dictionary lacks,
        # unless the rest stands alone in the project as a word a proclitic may precede (not
        # the copula ليس behind بليس, Martin Place).
        alone = rest_readings(split) if split in evidence else None
        if alone is not None and 0 not in alone.closed_class_cuts:
            return "trim", split, "a rare reading, but the rest stands alone"
        return "keep", 0, "only a rare reading splits it"
    if 0 not in readings.cuts:
        return "trim", split, "no reading keeps the letter"
    if readings.whole_lemma_frequency < SEEN_LEMMA and 0 not in readings.proper_cuts:
        # A name the dictionary knows is never "a lemma nobody uses" (فيسبوك, وقاص, بعلبك
        # have no corpus frequency, being names): the rules below weigh it.
        return "trim", split, "the whole-word reading is a lemma nobody uses"
    if known_split is not None and readings.whole_lemma_frequency >= known_split:
        return "keep", 0, "the whole-word reading is the common one"
    if split in evidence:
        return "uncertain", split, "the readings disagree"
    return "keep", 0, "the readings disagree and the project has no evidence"
