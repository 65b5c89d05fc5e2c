"""Malformed doccano, Label Studio and brat input through the real `tawsim import`.

Every shape a reader cannot take must end in one line on stderr naming the file (and its
line or task), exit status 1 and an unchanged project: never a traceback. Two tables: the
shapes a reviewer listed, each of which must be refused, and every JSON value of a valid
file replaced in turn by a value of each other type (or removed), which must either import
or be refused that way.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from annotator.cli import cli

TEXT = "قال المتحدث باسم الجيش إن الطريق إلى حلب مفتوح"
ACTOR, CLAIM = "المتحدث", "الطريق إلى حلب مفتوح"
A0, A1 = TEXT.index(ACTOR), TEXT.index(ACTOR) + len(ACTOR)
C0, C1 = TEXT.index(CLAIM), TEXT.index(CLAIM) + len(CLAIM)


def doccano_labels() -> dict:
    return {"id": "d1", "text": TEXT, "label": [[A0, A1, "ACTOR"], [C0, C1, "CLAIM"]]}


def doccano_relations() -> dict:
    return {"id": 7, "text": TEXT,
            "entities": [{"id": 1, "label": "CLAIM", "start_offset": C0, "end_offset": C1},
                         {"id": 2, "label": "ACTOR", "start_offset": A0, "end_offset": A1}],
            "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "SOURCE"}]}


def labelstudio_tasks() -> list:
    claim = {"start": C0, "end": C1, "text": CLAIM}
    return [{"id": 1, "data": {"text": TEXT, "doc_id": "t1"}, "annotations": [{"result": [
        {"id": "c", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {**claim, "labels": ["CLAIM"]}},
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": A0, "end": A1, "text": ACTOR, "labels": ["ACTOR"]}},
        {"id": "c", "from_name": "stance", "to_name": "text", "type": "choices",
         "value": {**claim, "choices": ["asserted"]}},
        {"id": "c", "from_name": "note", "to_name": "text", "type": "textarea",
         "value": {**claim, "text": ["ملاحظة"]}},
        {"from_id": "c", "to_id": "a", "type": "relation", "direction": "right",
         "labels": ["SOURCE"]},
    ]}]}]


BRAT_ANN = [f"T1\tCLAIM {C0} {C1}\t{CLAIM}", f"T2\tACTOR {A0} {A1}\t{ACTOR}",
            "R1\tSOURCE Arg1:T1 Arg2:T2", "A1\tstance T1 asserted", "#1\tAnnotatorNotes T1\tنص"]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def proj(tmp_path, runner):
    path = tmp_path / "p.tawsim"
    assert runner.invoke(cli, ["init", str(path)]).exit_code == 0
    return path


def documents(path) -> tuple[int, int, int]:
    """Documents, spans and relations in the project."""
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("document", "span", "relation"))
    finally:
        conn.close()


def write_input(folder, fmt: str, value: Any):
    """The input file (or brat folder) holding `value`; returns the path to import."""
    if fmt == "doccano":
        path = folder / "in.jsonl"
        path.write_text(json.dumps(value, ensure_ascii=False) + "\n", "utf-8")
    elif fmt == "labelstudio":
        path = folder / "in.json"
        path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    else:
        path = folder / "b"
        path.mkdir()
        (path / "a.txt").write_text(TEXT, "utf-8")
        (path / "a.ann").write_text("".join(line + "\n" for line in value), "utf-8")
    return path


def run_import(runner, proj, path, fmt):
    return runner.invoke(cli, ["import", str(proj), str(path), "--format", fmt,
                               "--layer", "gold"])


def assert_refused_cleanly(result, proj, before: tuple, name: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("tawsim: error: "), message
    assert name in message, message
    assert documents(proj) == before


def assert_imported_or_refused(result, proj, before: tuple, name: str) -> None:
    if result.exit_code == 0:
        assert result.exception is None
        return
    assert_refused_cleanly(result, proj, before, name)


# -- the listed shapes: each is refused ----------------------------------------------------------


def _set(value: Any, path: tuple, new: Any) -> Any:
    value = copy.deepcopy(value)
    target = value
    for key in path[:-1]:
        target = target[key]
    if new is _REMOVE:
        del target[path[-1]]
    else:
        target[path[-1]] = new
    return value


_REMOVE = object()
ENTITY = ("entities", 0)
REGION = (0, "annotations", 0, "result", 0)

REFUSED = [
    ("doccano", doccano_labels(), ("label",), "ACTOR"),
    ("doccano", doccano_labels(), ("label",), {"start": A0}),
    ("doccano", doccano_labels(), ("label", 0), "ACTOR"),
    ("doccano", doccano_labels(), ("label", 0), {"start": A0, "end": A1, "label": "ACTOR"}),
    ("doccano", doccano_labels(), ("label", 0, 0), "3"),
    ("doccano", doccano_labels(), ("label", 0, 0), -1),
    ("doccano", doccano_labels(), ("label", 0, 0), 1.5),
    ("doccano", doccano_labels(), ("label", 0, 0), float(A0)),
    ("doccano", doccano_labels(), ("label", 0, 1), None),
    ("doccano", doccano_labels(), ("label", 0, 1), True),
    ("doccano", doccano_labels(), ("label", 0, 1), 2**70),
    ("doccano", doccano_labels(), ("label", 0, 2), ["ACTOR"]),
    ("doccano", doccano_labels(), ("label", 0, 2), 5),
    ("doccano", doccano_labels(), ("text",), ["نص"]),
    ("doccano", doccano_labels(), ("text",), _REMOVE),
    ("doccano", doccano_labels(), ("id",), {"a": 1}),
    ("doccano", doccano_labels(), ("id",), [1]),
    ("doccano", doccano_relations(), ("entities",), {"id": 1}),
    ("doccano", doccano_relations(), ENTITY, "CLAIM"),
    ("doccano", doccano_relations(), (*ENTITY, "start_offset"), -3),
    ("doccano", doccano_relations(), (*ENTITY, "end_offset"), 2.5),
    ("doccano", doccano_relations(), (*ENTITY, "label"), ["CLAIM"]),
    ("doccano", doccano_relations(), (*ENTITY, "id"), [1]),
    ("doccano", doccano_relations(), (*ENTITY, "id"), {"x": 1}),
    ("doccano", doccano_relations(), ("relations", 0, "from_id"), [1]),
    ("doccano", doccano_relations(), ("relations", 0, "from_id"), {"x": 1}),
    ("doccano", doccano_relations(), ("relations", 0, "type"), None),
    ("doccano", doccano_relations(), ("relations", 0), [1, 2]),
    ("doccano", doccano_relations(), ("relations",), "SOURCE"),
    ("labelstudio", labelstudio_tasks(), (0,), "task"),
    ("labelstudio", labelstudio_tasks(), (0, "data"), "text"),
    ("labelstudio", labelstudio_tasks(), (0, "data"), [TEXT]),
    ("labelstudio", labelstudio_tasks(), (0, "data", "text"), 5),
    ("labelstudio", labelstudio_tasks(), (0, "data", "doc_id"), {"a": 1}),
    ("labelstudio", labelstudio_tasks(), (0, "annotations"), "none"),
    ("labelstudio", labelstudio_tasks(), (0, "annotations"), {"result": []}),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result"), {"id": "c"}),
    ("labelstudio", labelstudio_tasks(), REGION, "CLAIM"),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value"), _REMOVE),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value"), [C0, C1]),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "start"), _REMOVE),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "start"), "3"),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "start"), -1),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "end"), float(C1)),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "end"), 2**70),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "labels"), "CLAIM"),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "labels"), [["CLAIM"]]),
    ("labelstudio", labelstudio_tasks(), (*REGION, "value", "labels"), [{"x": 1}]),
    ("labelstudio", labelstudio_tasks(), (*REGION, "id"), ["c"]),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result", 2, "value"), "x"),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result", 2, "value",
                                          "choices"), [["asserted"]]),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result", 2, "value",
                                          "choices"), [{"x": 1}]),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result", 3, "value",
                                          "text"), [{"x": 1}]),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result", 4, "labels"),
     "SOURCE"),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result", 4, "labels"),
     [["SOURCE"]]),
    ("labelstudio", labelstudio_tasks(), (0, "annotations", 0, "result", 4, "from_id"),
     ["c"]),
    ("brat", BRAT_ANN, (0,), "T1\tCLAIM"),
    ("brat", BRAT_ANN, (0,), f"T1\tCLAIM {C0}\t{CLAIM}"),
    ("brat", BRAT_ANN, (0,), f"T1\tCLAIM x {C1}\t{CLAIM}"),
    ("brat", BRAT_ANN, (0,), f"T1\tCLAIM -{C0} {C1}\t{CLAIM}"),
    ("brat", BRAT_ANN, (0,), f"T1\tCLAIM {C0}.0 {C1}\t{CLAIM}"),
    ("brat", BRAT_ANN, (0,), f"T1\tCLAIM {C0} {10**30}\t{CLAIM}"),
    ("brat", BRAT_ANN, (0,), f"T1\t {C0} {C1}\t{CLAIM}"),
    ("brat", BRAT_ANN, (0,), "T1"),
    ("brat", BRAT_ANN, (2,), "R1\tSOURCE"),
    ("brat", BRAT_ANN, (2,), "R1\tSOURCE Arg1:T1"),
    ("brat", BRAT_ANN, (2,), "R1\tSOURCE Arg1:T1 Arg2:T9"),
    ("brat", BRAT_ANN, (3,), "A1\tstance"),
    ("brat", BRAT_ANN, (3,), "A1\tstance T9 asserted"),
    ("brat", BRAT_ANN, (4,), "#1\tAnnotatorNotes"),
    ("brat", BRAT_ANN, (4,), "#1\tAnnotatorNotes T9\tنص"),
    ("brat", BRAT_ANN, (4,), "1\tAnnotatorNotes T1\tنص"),
]


def _label(case) -> str:
    fmt, _, path, new = case
    shown = "removed" if new is _REMOVE else repr(new)[:30]
    return f"{fmt}-{'.'.join(map(str, path))}={shown}"


@pytest.mark.parametrize("case", REFUSED, ids=[_label(c) for c in REFUSED])
def test_a_malformed_shape_is_refused_in_one_line(case, proj, tmp_path, runner):
    fmt, valid, path, new = case
    source = write_input(tmp_path, fmt, _set(valid, path, new))
    before = documents(proj)
    result = run_import(runner, proj, source, fmt)
    assert_refused_cleanly(result, proj, before, source.name)


@pytest.mark.parametrize("fmt", ["doccano", "labelstudio", "brat"])
def test_the_valid_files_the_tables_start_from_import(fmt, proj, tmp_path, runner):
    valid = {"doccano": doccano_labels(), "labelstudio": labelstudio_tasks(),
             "brat": BRAT_ANN}[fmt]
    result = run_import(runner, proj, write_input(tmp_path, fmt, valid), fmt)
    assert result.exit_code == 0, result.output
    assert documents(proj) == (1, 2, 0 if fmt == "doccano" else 1)


# -- every value replaced by one of another type ------------------------------------------------

REPLACEMENTS = [None, True, -1, 0.5, 2**64, "", "x", [], [1], {}, {"a": 1}, _REMOVE]


def _paths(value: Any, prefix: tuple = ()) -> Iterator[tuple]:
    if prefix:
        yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _mutants(valid: Any) -> Iterator[Any]:
    for path in _paths(valid):
        for new in REPLACEMENTS:
            if new is _REMOVE and not isinstance(path[-1], str):
                continue
            yield _set(valid, path, new)


@pytest.mark.parametrize(("fmt", "valid"), [("doccano", doccano_labels()),
                                            ("doccano", doccano_relations()),
                                            ("labelstudio", labelstudio_tasks())])
def test_every_value_of_another_type_imports_or_is_refused_in_one_line(fmt, valid, proj,
                                                                       tmp_path, runner):
    for number, mutant in enumerate(_mutants(valid)):
        folder = tmp_path / str(number)
        folder.mkdir()
        source = write_input(folder, fmt, mutant)
        before = documents(proj)
        result = run_import(runner, proj, source, fmt)
        try:
            assert_imported_or_refused(result, proj, before, source.name)
        except AssertionError as failure:
            raise AssertionError(f"{json.dumps(mutant, ensure_ascii=False)}: {failure}") from None


def _brat_mutants() -> Iterator[list[str]]:
    """Each .ann line cut at every field boundary, and each field replaced by junk."""
    junk = ["", "x", "-1", "1.5", "٣", str(10**30), "T9", "Arg1:", ":T1"]
    for index, line in enumerate(BRAT_ANN):
        fields = line.replace("\t", " \t ").split(" ")
        for cut in range(1, len(fields)):
            yield [*BRAT_ANN[:index], " ".join(fields[:cut]).replace(" \t ", "\t"),
                   *BRAT_ANN[index + 1:]]
        for position in range(len(fields)):
            if fields[position] == "\t":
                continue
            for value in junk:
                changed = [*fields[:position], value, *fields[position + 1:]]
                yield [*BRAT_ANN[:index], " ".join(changed).replace(" \t ", "\t"),
                       *BRAT_ANN[index + 1:]]


def test_every_brat_line_cut_short_or_spoilt_imports_or_is_refused(proj, tmp_path, runner):
    for number, ann in enumerate(_brat_mutants()):
        folder = tmp_path / str(number)
        folder.mkdir()
        source = write_input(folder, "brat", ann)
        before = documents(proj)
        result = run_import(runner, proj, source, "brat")
        try:
            assert_imported_or_refused(result, proj, before, "a.ann")
        except AssertionError as failure:
            raise AssertionError(f"{ann!r}: {failure}") from None
