"""The rules that weigh a word's readings: whether its first letters are proclitics.

core.proclitics gathers the evidence (the project's, the article, the harakat) and asks an
analyser for the readings (core.lexicon); `judge` weighs them in the order
docs/ARABIC_BOUNDARIES.md lists, and returns the verdict, the cut in letters and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from annotator.core.lexicon import (
    CAREFUL_LETTERS,
    COMMON_LEMMA_FREQUENCY,
    CONJUNCTIONS,
    PREFERENCE_SHARE,
    SEEN_LEMMA,
    SEQUENCES,
    WordReadings,
)
from annotator.core.word_usage import Usage, cut_by_usage

Verdict = Literal["trim", "keep", "uncertain"]
WITH_THE_ARTICLE = "a word with the article"
Judgement = tuple[Verdict, int, str]
RestReadings = Callable[[int], "WordReadings | None"]

# A word the corpus saw fewer times than this, which the dictionary also reads as a name
# stopping earlier (لحج, Lahij, seen 11 times as ل + حج), is only offered the split.
NAME_SIGHTINGS = 25
HAMZA_ALEFS = "أإآ"
# How many times commoner the cut's lemma must be than the whole word's, in a word the
# corpus never saw, for the whole-word reading to be set aside (a name's never is).
RARER_WHOLE = 300
# Proclitic letters that begin with a conjunction: و and ف join any word, names included.
CONJUNCTION_SEQUENCES = frozenset(s for s in SEQUENCES if s[0] in CONJUNCTIONS)
PROCLITIC_SEQUENCES = frozenset(SEQUENCES)
# How often the corpus must have seen a rest on its own (in the model file's counts, which
# count most sightings twice) for it to count as standing alone, as in the project.
CORPUS_SIGHTINGS = 4
# A rest the corpus saw alone this often is a word (كان in ولكان, 7,669 times); a fragment of a
# misspelling is seen a few times (اكن, the rest of ولاكن for ولكن, 6).
OFTEN_ALONE = 100
# A rest this long that stands alone in the project is no coincidence of spelling.
LONG_REST = 4
# The shortest rest the analyser's reading of it is taken as evidence for.
MIN_READ_REST = 3
# How much more (in Zipf units: ten times) written Arabic must use a word than its rest for a
# word no reading keeps whole to be taken for a word of its own the dictionary lacks.
WHOLE_FAR_COMMONER = 1.0



def judge(letters: str, evidence: dict[int, str], readings: WordReadings | None,
          rest_readings: RestReadings, usage: Usage | None = None) -> Judgement:
    """The verdict and the cut (in letters) from the project's evidence, the analyser's
    readings and the corpus counts behind them. The rules are described in
    docs/ARABIC_BOUNDARIES.md, in this order."""
    if readings is None or not readings.analysed:
        return _judge_unread(letters, evidence, readings, rest_readings, usage)
    for cut in sorted(readings.article_cuts):
        if cut > 0 and not _foreign_name_shape(letters, cut, readings):
            return "trim", cut, WITH_THE_ARTICLE
    if readings.seen and readings.attested:
        return _judge_seen(letters, evidence, readings)
    return _judge_unseen(letters, evidence, readings, rest_readings, usage)


def _foreign_name_shape(letters: str, cut: int, readings: WordReadings) -> bool:
    """Whether ف or ك + the article may rather be a name the dictionary lacks: كال and فال
    begin many transliterated names (كاليانا، فالنسيا), and a word of that shape that the corpus
    never saw, whose rest with the article it never saw alone either (it saw الأميركية, the
    rest of كالأميركية), is not trimmed on its shape."""
    if letters[cut - 1] not in CAREFUL_LETTERS or readings.seen:
        return False
    return not readings.rest_sightings.get(cut)


def _judge_unread(letters: str, evidence: dict[int, str], lemmas: WordReadings | None,
                  rest_readings: RestReadings, usage: Usage | None) -> Judgement:
    """No reading of the word in any spelling: a name, a loanword or a form the dictionary
    lacks (وشاتيلا, وإنبي, لميليشيات). `lemmas` says where it spells a lemma of the
    analyser's corpus. A word that spells one whole keeps its letters (كوندوليزا, بلاي). A
    rest that stands alone in the project is a word after proclitics, unless it is a short
    rest after a preposition, which a name of its own may spell; so is one that begins with a
    written hamza, and one that spells a corpus lemma (after ف or ك that cut is only
    offered)."""
    if lemmas is not None and 0 in lemmas.cuts:
        return "keep", 0, "the corpus knows the whole word"
    for cut, kind in evidence.items():
        rest = letters[cut:]
        if kind == "article" and letters[cut - 1] in CAREFUL_LETTERS \
                and rest_readings(cut) is None:
            # كال and فال begin many names the dictionary lacks (كالدونيا, فالنتينو): the
            # article is read from the shape alone, so the cut is only offered.
            return "uncertain", cut, "ف or ك + ال, perhaps a name"
        if kind != "known" or rest_readings(cut) is not None or _begins_a_word(rest) \
                or letters[:cut] in CONJUNCTION_SEQUENCES or len(rest) >= LONG_REST:
            return "trim", cut, "project evidence; the analyser cannot read the whole word"
        return "uncertain", cut, "project evidence for a short rest after a preposition"
    for cut in (2, 1):
        rest = letters[cut:]
        if letters[:cut] not in PROCLITIC_SEQUENCES or len(rest) < MIN_READ_REST:
            continue
        if _begins_a_word(rest):
            # Without the project's evidence, a rest the analyser reads is no evidence: the
            # names it lacks read as a letter and a word (كنيدي as ك + نيدي, لويد as ل + ويد).
            return "trim", cut, "a written hamza begins the rest"
    for cut in sorted(lemmas.cuts if lemmas is not None else ()):
        if letters[cut - 1] in CAREFUL_LETTERS:
            # كريتر (Crater, in Aden) is no ك + ريتر: ف and ك begin many names.
            return "uncertain", cut, "ف or ك before a word the corpus knows"
        return "trim", cut, "the rest is a word the corpus knows"
    cuts = [cut for cut in (1, 2)
            if letters[:cut] in PROCLITIC_SEQUENCES and len(letters) - cut >= MIN_READ_REST]
    return _keep_unless_usage_splits(letters, cuts, "no evidence", usage, None, rest_readings)


def _begins_a_word(rest: str) -> bool:
    """A hamza written on an alef begins Arabic words; inside a word it follows a letter of
    a root with hamza (بأس, فأر, كأس), which the dictionary reads: after proclitic letters of a
    word the dictionary cannot read, it starts the next word (وإنبي, وأهميات)."""
    return rest[:1] in HAMZA_ALEFS and len(rest) >= MIN_READ_REST


def _judge_seen(letters: str, evidence: dict[int, str],
                readings: WordReadings) -> Judgement:
    """A word the analyser's corpus saw: its counts decide, unless the readings object."""
    preferred, share = readings.preference()
    if preferred is None or share < PREFERENCE_SHARE:
        split = [cut for cut in sorted(readings.attested, key=readings.attested.__getitem__,
                                       reverse=True) if cut > 0]
        if split and preferred == 0 and 0 in readings.cuts \
                and all(cut in readings.spelt_cuts for cut in split):
            # واعدا: 'promising' ten times, and four times a spelling of و + أعدّ that
            # leaves out its hamza; the word, written so, is the adjective.
            return "keep", 0, "read whole most often; the cut needs a hamza"
        if split:
            return "uncertain", split[0], "the corpus reads it both ways"
        return "keep", 0, "the corpus reads it whole"
    if preferred == 0:
        closed = [cut for cut in sorted(readings.closed_class_cuts) if cut > 0]
        if closed and (0 not in readings.cuts or (readings.whole_attested_unread
                       and 0 not in readings.closed_class_cuts)):
            # لماذا: the corpus takes ل + ماذا for one word, a lemma the analyser lacks; it
            # reads only the preposition and the interrogative. Compound particles split
            # (لذلك, بما, and بلا, whose whole readings are rare verbs the corpus's بِلا is
            # none of); كما, a conjunction in the dictionary, and بكم, ب + كم read whole
            # as the preposition with its pronoun, do not.
            return "trim", closed[0], "a particle after the proclitic, lemmatised as one"
        return "keep", 0, "the corpus reads it whole"
    if preferred not in readings.cuts or preferred in readings.spelt_cuts:
        if preferred in readings.cuts and 0 not in readings.cuts:
            # وايران: read only as و + إيران with the hamza news leaves out, never whole.
            return "trim", preferred, "read only with a hamza the word leaves out"
        if readings.seen >= NAME_SIGHTINGS and len(letters) - preferred >= MIN_READ_REST \
                and 0 not in readings.proper_cuts:
            # فاننا, بشان, والله: split whenever the corpus saw them. A rest of two letters
            # is left uncertain: بان and فان are also Ban and Van, as in بان كي مون.
            return "trim", preferred, "the corpus splits it often, as a spelling"
        return "uncertain", preferred, "the corpus splits a spelling the analyser cannot read"
    if preferred in readings.closed_class_cuts:
        return "trim", preferred, "a particle, pronoun or adverb after the proclitic"
    if readings.seen < NAME_SIGHTINGS and any(cut < preferred for cut in readings.proper_cuts):
        return "uncertain", preferred, "the dictionary also knows a name here"
    if 0 in readings.proper_cuts:
        # باسم: "in the name of" in most news, but also a man's name; an ACTOR span over the
        # name must never lose its first letter, so the trim is only offered.
        return "uncertain", preferred, "the whole word is also a name"
    # The dictionary knows the word as a common word of its own: the split is only offered.
    if readings.common_whole_word:
        return "uncertain", preferred, "also a common word of its own"
    if letters[preferred - 1] in CAREFUL_LETTERS and preferred in readings.verb_cuts \
            and not _begins_a_word(letters[preferred:]) \
            and (preferred in readings.proper_cuts or readings.seen < NAME_SIGHTINGS):
        # فورد (Ford) is seen 58 times as ف + ورد, which is also the name Ward; a name the
        # corpus saw a few times may be one it split wrongly (فيلتمان, Feltman, 6 times as
        # ف + a verb). فقال, فكيف and فيجب, seen often and only split, are trimmed. That the
        # corpus saw the rest alone says nothing here: فيدل (Fidel) and يدل, فيرون (Verón)
        # and يرون.
        return "uncertain", preferred, "ف or ك before what may be a verb"
    return "trim", preferred, "the corpus splits it"


