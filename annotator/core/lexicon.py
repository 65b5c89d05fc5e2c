"""What a morphological analyser says about the first letters of an Arabic word.

The proclitic decision (core.proclitics) asks one question of a dictionary: where may the
proclitics of this word end? An analyser answers with readings, each one cutting the word
after 0, 1 or 2 proclitic letters: وادي is read whole (a valley), وبغداد as و + بغداد,
بحرية both as 'naval' (whole) and as ب + حرية. `WordReadings` keeps what the decision needs
of those readings, so the core depends on this small shape and not on one analyser's objects:
core.farahidi_lexicon fills it from farahidi (AlKhalil's lexicon), and tests can fill it by
hand.

A cut counts proclitic letters (و ف ب ك ل), not the article: بالعراق and للتحالف cut after 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
PROCLITIC_LETTERS = "".join(CONJUNCTIONS + PREPOSITIONS)
# Every proclitic sequence, longest first: a conjunction, a preposition, or one of each.
SEQUENCES: tuple[str, ...] = tuple(sorted(
    {c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)} - {""},
    key=len, reverse=True,
))

# Corpus frequency of a lemma (بحري 'naval' 1.2e-4, قام 1.2e-3) from which it is a common word.
COMMON_LEMMA_FREQUENCY = 1e-4
# Below this corpus frequency a lemma counts as never seen: a name the dictionary lacks gets
# split into a proclitic and a rare word (فيريرا as ف + a form of رير, لبوزة as ل + بوزة).
SEEN_LEMMA = 1e-7
# Conjunction ف and preposition ك begin few words compared with the words they are the first
# letter of (فرنسا، فورد، كركوك): before a word that may be a verb they are offered only.
CAREFUL_LETTERS = "فك"


def common_word_of_its_own(whole_lemma_frequency: float, whole_verb_only: bool) -> bool:
    """Whether the readings that keep the first letter make a common word (بحري 'naval'
    1.2e-4, بذل 1.2e-4; not وقّال, 0) that is not only a verb: the dictionary knows the word as
    a word of its own."""
    return whole_lemma_frequency >= COMMON_LEMMA_FREQUENCY and not whole_verb_only


# The share of a word's attested occurrences one cut must have for the analyser to prefer it;
# below it, the corpus read the word both ways often enough to call it ambiguous.
PREFERENCE_SHARE = 0.8


@dataclass(frozen=True)
class WordReadings:
    """The cuts an analyser's readings of one word make, and how sure it is of each."""

    cuts: frozenset[int]  # every cut some reading makes; 0 = a reading keeps the first letter
    article_cuts: frozenset[int] = frozenset()  # cuts followed by the article (بال، وال، لل)
    closed_class_cuts: frozenset[int] = frozenset()  # before a particle, pronoun, adverb (فإن)
    verb_cuts: frozenset[int] = frozenset()  # cuts before a verb reading (ف + ورد)
    # How often the analyser's annotated corpus saw this written word with each cut.
    attested: Mapping[int, int] = field(default_factory=dict)
    unattributed: int = 0  # attested occurrences whose cut the readings cannot tell
    # Corpus frequency of the commonest lemma read with the first letter kept (0 when none):
    # how well the dictionary knows the word as a word of its own (بحرية 'naval': 1e-4).
    whole_lemma_frequency: float = 0.0
    # The same for each cut after proclitics (ب + حرية: 4e-4); a cut missing here is unknown,
    # not rare (readings written by hand), while 0.0 means the lemma was never seen.
    cut_lemma_frequency: Mapping[int, float] = field(default_factory=dict)
    # Every reading that keeps the first letter is a verb (ووصلت read as وُوصِلَت, passive).
    whole_verb_only: bool = False
    # Cuts some reading of which is a proper noun the dictionary knows (لحج, and باسم in وباسم).
    proper_cuts: frozenset[int] = frozenset()
    # Cuts only a spelling supports: the corpus counts come from the corpus lemma's spelling
    # alone, hamza or final letters folded, with no reading of the analyser behind them (فان
    # seen as فإنّ), or the analyser reads the cut only with a hamza the word leaves out
    # (واعلن as و + أعلن).
    spelt_cuts: frozenset[int] = frozenset()
    # False when the dictionary has no reading of the word and its cuts are where it spells a
    # word the analyser's corpus lemmatised (a name or loanword the dictionary lacks: و +
    # رونالد); such cuts carry no counts, parts of speech or names.
    analysed: bool = True
    # For a word the corpus never saw with a reading it can place (no `attested` counts): for
    # each cut, how often the corpus saw the rest on its own as a content word (بتفحص: تفحص,
    # 4 in the model file's counts, which count most sightings twice): not read there as
    # proclitic + word itself, not a particle, pronoun or copula, and after ب or ك, which
    # govern nouns, not a common verb that is no common noun.
    rest_sightings: Mapping[int, int] = field(default_factory=dict)
    # The corpus saw the word whole only with a lemma none of the dictionary's readings has:
    # بلا, lemmatised as the compound particle بِلا, which the dictionary reads as ب + لا (or
    # as rare verbs). Such counts vouch for the corpus's convention, not for a reading.
    whole_attested_unread: bool = False

    @property
    def common_whole_word(self) -> bool:
        """Whether a reading keeps the first letter as a common word (common_word_of_its_own)."""
        return 0 in self.cuts and common_word_of_its_own(self.whole_lemma_frequency,
                                                         self.whole_verb_only)

    @property
    def seen(self) -> int:
        """How often the annotated corpus saw this written word, whatever its reading."""
        return sum(self.attested.values()) + self.unattributed

    def preference(self) -> tuple[int | None, float]:
        """The cut the analyser prefers and the share of evidence behind it (None: torn).

        Attested words go by their corpus counts (وادي: whole 44 times, و + أدى twice), of the
        occurrences a cut could be told for: a corpus lemma that no reading has and the word
        does not spell (لذا lemmatised as لذيذ 386 times) says nothing about the cut. A word
        the corpus never saw is read by its readings alone: when every reading cuts, all agree
        on the shortest cut (وبغداد: و + بغداد, or و + ب + غداد); when all keep the letter, on
        none; when some keep it and some cut, the analyser is torn.
        """
        total = sum(self.attested.values()) + self.unattributed
        if total:
            if not self.attested:
                return None, 0.0
            cut = max(sorted(self.attested), key=self.attested.__getitem__)
            return cut, self.attested[cut] / sum(self.attested.values())
        if self.cuts and 0 not in self.cuts:
            return min(self.cuts), 1.0
        if self.cuts == frozenset({0}):
            return 0, 1.0
        return None, 0.0


Lexicon = Callable[[str], WordReadings | None]
"""The readings of a word given as its letters without harakat or tatweel (hamza and ة
written, not folded); None when the analyser has no reading for it."""
