"""A CoNLL file comes back exactly: import, export, import again gives the same text and spans.

The file is composed in the manner of two real corpora: a tab-separated one with CRLF, a line
holding only a tab between sentences, clitics split and a left-to-right mark at the start of
most tokens; and a space-separated, nested one with `$#$ O` paragraph marks. Tokens also carry
a right-to-left mark, a zero-width non-joiner, tatweel and a no-break space inside a token.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import cli
from annotator.core.records import SpanRecord
from annotator.core.scheme import default_scheme
from annotator.formats import conll
from annotator.formats.base import ReadOptions, WriteOptions
from annotator.formats.conll.parser import TaggedDocument
from annotator.formats.conll.reader import _record as conll_record
from annotator.storage import ProjectStore, scan

LRM, RLM, ZWNJ, TATWEEL, NBSP = "\u200e", "\u200f", "\u200c", "\u0640", "\u00a0"

TAB_LINES = [
    (LRM + "فرانكفورت", "B-LOCATION"), ("(", "O"), (LRM + "د", "B-ACTOR"), (LRM + "ب", "I-ACTOR"),
    (LRM + "ا", "I-ACTOR"), (")", "O"), (LRM + "اعلن", "O"), (LRM + "اتحاد", "B-ACTOR"),
    (LRM + "صناعـة", "I-ACTOR"), ("و", "O"), (LRM + "في", "O"), (RLM + "المانيا", "B-LOCATION"),
    None,  # a line with only a tab: a sentence break
    ("مي" + ZWNJ + "خواهم", "O"), ("بيت" + NBSP + "لحم", "B-LOCATION"), ("$#$", "O"),
    ("ال" + TATWEEL * 3 + "قصف", "B-WEAPON"), (LRM, "O"), (".", "O"),
]

SPACE_LINES = """يمكن O
لمنظمة B-ACTOR
الصحـة I-ACTOR B-LOCATION
العالمية I-ACTOR I-LOCATION
الوصول O
. O
$#$ O

رسالة O
سكرتير B-ACTOR
اللجنة I-ACTOR B-ACTOR
القومية I-ACTOR I-ACTOR
$#$ O
"""


def tab_file(path):
    lines = ["\ufeff"]
    for item in TAB_LINES:
        lines.append("\t\r\n" if item is None else f"{item[0]}\t{item[1]}\r\n")
    path.write_bytes("".join(lines).encode("utf-8"))
    return path


def _project(tmp_path, name):
    path = tmp_path / name
    assert CliRunner().invoke(cli, ["init", str(path)]).exit_code == 0
    return path


def _run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def _state(project):
    with ProjectStore.open(project) as store:
        return sorted((r.id, r.text, sorted((s.start, s.end, s.label, s.text) for s in r.spans))
                      for r in scan(store))


@pytest.mark.parametrize(("name", "options"), [("nf.conll", []),
                                                ("wj.conll", ["--option", "nesting=2"])])
def test_import_export_import_gives_the_same_text_and_spans(tmp_path, name, options):
    source = tmp_path / name
    if name.startswith("nf"):
        tab_file(source)
    else:
        source.write_text(SPACE_LINES, "utf-8")
    first, second = _project(tmp_path, "a.tawsim"), _project(tmp_path, "b.tawsim")
    _run("import", first, source, "--layer", "gold")
    out = tmp_path / "round.conll"
    report = tmp_path / "report.json"
    _run("export", first, "-o", out, "--format", "conll", "--layer", "gold", *options,
         "--report", report)
    assert json.loads(report.read_text("utf-8"))["issue_count"] == 0
    _run("import", second, out, "--layer", "gold")
    assert _state(first) == _state(second)
    (_doc_id, text, spans), = _state(first)
    assert spans, "the spans came in"
    if name.startswith("nf"):
        # What the import keeps, the export writes back: the marks at a token's start too.
        assert text.startswith(LRM + "فرانكفورت (") and "$#$" in text
        assert (0, len(LRM + "فرانكفورت"), "LOCATION", LRM + "فرانكفورت") in spans
        assert "بيت" + NBSP + "لحم" in out.read_text("utf-8")


def test_tawsim_tokens_report_every_imported_token_they_change(tmp_path):
    source = tab_file(tmp_path / "nf.conll")
    project = _project(tmp_path, "a.tawsim")
    _run("import", project, source, "--layer", "gold")
    report = tmp_path / "report.json"
    result = _run("export", project, "-o", tmp_path / "t.conll", "--format", "conll",
                  "--layer", "gold", "--option", "tokens=tawsim", "--report", report)
    assert "imported tokens written differently" in result.stderr
    changed = {issue["problem"]: issue["action"]
               for issue in json.loads(report.read_text("utf-8"))["issues"]
               if issue["span"] is None}
    assert changed["the imported token '$#$'"] == "written as '$' '#' '$'"
    assert f"the imported token {LRM + 'اعلن'!r}" in changed  # written without its mark
    assert f"the imported token {LRM!r}" in changed  # a mark alone is no token line


def test_a_span_edge_inside_an_imported_token_cuts_only_that_token(tmp_path):
    text = "يمكن لمنظمة الصحة"
    record_tokens = [("يمكن", ["O"], 1), ("لمنظمة", ["O"], 2), ("الصحة", ["O"], 3)]
    document = TaggedDocument("d", 1, tokens=record_tokens)
    record, _ = conll_record(document, tmp_path / "x.conll", ReadOptions())
    assert record.text == text
    start = text.index("منظمة")
    record.spans = [SpanRecord(start, len(text), "ACTOR", text=text[start:], id="s")]
    out = tmp_path / "o.conll"
    report = conll.write([record], out, WriteOptions(scheme=default_scheme()))
    tokens = [line.split("\t")[0] for line in out.read_text("utf-8").splitlines()
              if line and not line.startswith(("#", "-DOCSTART-"))]
    assert tokens == ["يمكن", "ل", "منظمة", "الصحة"]
    changed = [issue for issue in report.issues if issue.span is None]
    assert [issue.problem for issue in changed] == ["the imported token 'لمنظمة'"]


_TOKEN_CHARS = st.sampled_from([*list("ابتسلمنهوي$#().،"), LRM, RLM, ZWNJ, TATWEEL, NBSP])
_TOKENS = st.text(_TOKEN_CHARS, min_size=1, max_size=6).filter(lambda t: t != "-DOCSTART-")


@settings(max_examples=40)
@given(st.lists(st.tuples(_TOKENS, st.sampled_from(["O", "B-ACTOR", "I-ACTOR",
                                                     "B-LOCATION"])), min_size=1, max_size=30),
       st.sets(st.integers(1, 29), max_size=4))
def test_any_tab_separated_file_round_trips_exactly(tmp_path_factory, lines, breaks):
    folder = tmp_path_factory.mktemp("rt")
    body = []
    for index, (token, tag) in enumerate(lines):
        if index in breaks:
            body.append("\t\n")
        body.append(f"{token}\t{tag}\n")
    source = folder / "p.conll"
    source.write_text("".join(body), "utf-8")
    scheme = default_scheme()
    (first,) = conll.read(source, ReadOptions(scheme=scheme))
    out = folder / "o.conll"
    report = conll.write([first], out, WriteOptions(scheme=scheme))
    (second,) = conll.read(out, ReadOptions(scheme=scheme))
    assert second.text == first.text
    assert {(s.start, s.end, s.label) for s in second.spans} == {
        (s.start, s.end, s.label) for s in first.spans}
    assert report.issue_count == 0
