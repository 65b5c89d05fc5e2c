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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.records import DocumentRecord, SpanRecord
from annotator.core.scheme import default_scheme
from annotator.formats import spacy_jsonl
from annotator.formats.base import WriteOptions
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
    pytest.importorskip("spacy")  # the words and spaces are spaCy's tokens
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


_PIECES = ["بسوريا", "ولبنان", "الجيش", "قال", "حلب", "،", ".", "١٠", " ", " ", "  ", "\n",
           "\t", "\u200f"]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data(), policy=st.sampled_from(["split", "expand", "skip"]))
def test_any_span_on_any_text_loads_or_is_reported(tmp_path, data, policy):
    spacy = pytest.importorskip("spacy")
    from spacy.training import Example

    text = "".join(data.draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14)))
    edges = st.integers(0, len(text))
    pairs = data.draw(st.lists(st.tuples(edges, edges).filter(lambda p: p[0] < p[1]),
                               max_size=5, unique=True))
    labels = ["LOCATION", "ACTOR", "CLAIM", "LOCATION", "ACTOR"]
    spans = [SpanRecord(start, end, labels[number]) for number, (start, end) in enumerate(pairs)]
    out = tmp_path / f"{policy}.jsonl"
    report = spacy_jsonl.write([DocumentRecord(text=text, id="d", spans=spans)], out,
                               WriteOptions(scheme=default_scheme(),
                                            extra={"misaligned": policy}))
    nlp = spacy.blank("ar")
    line_text, annotations = json.loads(out.read_text("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # W030 (an entity dropped) fails the test
        reference = Example.from_dict(nlp.make_doc(line_text), annotations).reference
    written = {(s.start_char, s.end_char, s.label_) for s in reference.spans["sc"]}
    reported = {(issue.start, issue.end, issue.label) for issue in report.issues}
    native = nlp.make_doc(text)
    for span in spans:
        key = (span.start, span.end, span.label)
        if native.char_span(span.start, span.end) is None:
            assert key in reported, (text, key)  # every span spaCy would not take, reported
        elif policy != "split" or key not in reported:
            assert key in written, (text, key)
    if policy == "split":
        assert {(s.start, s.end, s.label) for s in spans} <= written


def test_a_span_edge_on_a_space_is_reported_with_the_space_made_a_token(tmp_path):
    pytest.importorskip("spacy")
    text = "غارة على حلب أمس"
    span = SpanRecord(text.index(" حلب"), text.index(" حلب") + 4, "LOCATION")  # " حلب"
    out = tmp_path / "t.jsonl"
    report = spacy_jsonl.write([DocumentRecord(text=text, id="d", spans=[span])], out,
                               WriteOptions(scheme=default_scheme()))
    (issue,) = report.issues
    assert issue.action == f"made the space at {span.start} a token of its own"
    _, annotations = json.loads(out.read_text("utf-8"))
    assert " " in annotations["words"]
