"""Every line of a spaCy JSONL export loads in spaCy without W030 or E855, or is reported.

spaCy's Arabic tokeniser keeps proclitics on their word, so `سوريا` inside `بسوريا` is no
token: `Example.from_dict` would drop that entity (W030) and refuse the span group (E855).
The export places each span on `spacy.blank("ar")`'s tokens as the DocBin export does, and
reports every span it cut, widened or left out.
"""

from __future__ import annotations

import importlib.util
import json
import warnings

import pytest

from annotator.services.exporting import export_dataset
from tests.formats.sample import annotated_project, contents

pytestmark = pytest.mark.consumer


@pytest.fixture
def source(tmp_path):
    project = annotated_project(tmp_path / "source.tawsim")
    yield project
    project.close()


def _load_every_line(path):
    spacy = pytest.importorskip("spacy")
    from spacy.training import Example

    nlp = spacy.blank("ar")
    examples = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # W030 fails the test
        for line in path.read_text("utf-8").splitlines():
            text, annotations = json.loads(line)
            examples.append((Example.from_dict(nlp.make_doc(text), annotations), annotations))
    return examples


@pytest.mark.parametrize("policy", ["split", "expand", "skip"])
def test_every_line_loads_and_every_changed_span_is_reported(source, tmp_path, policy):
    out = tmp_path / "train.jsonl"
    report = export_dataset(source, out, format="spacy", layer="gold",
                            options={"misaligned": policy})
    ((example, annotations),) = _load_every_line(out)
    reference = example.reference
    assert len(reference.ents) == len(annotations["entities"])
    assert len(reference.spans["sc"]) == len(annotations["spans"]["sc"])
    spans, _ = contents(source, "gold")[reference.text]
    issues = {(issue.start, issue.end, issue.label) for issue in report.issues}
    assert issues, "the sample has a location behind a proclitic"
    written = {(s.start_char, s.end_char, s.label_) for s in reference.spans["sc"]}
    for start, end, label, *_ in spans:
        # Every span is written as it is, or its change is in the report.
        assert (start, end, label) in written or (start, end, label) in issues
    if policy == "skip":
        assert len(written) == len(spans) - len(issues)
    else:
        assert len(written) == len(spans)


def test_cut_tokens_travel_with_the_line(source, tmp_path):
    out = tmp_path / "train.jsonl"
    export_dataset(source, out, format="spacy", layer="gold")
    text, annotations = json.loads(out.read_text("utf-8"))
    assert "".join(word + (" " if space else "")
                   for word, space in zip(annotations["words"], annotations["spaces"],
                                          strict=True)) == text
    assert "سوريا" in annotations["words"]


def test_without_spacy_the_export_says_it_did_not_check(source, tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "spacy" else real(name, *args))
    report = export_dataset(source, tmp_path / "t.jsonl", format="spacy", layer="gold")
    assert any("spaCy is not installed" in warning for warning in report.warnings)
