"""A package handed out again (`make_packages(..., reassign=True)`) to the same annotator: it
carries their merged work on, merging it untouched changes nothing, and the older package can
no longer undo the newer one (left alone when unchanged, refused when it has new work)."""

from __future__ import annotations

import pytest

from annotator.core.model import Status
from annotator.services.identity import Person
from annotator.services.merging import MergeDiverged, merge_files
from annotator.services.packaging import make_packages
from annotator.services.projects import open_project
from tests.services.merging_helpers import DOCUMENTS, Annotator, layer_state, new_lead, where

D1, D4 = DOCUMENTS["d1"], DOCUMENTS["d4"]


@pytest.fixture
def lead(tmp_path):
    project = new_lead(tmp_path)
    yield project
    project.close()


def package_for(lead, folder, name: str, *, reassign: bool = False):
    report = make_packages(lead, folder, [name], reassign=reassign)
    written = report.packages[0]
    return written.path, Person(written.person, name)


def first_round(lead, tmp_path):
    path, amal = package_for(lead, tmp_path / "one", "amal")
    with Annotator(path, amal) as session:
        claim = session.add_span("d1", *where(D1, "وجود أي طائرة مسيرة فوق حمص"), "CLAIM")
        ministry = session.add_span("d1", *where(D1, "وزارة الدفاع"), "ACTOR")
        session.link("SOURCE", claim.id, ministry.id)
        session.add_span("d4", *where(D4, "حلب"), "LOCATION")
        session.set_status("d1", Status.DONE)
    merge_files(lead, [path])
    return path, amal


def test_a_package_handed_out_again_carries_the_annotators_work_on(lead, tmp_path):
    _first, amal = first_round(lead, tmp_path)
    merged = layer_state(lead, "amal")
    second, same = package_for(lead, tmp_path / "two", "amal", reassign=True)
    assert same == amal
    with open_project(second) as package:
        assert layer_state(package, "amal") == merged  # same ids, statuses and links
    report = merge_files(lead, [second])
    assert not report.changed and layer_state(lead, "amal") == merged


def test_the_older_package_cannot_undo_the_newer_one(lead, tmp_path):
    first, amal = first_round(lead, tmp_path)
    second, _ = package_for(lead, tmp_path / "two", "amal", reassign=True)
    with Annotator(second, amal) as session:
        gone = next(span for span in session.annotations("d4").spans
                    if span.label == "LOCATION")
        session.remove_span(gone.id)
        session.add_span("d4", *where(D4, "مراسل القناة"), "ACTOR")
    merge_files(lead, [second])
    newer = layer_state(lead, "amal")

    # The old file, untouched since its merge: nothing new, so it is left alone.
    report = merge_files(lead, [first])
    assert not report.changed and layer_state(lead, "amal") == newer
    assert "handed out to its annotator again" in " ".join(report.files[0].warnings)

    # The old file edited after the re-issue: refused by name, until --force lets it win.
    with Annotator(first, amal) as session:
        session.set_status("d4", Status.DONE)
    with pytest.raises(MergeDiverged, match="newer package") as refused:
        merge_files(lead, [first])
    assert refused.value.kind == "reissued" and str(first) in str(refused.value)
    assert layer_state(lead, "amal") == newer
    forced = merge_files(lead, [first], force=True)
    assert forced.changed and lead.status("d4", "amal") == Status.DONE
    assert any(span.label == "LOCATION" for span in lead.spans("d4", "amal"))


def test_another_annotators_package_is_never_taken_for_a_reissue(lead, tmp_path):
    first_round(lead, tmp_path)
    merged = layer_state(lead, "amal")
    other, salim = package_for(lead, tmp_path / "two", "salim", reassign=True)
    with open_project(other) as package:
        assert all(not spans for spans, *_ in layer_state(package, "salim").values())
    with Annotator(other, salim) as session:
        session.add_span("d4", *where(D4, "حلب"), "LOCATION")
    merge_files(lead, [other])
    assert layer_state(lead, "amal") == merged  # amal's work stays as merged
    assert len(lead.spans("d4", "salim")) == 1
