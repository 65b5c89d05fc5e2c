"""The pieces the formats share: label families, fragments, file names, the report."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import TawsimError
from annotator.core.scheme import default_scheme
from annotator.formats.base import MAX_ISSUES, SpanIssue, WriteReport
from annotator.formats.common import (
    file_stem,
    id_from_stem,
    is_windows_device,
    label_families,
    line_fragments,
    one_line,
)
from tests.texts import stored_text


def test_entities_share_a_family_and_claim_has_its_own():
    assert label_families(default_scheme()) == [
        ("ENTITY", ("LOCATION", "ACTOR", "WEAPON")), ("CLAIM", ("CLAIM",))]


def test_families_can_be_named_and_unnamed_labels_stand_alone():
    families = label_families(default_scheme(), "PLACE=LOCATION;WHO=ACTOR,CLAIM")
    assert families == [("PLACE", ("LOCATION",)), ("WHO", ("ACTOR", "CLAIM")),
                        ("WEAPON", ("WEAPON",))]
    with pytest.raises(TawsimError, match="unknown label 'PERSON'"):
        label_families(default_scheme(), "X=PERSON")
    with pytest.raises(TawsimError, match="two families"):
        label_families(default_scheme(), "X=ACTOR;Y=ACTOR")
    with pytest.raises(TawsimError, match="NAME=LABEL"):
        label_families(default_scheme(), "ACTOR")


@given(stored_text, st.data())
def test_fragments_cover_the_span_except_its_line_breaks(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    pieces = line_fragments(text, start, end)
    joined = "".join(text[s:e] for s, e in pieces)
    assert joined == "".join(ch for ch in text[start:end] if one_line(ch) == ch)
    assert all(start <= s < e <= end for s, e in pieces)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(pieces))


@given(st.text(min_size=1, max_size=30))
def test_file_names_read_back_to_the_same_document_id(doc_id):
    stem = file_stem(doc_id)
    assert id_from_stem(stem) == doc_id
    assert not any(ch in stem for ch in '/\\:*?"<>|') and not stem.startswith(".")
    assert not is_windows_device(stem)


def test_names_windows_keeps_for_devices_are_encoded():
    assert [file_stem(name) for name in ("CON", "nul.txt", "com1", "Console", ".x")] == [
        "%43ON", "%6Eul.txt", "%63om1", "Console", "%2Ex"]


def test_the_report_lists_issues_up_to_a_bound_and_counts_them_all():
    report = WriteReport()
    for n in range(MAX_ISSUES + 5):
        report.note(SpanIssue("d", str(n), "ACTOR", 0, 1, "problem", "action"))
    assert len(report.issues) == MAX_ISSUES and report.issue_count == MAX_ISSUES + 5
    total = WriteReport()
    total.add(report, prefix="train: ")
    assert total.issue_count == MAX_ISSUES + 5 and len(total.issues) == MAX_ISSUES
    assert total.as_dict()["issue_count"] == MAX_ISSUES + 5
