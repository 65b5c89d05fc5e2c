"""The lead's review as the command line and the desk both count it: the places left to
decide after a pre-merge are those the desk's curation lists, a document's open places are
counted for the review check, documents are found by title or file name, and the merge's
warnings name what a person recognises."""

import json

import pytest

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, Status
from annotator.services.adjudication import working_session
from annotator.services.curation import curation_view
from annotator.services.curation_edits import accept_version
from annotator.services.curation_premerge import premerge
from annotator.services.document_names import (
    document_labels,
    document_named,
    resolve_documents,
)
from annotator.services.merging import merge_files
from annotator.services.merging_report import name_gold_places
from annotator.services.review import undecided_places
from annotator.services.session import AnnotationSession
from tests.services.lead_data import SAME_TITLE, add_named
from tests.services.merging_helpers import AMAL, DOCUMENTS, Annotator, new_lead, new_package, where
from tests.services.review_data import find
from tests.services.team_data import article

TEXT = article(0)


@pytest.fixture
def lead(project):
    """amal and basel on a000 agree on the WEAPON and the speaker; both mark the CLAIM at
    the same place, but with another stance and a SOURCE to another actor (basel's is
    حلب, which amal leaves out); only amal marks ريف."""
    add_named(project, [("a000", TEXT, "الخبر الأول", "a01.txt"),
                        ("a001", article(1), SAME_TITLE, "a02.txt"),
                        ("a002", article(2), SAME_TITLE, "")])
    for name, stance in (("amal", "asserted"), ("basel", "denied")):
        session = AnnotationSession(project, name)
        session.add_span("a000", *find(TEXT, "مدفعي"), "WEAPON")
        source = session.add_span("a000", *find(TEXT, "المتحدث"), "ACTOR")
        if name == "amal":
            session.add_span("a000", *find(TEXT, "ريف"), "LOCATION")
        else:
            source = session.add_span("a000", *find(TEXT, "حلب"), "ACTOR")
        claim = session.add_span("a000", *find(TEXT, "الطريق مفتوح"), "CLAIM",
                                 {"stance": stance})
        session.link("SOURCE", claim.id, source.id)
        session.set_status("a000", Status.DONE)
    return project


def test_premerge_leaves_what_the_desk_lists_claim_with_other_stance_and_source(lead):
    gold = working_session(lead, "lead", "gold")
    report = premerge(gold, ["a000"], ["amal", "basel"])
    view = curation_view(lead, "a000", None, "gold")
    desk_places = view.disagreements(unresolved=True)  # what the desk counts
    claim = next(item for item in desk_places
                 if item.versions["amal"] is not None and item.versions["amal"].label == "CLAIM")
    assert {"stance", "source"} <= set(claim.aspects)
    [document] = report.documents
    assert document.to_decide == len(desk_places) == len(view.places_to_decide()) == 3
    assert report.to_decide == 3 and document.undecided == 2  # ريف, حلب: one each
    data = report.as_dict()
    assert data["undecided"] == 3 and data["by_document"][0]["undecided"] == 3
    assert data["by_document"][0]["not_taken"] == 2
    assert "3 disagreements are left for the lead, in 1 document" in \
        "\n".join(report.summary_lines())


def test_undecided_places_count_and_go_as_the_lead_decides(lead):
    gold = working_session(lead, "lead", "gold")
    premerge(gold, ["a000"], ["amal", "basel"])
    assert undecided_places(lead, "gold", ["a000", "a001"]) == {"a000": 3}
    assert undecided_places(lead, "amal", ["a000"]) == {}  # not a gold layer
    for left in (2, 1, 0):  # the lead takes one annotator's version of each place
        view = curation_view(lead, "a000", None, "gold")
        item = view.places_to_decide()[0]
        accept_version(gold, view, item, next(layer for layer, version
                                              in item.versions.items() if version))
        assert undecided_places(lead, "gold", ["a000"]) == ({"a000": left} if left else {})


