"""The proclitic decision measured on words of real Arabic news, split by hand.

tests/core/data/proclitic_words.tsv holds every distinct word beginning with و ف ب ك ل that
occurs three times or more in a sample of news articles, and the rarer words of the same
articles that the old evidence ("the rest stands alone somewhere") split although the
dictionary also reads them whole. Its `alone` column is that evidence as a project holding the
articles has it. docs/ARABIC_BOUNDARIES.md gives the figures asserted here.
"""

from pathlib import Path

import pytest

from annotator.core.proclitics import decide_proclitics

TABLE = Path(__file__).parent / "data" / "proclitic_words.tsv"
# What a label key with the "trim" policy applies: the right span, as measured.
APPLIED_ACCURACY = 0.89
# Where the decision puts the boundary, applied or offered: as measured.
BOUNDARY_ACCURACY = 0.96


def read_table():
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("word\t"):
            continue
        word, split, alone, note = line.split("\t")
        rows.append((word, split.count("+"), set(filter(None, alone.split(","))), note))
    return rows


@pytest.fixture(scope="module")
def decisions():
    return [(word, cut, decide_proclitics(word, known=alone.__contains__))
            for word, cut, alone, _ in read_table()]


def test_the_table_holds_300_distinct_words_split_by_hand():
    rows = read_table()
    assert len(rows) >= 300
    assert len({word for word, *_ in rows}) == len(rows)
    for word, cut, _, _ in rows:
        assert all(letter in "وفبكل" for letter in word[:cut]), word


def test_no_letter_of_a_word_is_ever_trimmed(decisions):
    cut_too_far = [word for word, cut, decision in decisions
                   if decision.verdict == "trim" and len(decision.split.proclitics) > cut]
    assert cut_too_far == []


def test_accuracy_on_the_table(decisions):
    applied = sum((len(d.split.proclitics) if d.verdict == "trim" else 0) == cut
                  for _, cut, d in decisions)
    boundary = sum((len(d.split.proclitics) if d.verdict != "keep" else 0) == cut
                   for _, cut, d in decisions)
    assert applied / len(decisions) >= APPLIED_ACCURACY
    assert boundary / len(decisions) >= BOUNDARY_ACCURACY