def _judge_unseen(letters: str, evidence: dict[int, str], readings: WordReadings,
                  rest_readings: RestReadings, usage: Usage | None) -> Judgement:
    """A word the corpus never saw: the readings, and how common their lemmas are."""
    split = _likeliest_cut(readings)
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
        return "trim", closed, "a particle, pronoun or adverb after the proclitics"
    known_split = readings.cut_lemma_frequency.get(split)
    if known_split is not None and known_split < SEEN_LEMMA \
            and (split not in readings.proper_cuts or letters[split - 1] in CAREFUL_LETTERS):
        # A name the dictionary knows after و ب ل has no corpus frequency either (ونائف,
        # و + Nayef): a reading, not a lemma nobody uses. ف and ك begin too many names
        # (كاليانا is no ك + a name).
        # Only a lemma nobody uses after the proclitic: perhaps a name the dictionary lacks,
        # unless the rest stands alone in the project as a word a proclitic may precede (not
        # the copula ليس behind بليس, Martin Place).
        alone = rest_readings(split) if evidence.get(split) == "known" else None
        if alone is not None and 0 not in alone.closed_class_cuts:
            return "trim", split, "a rare reading, but the rest stands alone"
        if _seen_alone(letters, split, readings) and not (
                0 in readings.cuts and readings.whole_lemma_frequency >= SEEN_LEMMA):
            # The corpus saw the rest on its own (تفحص, the rest of بتفحص). After ف and ك
            # that is also the shape of a name (فراجين), so the cut is only offered.
            if letters[split - 1] in CAREFUL_LETTERS:
                return "uncertain", split, "ف or ك before a rest the corpus saw alone"
            return "trim", split, "a rare reading, but the corpus saw the rest alone"
        return _keep_unless_usage_splits(letters, [split], "only a rare reading splits it",
                                         usage, readings, rest_readings, offer=0 in readings.cuts)
    if 0 not in readings.cuts:
        if readings.unattributed and _written_far_more_than_its_rest(letters, split, usage):
            # لارسن (Larsen): the dictionary reads only ل + ارسن, a name written ten times as
            # often as that rest is a word of its own, so the cut is only offered. Asked
            # only of a word the corpus saw under a lemma no reading has (as it saw لارسن):
            # an ordinary trim never loads written usage.
            return "uncertain", split, "no reading keeps the letter, but the word is written " \
                "far more than its rest"
        return "trim", split, "no reading keeps the letter"
    if readings.whole_lemma_frequency < SEEN_LEMMA and 0 not in readings.proper_cuts:
        # A name the dictionary knows is never "a lemma nobody uses" (فيسبوك, وقاص, بعلبك
        # have no corpus frequency, being names): the rules below weigh it.
        return "trim", split, "the whole-word reading is a lemma nobody uses"
    if known_split is not None and readings.whole_lemma_frequency >= known_split:
        return "keep", 0, "the whole-word reading is the common one"
    if known_split is not None and 0 not in readings.proper_cuts \
            and known_split >= RARER_WHOLE * readings.whole_lemma_frequency:
        # بطريقه: ب + طريقة written with ه (9e-4), or بطريق + ه 'his penguin' (1e-6).
        return "trim", split, "the whole-word reading is far rarer than the cut's"
    if split in evidence and readings.whole_lemma_frequency < SEEN_LEMMA \
            and letters[split - 1] not in CAREFUL_LETTERS \
            and readings.rest_sightings.get(split, 0) >= CORPUS_SIGHTINGS:
        # وريف: the dictionary's name Warif, which its corpus never names, against ريف, a
        # word both the project and the corpus have on its own.
        return "trim", split, "a name nobody uses against a rest both corpora have alone"
    if split in evidence:
        return "uncertain", split, "the readings disagree"
    return _keep_unless_usage_splits(letters, [split], "the readings disagree and the project has "
                                     "no evidence", usage, readings, rest_readings, offer=True)


