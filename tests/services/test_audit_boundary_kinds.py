"""The audit says how many boundary errors are only a proclitic or the article."""

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import LayerKind
from annotator.services.audit import audit_layers
from annotator.services.audit_report import render
from annotator.services.session import AnnotationSession
from tests.services.conftest import add_documents

TEXT = "سقطت قذائف بسوريا، وقال مسؤول في العراق إن القصف طال للتحالف موقعا قرب بلدة زمار."


def at(word):
    start = TEXT.index(word)
    return start, start + len(word)


def test_boundary_errors_by_kind(project, tmp_path):
    add_documents(project, [("d", TEXT)])
    gold = AnnotationSession(project, "amal", layer="gold")
    model = AnnotationSession(project, "model", layer="pred", layer_kind=LayerKind.MODEL)
    for word, predicted, label in [("سوريا", "بسوريا", "LOCATION"),  # a proclitic
                                   ("عراق", "العراق", "LOCATION"),  # the article
                                   ("تحالف", "للتحالف", "ACTOR"),  # preposition + article lam
                                   ("زمار", "بلدة زمار", "LOCATION")]:  # another word
        gold_start = TEXT.index(word, TEXT.index(predicted))
        gold.add_span("d", gold_start, gold_start + len(word), label)
        model.add_span("d", *at(predicted), label)
    result = audit_layers(project, "gold", "pred")
    assert len(result.errors_of("boundary")) == 4
    assert result.boundary_kinds == {"proclitic": 1, "article": 2, "other": 1}
    details = result.as_dict(details=True)
    assert details["boundary_errors"] == {"total": 4, "proclitic": 1, "article": 2, "other": 1}
    assert [row["edge"] for row in details["errors"] if row["kind"] == "boundary"].count(
        "article") == 2
    assert "1 of them only a proclitic, 2 only the article" in render(result)
    project.close()
    out = CliRunner().invoke(cli, ["audit", str(project.path), "--gold", "gold", "--pred",
                                    "pred"])
    assert out.exit_code == 0, out.output
    assert "boundary errors: 4 (1 a proclitic, 2 the article)" in out.output
