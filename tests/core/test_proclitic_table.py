"""The proclitic decision measured on words of real Arabic news, split by hand.

tests/core/data/proclitic_words.tsv holds words beginning with و ف ب ك ل from a sample of
news articles: every one that occurs three times or more, the rarer ones the old evidence
("the rest stands alone somewhere") split although the dictionary also reads them whole, and
random samples of the rest (groups C to F; E and F split blind by a second annotator). Its
`alone` column is the project's evidence as a project holding the articles has it; `other`
gives the second reading of a word read both ways in ordinary news. docs/ARABIC_BOUNDARIES.md
defines the measure and gives the figures asserted here.
"""

from pathlib import Path
from typing import NamedTuple

import pytest

from annotator.core.proclitics import ProcliticDecision, decide_proclitics

TABLE = Path(__file__).parent / "data" / "proclitic_words.tsv"
# The share of words the decision gets right in each group, as measured (docs): A tuned the
# thresholds, B was held out, C and D were split by hand before the decision ran on them, E and
# F blind, by another annotator, and first run with the rules frozen.
ACCURACY = {"A": 0.985, "B": 0.975, "C": 0.995, "D": 0.995, "E": 0.98, "F": 0.98}
# The words of the blind groups whose first letter the decision cuts, as measured on their
# first run: in E a camp's name, a plural and a dialect verb the dictionary lacks, each read as
# a proclitic and a word it has; in F a dialect verb (ما بتغير) whose ب is the present prefix,
# not the preposition of ب + تغير (docs/ARABIC_BOUNDARIES.md). No word of A to D loses a letter.
LETTERS_CUT = {"ويفل": "E", "فراسخ": "E", "بمر": "E", "بتغير": "F"}


class Row(NamedTuple):
    word: str
    cut: int  # proclitic letters of the right split in these articles
    other: int | None  # for a word read both ways, the other reading's cut
    alone: frozenset[str]
    group: str


def read_table() -> list[Row]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("word\t"):
            continue
        word, split, other, alone, group, _note = line.split("\t")
        rows.append(Row(word, split.count("+"), other.count("+") if other else None,
                        frozenset(filter(None, alone.split(","))), group))
    return rows


def is_right(row: Row, decision: ProcliticDecision) -> bool:
    """A sure verdict must give the table's split; "uncertain" is right only for a word read
    both ways, offering the cut of its split reading while the whole word stays applied."""
    cut = len(decision.split.proclitics)
    if decision.verdict == "trim":
        return cut == row.cut
    if decision.verdict == "keep":
        return row.cut == 0
    return row.other is not None and cut == max(row.cut, row.other)


def cuts_a_letter_of_the_word(row: Row, decision: ProcliticDecision) -> bool:
    return decision.verdict == "trim" and len(decision.split.proclitics) > row.cut


@pytest.fixture(scope="module")
def decisions():
    return [(row, decide_proclitics(row.word, known=row.alone.__contains__))
            for row in read_table()]


def test_the_table_holds_300_distinct_words_split_by_hand():
    rows = read_table()
    assert len(rows) >= 300
    assert len({row.word for row in rows}) == len(rows)
    assert {row.group for row in rows} == set(ACCURACY)
    for row in rows:
        assert all(letter in "وفبكل" for letter in row.word[:row.cut]), row.word
        assert row.other != row.cut, row.word


def test_no_letter_of_a_word_is_trimmed_but_those_of_the_blind_groups_measured(decisions):
    cut = {row.word: row.group for row, decision in decisions
           if cuts_a_letter_of_the_word(row, decision)}
    assert cut == LETTERS_CUT


@pytest.mark.parametrize("group", sorted(ACCURACY))
def test_accuracy_on_each_group(decisions, group):
    in_group = [(row, decision) for row, decision in decisions if row.group == group]
    right = sum(is_right(row, decision) for row, decision in in_group)
    assert right / len(in_group) >= ACCURACY[group]