def _likeliest_cut(readings: WordReadings) -> int:
    """The shortest cut, unless a longer one reads a lemma far commoner (RARER_WHOLE times)
    than a lemma the corpus uses: ولسعيها is و + ل + سعي ('effort', 1e-4) + ها, not و + لسع
    ('a sting', 3e-7) + ها. A cut whose lemma the corpus never names (a verb it spells
    otherwise, a name) is not weighed so: ولاقت stays و + لاقت, not و + ل + اقت. It gives
    way only when the corpus never saw its rest alone either, and saw the longer cut's rest,
    a common word, alone often: ولكان is و + ل + كان (ولاكن, ولكن misspelt, is no و + ل + اكن)."""
    cuts = sorted(cut for cut in readings.cuts if cut > 0)
    if not cuts:
        return 0
    split = cuts[0]
    for longer in cuts[1:]:
        shorter_frequency = readings.cut_lemma_frequency.get(split)
        longer_frequency = readings.cut_lemma_frequency.get(longer, 0.0)
        if shorter_frequency is None:
            continue
        far_commoner = shorter_frequency >= SEEN_LEMMA \
            and longer_frequency >= RARER_WHOLE * shorter_frequency
        seen_instead = shorter_frequency == 0.0 and not readings.rest_sightings.get(split) \
            and longer_frequency >= COMMON_LEMMA_FREQUENCY \
            and readings.rest_sightings.get(longer, 0) >= OFTEN_ALONE
        if far_commoner or seen_instead:
            split = longer
    return split


