"""Fitting an extractor's spans to the scheme's boundaries as they are imported."""

import csv

import orjson
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import cli
from annotator.services.fitting import BoundaryFitter, fitted_range, write_report
from annotator.services.importing import import_paths
from annotator.services.label_all import KnownWords
from tests.texts import arabic_text

TEXT = "قالت مصادر إن قذائف سقطت بسوريا قرب وادي النخيل، وإن «الحوثيين» ردوا 👍🏽 بقوة."


def span(word, label, pad_left=0, pad_right=0):
    start = TEXT.index(word)
    return {"start": start - pad_left, "end": start + len(word) + pad_right, "label": label}


def write_predictions(path):
    spans = [span("بسوريا", "LOCATION"),  # the label trims proclitics
             span("وادي النخيل", "LOCATION"),  # وادي keeps its و
             span("«الحوثيين»", "ACTOR", 1, 1),  # a space and the quote marks at the edges
             span("👍", "WEAPON"),  # an edge inside the emoji's cluster
             span("،", "LOCATION"),  # nothing but punctuation: kept as it came
             span("سوريا", "LOCATION")]  # already there: the fitted بسوريا would repeat it
    path.write_bytes(orjson.dumps({"id": "d1", "text": TEXT, "spans": spans}) + b"\n")


def test_import_fits_the_spans_and_reports_each_one_it_moved(project, tmp_path):
    source = tmp_path / "model.jsonl"
    write_predictions(source)
    rows = []
    fitter = BoundaryFitter(project.scheme, rows.append)
    counts = import_paths(project, [source], actor="model", layer="model-a", fit=fitter)
    assert counts.spans_new == 6
    texts = sorted(s.text for s in project.spans("d1", "model-a"))
    assert texts == sorted(["بسوريا", "وادي النخيل", "الحوثيين", "👍🏽", "،", "سوريا"])
    moved = {row.old_text: row for row in rows}
    assert moved[" «الحوثيين» "].new_text == "الحوثيين"
    assert moved["👍"].new_text == "👍🏽" and "grapheme" in moved["👍"].why
    assert moved["،"].new_text == "،" and "kept as it came" in moved["،"].why
    assert "already has the fitted range" in moved["بسوريا"].why
    assert "وادي النخيل" not in moved
    assert (fitter.moved, fitter.kept) == (2, 2)


def test_a_proclitic_is_trimmed_when_the_label_says_so(project):
    known = KnownWords(None, TEXT)
    start, end = TEXT.index("بسوريا"), TEXT.index("بسوريا") + 6
    assert fitted_range(TEXT, start, end, "trim", known)[:2] == (start + 1, end)
    assert fitted_range(TEXT, start, end, "suggest", known) == (start, end, [])
    valley = TEXT.index("وادي")
    assert fitted_range(TEXT, valley, valley + 4, "trim", known) == (valley, valley + 4, [])


@given(arabic_text, st.integers(0, 40), st.integers(0, 40))
@settings(max_examples=60, deadline=None)
def test_a_fitted_range_lies_inside_the_text_and_fitting_it_again_moves_nothing(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    new_start, new_end, reasons = fitted_range(text, start, end, "keep", lambda w: True)
    assert 0 <= new_start <= new_end <= len(text)
    if not reasons:
        assert (new_start, new_end) == (start, end)
    if new_start < new_end:
        assert fitted_range(text, new_start, new_end, "keep", lambda w: True)[2] == []


def test_the_cli_lists_the_moved_spans_in_a_report(project, tmp_path):
    source = tmp_path / "model.jsonl"
    write_predictions(source)
    path = project.path
    project.close()
    report = tmp_path / "moved.csv"
    out = CliRunner().invoke(cli, ["import", str(path), str(source), "--layer", "model-a",
                                   "--fit-boundaries", "--report", str(report)])
    assert out.exit_code == 0, out.output
    assert "Fitted 2 spans to the scheme's boundaries; 2 listed but kept" in out.output
    with report.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 4 and rows[0]["document"] == "d1"
    jsonl = tmp_path / "moved.jsonl"
    write_report([], jsonl)
    assert jsonl.read_bytes() == b""
    refused = CliRunner().invoke(cli, ["import", str(path), str(source), "--report",
                                       str(report)])
    assert refused.exit_code != 0 and "--fit-boundaries" in refused.output
