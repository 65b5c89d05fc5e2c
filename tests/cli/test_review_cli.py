"""`tawsim agree`, `tawsim curate` and `tawsim status` end to end: the figures equal an
independent computation, pre-merge takes exactly what both annotators agree on, a reviewed
gold document exports, and every bad input is one line."""

import random

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.services.adjudication import working_session
from annotator.services.curation import curation_view
from annotator.services.curation_edits import accept_version
from annotator.services.packaging import make_packages
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.review_data import annotate, lead_project
from tests.services.team_data import add_articles, article


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("tawsim: error: ")
        assert result.stderr.count("\n") == 1, result.stderr
    return result


@pytest.fixture
def lead_path(tmp_path):
    path = tmp_path / "lead.tawsim"
    lead_project(path, documents=10).close()
    return path


def spans_of(path, layer):
    with ProjectStore.open(path) as project:
        return {doc: {(s.start, s.end, s.label): s for s in project.spans(doc, layer)}
                for doc in project.document_ids()}


def test_agree_json_gives_f1_as_counted_independently(lead_path):
    data = orjson.loads(run("agree", lead_path, "--json", "--resamples", 100).stdout)
    [pair] = data["pairs"]
    assert (pair["a"], pair["b"], pair["documents"]) == ("amal", "basel", 10)
    amal, basel = spans_of(lead_path, "amal"), spans_of(lead_path, "basel")
    both = sum(len(amal[doc].keys() & basel[doc].keys()) for doc in amal)
    total = sum(len(amal[doc]) + len(basel[doc]) for doc in amal)
    assert pair["exact"]["f1"] == pytest.approx(2 * both / total)
    # relaxed: same label and overlapping; in these articles a span overlaps at most one
    # span of its label in the other layer, so counting overlapping pairs is the matching
    overlapping = sum(1 for doc in amal for x in amal[doc] for y in basel[doc]
                      if x[2] == y[2] and x[0] < y[1] and y[0] < x[1])
    assert pair["relaxed"]["f1"] == pytest.approx(2 * overlapping / total)
    assert pair["relaxed"]["f1"] > pair["exact"]["f1"]
    assert isinstance(pair["stance_kappa"], float)
    assert pair["alpha_u"]["overall"] < 1
    assert [d["f1"] for d in pair["documents_by_f1"]] == \
        sorted(d["f1"] for d in pair["documents_by_f1"])
    assert data["left_out"] == []


def test_identical_layers_have_alpha_one(tmp_path):
    path = tmp_path / "same.tawsim"
    lead_project(path, documents=4, identical=True).close()
    pair = orjson.loads(run("agree", path, "--json", "--resamples", 10).stdout)["pairs"][0]
    assert pair["alpha_u"]["overall"] == 1.0 and pair["exact"]["f1"] == 1.0
    assert pair["stance_kappa"] in (1.0, None)  # None: every claim asserted by both


def test_agree_text_and_html(lead_path, tmp_path):
    out = run("agree", lead_path, "--html", tmp_path / "r.html", "--label", "CLAIM",
              "--label", "ACTOR", "--resamples", 10).stdout
    assert out.startswith("amal / basel: 10 documents in common")
    assert "stance κ" in out and "hardest documents" in out
    assert "Wrote the report to" in out
    assert (tmp_path / "r.html").read_text(encoding="utf-8").count("<svg") == 3


def test_curate_takes_exactly_what_both_agree_on_then_review_and_export(lead_path, tmp_path):
    result = orjson.loads(run("curate", lead_path, "--from", "amal,basel", "--into", "gold",
                              "--json").stdout)
    amal, basel, gold = (spans_of(lead_path, layer) for layer in ("amal", "basel", "gold"))
    with ProjectStore.open(lead_path) as project:
        for doc in amal:
            agreed = amal[doc].keys() & basel[doc].keys()
            assert gold[doc].keys() == agreed
            for key in agreed:
                stance = amal[doc][key].attrs.get("stance")
                same = stance == basel[doc][key].attrs.get("stance")
                assert gold[doc][key].attrs == ({"stance": stance} if same and stance else {})
            links = {(r.type, r.head, r.tail) for r in project.relations(doc, "gold")}
            by_id = {s.id: key for key, s in gold[doc].items()}
            expected = set.intersection(*({(r.type, _key(project, r.head), _key(project, r.tail))
                                           for r in project.relations(doc, layer)}
                                          for layer in ("amal", "basel")))
            expected = {link for link in expected if link[1] in agreed and link[2] in agreed}
            assert {(kind, by_id[h], by_id[t]) for kind, h, t in links} == expected
        assert result["spans"] == sum(len(spans) for spans in gold.values())

        # the lead walks what is left in one document and takes a claim with its source
        doc = _doc_with_claim_disagreement(project, amal)
        view = curation_view(project, doc, ["amal", "basel"], "gold")
        claim = next(item for item in view.disagreements()
                     if item.versions["basel"] is not None
                     and item.versions["basel"].label == "CLAIM")
        session = working_session(project, "layla", "gold")
        accept_version(session, view, claim, "basel")
        taken = next(s for s in project.spans(doc, "gold") if s.label == "CLAIM")
        assert taken.attrs == claim.versions["basel"].span.attrs
        if claim.versions["basel"].sources:
            assert any(r.head == taken.id for r in project.relations(doc, "gold"))
    run("status", lead_path, doc, "--layer", "gold", "--set", "reviewed")
    table = run("status", lead_path, doc).stdout.splitlines()
    assert table[0] == "document\tamal\tbasel\tgold\ttitle"
    assert table[1] == f"{doc}\tdone\tdone\treviewed\tالخبر {int(doc[1:])}"
    out = tmp_path / "gold.jsonl"
    run("export", lead_path, "-o", out, "--layer", "gold", "--status", "reviewed")
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [record["id"] for record in records] == [doc]
    assert len(records[0]["spans"]) == len(spans_of(lead_path, "gold")[doc])


