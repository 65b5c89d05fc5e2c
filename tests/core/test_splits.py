"""Splits by document id: stable, close to the asked shares, refused when malformed."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.splits import parse_split, part_of, position

SPLIT = parse_split("train=0.8,dev=0.1,test=0.1")


def test_shares_are_met_on_many_ids():
    parts = Counter(part_of(f"doc-{n}", SPLIT) for n in range(20_000))
    assert abs(parts["train"] / 20_000 - 0.8) < 0.01
    assert abs(parts["dev"] / 20_000 - 0.1) < 0.01
    assert abs(parts["test"] / 20_000 - 0.1) < 0.01


@given(st.text(min_size=1, max_size=40))
def test_a_document_always_lands_in_the_same_part(doc_id):
    assert 0 <= position(doc_id) < 1
    assert part_of(doc_id, SPLIT) == part_of(doc_id, parse_split("train=80,dev=10,test=10"))


def test_growing_a_later_part_moves_no_document_out_of_train():
    wider = parse_split("train=0.8,dev=0.15,test=0.05")
    for n in range(2000):
        doc = f"article-{n}"
        assert (part_of(doc, SPLIT) == "train") == (part_of(doc, wider) == "train")


@pytest.mark.parametrize(("spec", "words"), [
    ("train=0.8,dev=0.1", "add up to 1"),
    ("train=0.8,dev", "NAME=SHARE"),
    ("train=x,dev=1", "not a number"),
    ("train=1", "at least two"),
    ("train=0.5,train=0.5", "twice"),
    ("a/b=0.5,c=0.5", "plain name"),
    ("train=-0.5,dev=1.5", "zero or more"),
])
def test_malformed_splits_are_refused(spec, words):
    with pytest.raises(TawsimError, match=words):
        parse_split(spec)


def test_part_names_that_one_file_system_confuses_are_refused():
    # Each part is written as a file named after it; train.jsonl and Train.jsonl are one
    # file on Windows and macOS.
    with pytest.raises(TawsimError, match="named twice"):
        parse_split("train=0.5,Train=0.5")


@pytest.mark.parametrize("name", ["con", "NUL", "com1", "Aux"])
def test_part_names_windows_keeps_for_devices_are_refused(name):
    with pytest.raises(TawsimError, match="keeps for a device"):
        parse_split(f"train=0.5,{name}=0.5")
