"""The lead's commands as an acceptance tester met them: `curate` counts what the desk's
curation lists, `status --set reviewed` refuses a document with places open, documents are
named by title or file name and listed with their titles, and the package and merge
reports say what happened."""

import orjson
import pytest

from annotator.core.model import Status
from annotator.services.curation import curation_view
from annotator.services.identity import Person, package_identity
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.cli.cli_helpers import refused, run
from tests.services.lead_data import SAME_TITLE, add_named
from tests.services.merging_helpers import AMAL, Annotator, new_lead, new_package
from tests.services.review_data import find
from tests.services.team_data import article

TEXT = article(0)




@pytest.fixture
def lead(tmp_path):
    """a000 (a01.txt): amal and basel agree on the WEAPON and the speaker, mark the CLAIM
    alike but with another stance and SOURCE; only amal marks ريف, only basel حلب. a001 and
    a002 share a title; a001 is a02.txt."""
    path = tmp_path / "lead.tawsim"
    with ProjectStore.create(path) as project:
        add_named(project, [("a000", TEXT, "الخبر الأول", "a01.txt"),
                            ("a001", article(1), SAME_TITLE, "a02.txt"),
                            ("a002", article(2), SAME_TITLE, "")])
        for name, stance in (("amal", "asserted"), ("basel", "denied")):
            session = AnnotationSession(project, name)
            for doc_id in ("a000", "a001"):
                text = article(int(doc_id[1:]))
                session.add_span(doc_id, *find(text, "مدفعي"), "WEAPON")
                source = session.add_span(doc_id, *find(text, "المتحدث"), "ACTOR")
                if doc_id == "a001":
                    session.set_status(doc_id, Status.DONE)
                    continue
                if name == "amal":
                    session.add_span(doc_id, *find(text, "ريف"), "LOCATION")
                else:
                    source = session.add_span(doc_id, *find(text, "حلب"), "ACTOR")
                claim = session.add_span(doc_id, *find(text, "الطريق مفتوح"), "CLAIM",
                                         {"stance": stance})
                session.link("SOURCE", claim.id, source.id)
                session.set_status(doc_id, Status.DONE)
    return path


def desk_places(path, doc_id):
    with open_project(path) as project:
        return len(curation_view(project, doc_id, None, "gold").disagreements(unresolved=True))


def test_curate_counts_the_places_the_desks_curation_lists(lead):
    data = orjson.loads(run("curate", lead, "--from", "amal,basel", "--json").stdout)
    by_document = {item["document"]: item for item in data["by_document"]}
    assert by_document["a000"]["undecided"] == desk_places(lead, "a000") == 3
    assert data["undecided"] == 3
    again = run("curate", lead, "--from", "amal,basel").stdout.splitlines()
    assert again[1] == ("3 disagreements are left for the lead, in 1 document (the places the "
                        "desk's curation lists to decide)")


def test_curate_takes_a_document_by_its_file_name(lead):
    data = orjson.loads(run("curate", lead, "--from", "amal,basel", "--document", "a02.txt",
                            "--json").stdout)
    assert data["documents"] == 1 and [item["document"] for item in data["by_document"]] \
        == ["a001"]
    assert "names 2 documents" in refused("curate", lead, "--from", "amal,basel",
                                          "--document", SAME_TITLE)


def test_reviewed_is_refused_while_places_are_open_unless_forced(lead):
    run("curate", lead, "--from", "amal,basel")
    line = refused("status", lead, "--layer", "gold", "--set", "reviewed", "a01.txt")
    assert "document 'a01.txt' «الخبر الأول» (a000) still has 3 places undecided in gold" \
        in line and "--force" in line
    with open_project(lead) as project:
        assert project.status("a000", "gold") != Status.REVIEWED
    # a001, fully agreed and pre-merged, goes through; a000 with --force
    assert run("status", lead, "--layer", "gold", "--set", "reviewed", "a02.txt").stdout \
        .strip() == "1 document set to reviewed in gold"
    run("status", lead, "--layer", "gold", "--set", "reviewed", "a01.txt", "--force")
    with open_project(lead) as project:
        assert project.status("a000", "gold") == Status.REVIEWED
    # marking it again is not refused: it already is
    assert "already were" in run("status", lead, "--layer", "gold", "--set", "reviewed",
                                 "a000").stdout