def _seen_alone(letters: str, cut: int, readings: WordReadings) -> bool:
    """Whether the analyser's corpus saw the rest after `cut`, of four letters or more, on
    its own as a content word: a word of the language, not the tail of a name (تفحص, ورقته;
    a rest of three letters, لوج in بلوج, Blog, may be a fragment)."""
    return len(letters) - cut >= LONG_REST \
        and readings.rest_sightings.get(cut, 0) >= CORPUS_SIGHTINGS


def _written_far_more_than_its_rest(letters: str, cut: int, usage: Usage | None) -> bool:
    """Whether written Arabic uses the word WHOLE_FAR_COMMONER (in Zipf units) more than its
    rest after `cut`, a rest it does use: a rest it never writes says nothing (لنجدتك)."""
    used = usage(letters, cut) if usage is not None else None
    return used is not None and used.rest > 0 and used.gap >= WHOLE_FAR_COMMONER


def _keep_unless_usage_splits(letters: str, cuts: list[int], reason: str, usage: Usage | None,
                              readings: WordReadings | None, rest_readings: RestReadings,
                              offer: bool = False) -> Judgement:
    """A word kept for want of evidence: cut, in a word beginning with و ب ل, where written
    Arabic uses its rest as it uses the rests of proclitics (وتوسكانا, وبجي), only offered
    where a reading keeps the letter (the readings disagree). ف and ك begin too many names
    (كريمس, Krems; فلوريدا), so a word beginning with them is not weighed so (core.word_usage)."""
    cut = 0 if usage is None else cut_by_usage(letters, cuts, readings, rest_readings, usage)
    if not cut:
        return "keep", 0, reason
    if offer:
        return "uncertain", cut, reason + "; written Arabic uses the rest"
    return "trim", cut, "written Arabic uses the rest, not the word"