def test_documents_are_found_by_id_title_or_file_name(lead):
    assert resolve_documents(lead, ["a01.txt", "a001", "الخبر الأول", "a02.txt"]) == \
        ["a000", "a001"]
    with pytest.raises(TawsimError) as found:
        resolve_documents(lead, [SAME_TITLE])
    message = str(found.value)
    assert f"'{SAME_TITLE}' names 2 documents" in message
    assert "a001 (a02.txt, خبر مكرر)" in message and "a002 (خبر مكرر)" in message
    assert "\n" not in message
    with pytest.raises(TawsimError, match=r"no document 'a09\.txt'"):
        resolve_documents(lead, ["a09.txt"])
    assert document_labels(lead, ["a000", "a002", "zzz"]) == {"a000": "الخبر الأول",
                                                               "a002": SAME_TITLE}
    assert document_named(lead, "a000") == "'a01.txt' «الخبر الأول» (a000)"


def test_an_id_wins_over_another_documents_title(project):
    add_named(project, [("a000", TEXT, "a001", ""), ("a001", article(1), "", "")])
    assert resolve_documents(project, ["a001"]) == ["a001"]


def test_gold_from_a_removed_span_is_named_by_title_and_text(tmp_path):
    lead = new_lead(tmp_path)
    with lead:
        lead.conn.execute("UPDATE document SET title = 'تقرير حمص', meta = "
                          "json_object('filename', 'd1.txt') WHERE id = 'd1'")
        lead.conn.commit()
        package = new_package(tmp_path, lead, AMAL, ["d1"])
        text = DOCUMENTS["d1"]
        with Annotator(package, AMAL) as session:
            weapon = session.add_span("d1", *where(text, "قذائف هاون"), "WEAPON")
        merge_files(lead, [package])
        gold = AnnotationSession(lead, "lead", layer="gold", layer_kind=LayerKind.GOLD)
        accepted = gold.add_span("d1", *where(text, "قذائف هاون"), "WEAPON")
        lead.conn.execute("UPDATE span SET origin = ? WHERE id = ?", (weapon.id, accepted.id))
        lead.conn.commit()
        with Annotator(package, AMAL) as session:
            session.remove_span(weapon.id)
        report = merge_files(lead, [package])
        name_gold_places(lead, report)
    line = next(line for line in report.summary_lines() if "gold WEAPON" in line)
    start, end = where(text, "قذائف هاون")
    assert line == (f"  warning: gold WEAPON «قذائف هاون» at {start}-{end} in document "
                    "'d1.txt' «تقرير حمص» (d1) was accepted from a span of amal that this "
                    "merge removed")
    assert json.dumps(report.as_dict(), ensure_ascii=False)


def test_a_package_of_another_lead_project_is_named_in_a_warning(tmp_path):
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    with new_lead(other_folder) as other:
        package = new_package(other_folder, other, AMAL)
        other_id = other.project_id
    with Annotator(package, AMAL) as session:
        session.add_span("d4", *where(DOCUMENTS["d4"], "حلب"), "LOCATION")
    with new_lead(tmp_path) as lead:
        report = merge_files(lead, [package], dry_run=True)
        lead_id = lead.project_id
    [warning] = [text for text in report.files[0].warnings if "another lead project" in text]
    assert warning == (f"this work package 'amal' was made by another lead project "
                       f"({other_id}), not by this one ({lead_id}): its documents were not "
                       "handed out from here, so check that it is meant for this project")


def test_documents_matched_by_text_say_how_many_are_not_listed(tmp_path):
    with new_lead(tmp_path) as lead:
        lead.conn.execute("UPDATE document SET id = 'lead-' || id")
        lead.conn.commit()
        package = new_package(tmp_path, lead, AMAL)
        report = merge_files(lead, [package], dry_run=True)
    [warning] = [text for text in report.files[0].warnings if "by their text" in text]
    assert warning.startswith("4 documents matched the lead's by their text, their ids "
                              "differing ('d1' as 'lead-d1', ")
    assert warning.endswith(" and 1 more)") and warning.count(" as ") == 3