def test_several_documents_with_open_places_are_one_line(lead):
    # nothing pre-merged: every place of a000 and a001 is open; a002 has no annotator
    run("curate", lead, "--from", "amal,basel", "--document", "a002")  # makes gold
    line = refused("status", lead, "--layer", "gold", "--set", "reviewed", "a000", "a002",
                   "a001")
    assert "(a000) still has 5 places undecided in gold (and 1 more document with places " \
           "undecided); decide them" in line
    assert "mark them reviewed anyway" in line


def test_status_lists_titles_and_takes_a_title(lead):
    lines = run("status", lead).stdout.splitlines()
    assert lines[0] == "document\tamal\tbasel\ttitle"
    assert lines[1] == "a000\tdone\tdone\tالخبر الأول"
    assert run("status", lead, "الخبر الأول").stdout.splitlines()[1:] == [lines[1]]
    line = refused("status", lead, SAME_TITLE)
    assert f"'{SAME_TITLE}' names 2 documents: a001 (a02.txt, {SAME_TITLE}); a002 " \
           f"({SAME_TITLE}); name one by its id" in line
    assert "no document 'a09.txt'" in refused("status", lead, "--layer", "amal", "--set",
                                              "done", "a09.txt")


def test_agree_lists_the_hardest_documents_with_their_titles(lead):
    out = run("agree", lead, "--resamples", "10").stdout
    assert "  hardest documents (relaxed F1):" in out
    hardest = out.split("hardest documents (relaxed F1):\n")[1].splitlines()
    assert hardest[0].split()[1] == "a000" and hardest[0].endswith("  الخبر الأول")


def test_the_readme_fully_agreed_example_runs(lead):
    out = run("status", lead, "--layer", "gold", "--set", "reviewed", "--fully-agreed",
              "--dry-run").stdout.splitlines()
    assert out == ["1 document fully agreed by amal, basel:", f"a001\t{SAME_TITLE}"]


def test_feedback_with_reassign_says_why_reviewed_documents_are_not_among_it(tmp_path):
    lead_path = tmp_path / "lead.tawsim"
    with ProjectStore.create(lead_path) as project:
        add_named(project, [(f"a00{n}", article(n), "", f"a0{n}.txt") for n in range(3)])
    run("package", lead_path, "-o", tmp_path / "p1", "--annotators", "amal")
    with Annotator(tmp_path / "p1" / "amal.tawsim", _person(tmp_path / "p1" / "amal.tawsim")
                   ) as session:
        for n in range(3):
            session.add_span(f"a00{n}", *find(article(n), "مدفعي"), "WEAPON")
            session.set_status(f"a00{n}", Status.DONE)
    run("merge", lead_path, tmp_path / "p1" / "amal.tawsim")
    run("curate", lead_path, "--from", "amal", "--min-votes", "1")
    run("status", lead_path, "--layer", "gold", "--set", "reviewed", "a00.txt", "a01.txt",
        "a02.txt")
    out = run("package", lead_path, "-o", tmp_path / "p2", "--annotators", "amal",
              "--with-feedback", "gold", "--reassign", "--per-annotator", "1").stdout
    assert ("  amal gets 2 reviewed documents back with gold (a reviewed document the package "
            "hands them again comes as work, without gold)") in out.splitlines()


def _person(path):
    with open_project(path) as project:
        identity = package_identity(project)
    return Person(identity.person, identity.annotator)


def test_merge_warns_of_a_package_from_another_lead_project(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    with new_lead(other) as project:
        package = new_package(other, project, AMAL)
    with new_lead(tmp_path):
        pass
    out = run("merge", tmp_path / "lead.tawsim", package, "--dry-run").stdout
    assert "warning: this work package 'amal' was made by another lead project (" in out
