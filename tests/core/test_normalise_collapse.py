"""The fast `collapse` (remove gaps, then shorten runs of spaces) gives exactly what the
run-by-run rule gives: a run of spaces and gaps becomes one space if it holds one, else
nothing."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.normalise.tables import GAP, GAPS, collapse


def run_by_run(mapped: str) -> str:
    return GAPS.sub(lambda m: " " if m.group()[0] == " " else "", mapped)


@given(st.text(alphabet=st.sampled_from([" ", GAP, "ا", "b", "\u0651"]), max_size=40))
def test_collapse_equals_the_run_by_run_rule(mapped):
    assert collapse(mapped) == run_by_run(mapped)


def test_collapse_examples():
    assert collapse(f"قو{GAP}ات  في{GAP} {GAP} سوريا") == "قوات في سوريا"
    assert collapse(f"{GAP}  x {GAP}") == " x "
    assert collapse("no change") == "no change"