def _key(project, span_id):
    span = project.span(span_id)
    return span.start, span.end, span.label


def _doc_with_claim_disagreement(project, documents):
    for doc in documents:
        view = curation_view(project, doc, ["amal", "basel"], "gold")
        if any(item.disagrees and item.versions["basel"] is not None
               and item.versions["basel"].label == "CLAIM" for item in view.items):
            return doc
    raise AssertionError("the data has no claim disagreement")


def test_fully_agreed_documents_reviewed_at_once(tmp_path):
    path = tmp_path / "same.tawsim"
    lead_project(path, documents=3, identical=True).close()
    preview = run("status", path, "--layer", "gold", "--set", "reviewed", "--fully-agreed",
                  "--dry-run").stdout
    assert preview.splitlines()[0] == "3 documents fully agreed by amal, basel:"
    assert spans_of(path, "gold") == {"a000": {}, "a001": {}, "a002": {}}
    done = run("status", path, "--layer", "gold", "--set", "reviewed", "--fully-agreed").stdout
    assert done.strip() == "3 documents fully agreed by amal, basel marked reviewed in gold"
    assert {doc: set(spans) for doc, spans in spans_of(path, "gold").items()} == \
        {doc: set(spans) for doc, spans in spans_of(path, "amal").items()}


@pytest.mark.parametrize(("args", "message"), [
    (("agree", "{p}", "--layers", "amal,nobody"), "no layer 'nobody'"),
    (("agree", "{p}", "--layers", "amal,amal"), "named twice"),
    (("agree", "{p}", "--status", "reviewed"), "amal and basel have no document in common"),
    (("curate", "{p}", "--from", "amal,ghost"), "no layer 'ghost'"),
    (("curate", "{p}", "--from", "amal,basel", "--min-votes", "3"), "between 1 and 2"),
    (("curate", "{p}", "--from", "amal,basel", "--document", "zzz"), "no document 'zzz'"),
    (("curate", "{p}", "--from", "amal,gold", "--into", "gold"), "no layer 'gold'"),
    (("status", "{p}", "a000", "--layer", "nobody", "--set", "reviewed"), "no layer 'nobody'"),
    (("status", "{p}", "zzz", "--layer", "amal", "--set", "done"), "no document 'zzz'"),
])
def test_bad_input_is_one_line(lead_path, args, message):
    result = run(*[arg.format(p=lead_path) for arg in args], ok=False)
    assert message in result.stderr


def test_after_merging_two_packages_agree_and_curate(tmp_path):
    """The whole round: packages for amal and basel with every document to both, each
    annotates in their own file, the lead merges both files, then agree and curate."""
    lead = tmp_path / "lead.tawsim"
    with ProjectStore.create(lead) as project:
        add_articles(project, 6)
        report = make_packages(project, tmp_path / "out", ["amal", "basel"], overlap=1.0)
    for number, package in enumerate(report.packages):
        with ProjectStore.open(package.path) as store:
            session = AnnotationSession(store, package.annotator)
            for doc in store.document_ids():
                rng = random.Random(number * 100 + int(doc[1:]))
                annotate(session, doc, article(int(doc[1:])), rng)
                session.set_status(doc, "done")
    run("merge", lead, *(package.path for package in report.packages))
    pair = orjson.loads(run("agree", lead, "--json", "--status", "done",
                            "--resamples", 20).stdout)["pairs"][0]
    amal, basel = spans_of(lead, "amal"), spans_of(lead, "basel")
    both = sum(len(amal[doc].keys() & basel[doc].keys()) for doc in amal)
    total = sum(len(amal[doc]) + len(basel[doc]) for doc in amal)
    assert (pair["a"], pair["b"], pair["documents"]) == ("amal", "basel", 6)
    assert pair["exact"]["f1"] == pytest.approx(2 * both / total)
    run("curate", lead, "--from", "amal,basel", "--into", "gold")
    gold = spans_of(lead, "gold")
    assert all(gold[doc].keys() == amal[doc].keys() & basel[doc].keys() for doc in amal)
