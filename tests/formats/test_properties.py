"""Offsets survive every format on arbitrary Arabic text: emoji, harakat, NBSP, marks, breaks."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.records import DocumentRecord, SpanRecord, prepare_record
from annotator.formats.common import line_fragments
from annotator.services.exporting import export_dataset
from annotator.services.importing import import_paths
from annotator.storage import BulkImport, ProjectStore, scan
from tests.formats.bratcheck import check_folder
from tests.texts import stored_text

LABELS = ("LOCATION", "ACTOR", "WEAPON", "CLAIM")


@st.composite
def annotated_text(draw):
    text = draw(stored_text.filter(lambda t: t.strip()))
    count = draw(st.integers(0, 6))
    spans = {}
    for _ in range(count):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(LABELS))
        spans[(start, end, label)] = None
    return text, list(spans)


def _project(folder: Path, name: str, text: str, spans) -> ProjectStore:
    project = ProjectStore.create(folder / name)
    record = DocumentRecord(text=text, id="doc", layer="gold",
                            spans=[SpanRecord(start=s, end=e, label=lab) for s, e, lab in spans])
    with BulkImport(project, actor="t", source="test") as bulk:
        bulk.add(prepare_record(record, project.scheme))
    return project


def _spans(project: ProjectStore) -> set[tuple[int, int, str]]:
    (record,) = scan(project, layer="gold")
    return {(s.start, s.end, s.label) for s in record.spans}


def _reimported(folder: Path, fmt: str, out: Path) -> set[tuple[int, int, str]]:
    with ProjectStore.create(folder / f"back-{fmt}.tawsim") as back:
        import_paths(back, [out], actor="t", format=fmt, layer="gold")
        return _spans(back)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_text())
def test_every_span_comes_back_on_the_same_characters(case):
    text, spans = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with _project(folder, "p.tawsim", text, spans) as project:
            original = _spans(project)
            for fmt, name in (("doccano", "d.jsonl"), ("labelstudio", "t.json"),
                              ("spacy", "s.jsonl"), ("jsonl", "n.jsonl")):
                export_dataset(project, folder / name, format=fmt, layer="gold")
                assert _reimported(folder, fmt, folder / name) == original, fmt

            report = export_dataset(project, folder / "brat", format="brat", layer="gold")
            assert check_folder(folder / "brat") == []
            changed = {(i.start, i.end, i.label) for i in report.issues}
            expected = set()
            for start, end, label in original:
                pieces = line_fragments(text, start, end)
                moved = (pieces[0][0], pieces[-1][1], label) if pieces else None
                if moved != (start, end, label):
                    assert (start, end, label) in changed  # said so, span by span
                if moved is not None:
                    expected.add(moved)
            assert _reimported(folder, "brat", folder / "brat") == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_text())
def test_conll_brings_back_every_span_or_says_what_it_did(case):
    text, spans = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with _project(folder, "p.tawsim", text, spans) as project:
            (record,) = scan(project, layer="gold")
            by_id = {s.id: (s.start, s.end, s.label) for s in record.spans}
            out = folder / "out.conll"
            report = export_dataset(project, out, format="conll", layer="gold")
            for line in out.read_text("utf-8").split("\n"):
                if line and not line.startswith("#"):
                    assert all(tag == "O" or tag[:2] in ("B-", "I-")
                               for tag in line.split("\t")[1:]), line
            outcome = dict(by_id)  # span id -> where it should come back (None: left out)
            for issue in report.issues:
                if issue.action == "not written":
                    outcome[issue.span] = None
                elif issue.action.startswith("written as") and outcome[issue.span]:
                    start, end = map(int, issue.action.split()[2].split("-"))
                    outcome[issue.span] = (start, end, issue.label)
            expected = {place for place in outcome.values() if place is not None}
            import_paths(project, [out], actor="t", format="conll", layer="back")
            (back,) = scan(project, layer="back")
            assert {(s.start, s.end, s.label) for s in back.spans} == expected
