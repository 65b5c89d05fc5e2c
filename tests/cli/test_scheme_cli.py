"""`tawsim scheme ...` and scheme files as a user meets them: a custom scheme end to end, bad
scheme files refused with what is wrong and where, changes refused with counts."""

import json
import re

import orjson
import pytest

from annotator.services.validation import record_validator
from tests.cli.cli_helpers import refused, run
from tests.dumps import dump
from tests.scheme_texts import (
    CONFLICTING,
    DENIAL,
    DENIER,
    LAUNCH_ZUMMAR,
    WITNESS_CLAIM,
    at,
    custom_scheme_data,
)


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_jsonl(path, records):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _span(words, label, span_id, occurrence=0, **extra):
    start, end = at(CONFLICTING, words, occurrence)
    return {"id": span_id, "start": start, "end": end, "label": label, "text": words, **extra}


def custom_record():
    """Annotations that need the custom scheme: an EVENT with its kind and place, a claim
    relayed by an outlet, notes and stances."""
    return {
        "id": "report-1",
        "text": CONFLICTING,
        "meta": {"title": "تضارب الروايات حول مصدر الصواريخ"},
        "layer": "amal",
        "status": "done",
        "spans": [
            _span("الإطلاق", "EVENT", "e1", attrs={"kind": "launch"}),
            _span("زمار", "LOCATION", "l1"),
            _span(LAUNCH_ZUMMAR, "CLAIM", "c1", attrs={"stance": "asserted"}),
            _span("مسؤولًا محليًا", "ACTOR", "a1"),
            _span(DENIAL, "CLAIM", "c2", attrs={"stance": "denied"}, note="نفي صريح"),
            _span(DENIER, "ACTOR", "a2"),
            _span("طائرات حربية", "WEAPON", "w1"),
            _span(WITNESS_CLAIM, "CLAIM", "c3", attrs={"stance": "reported"}),
            _span("شاهد عيان", "ACTOR", "a3"),
            _span("قناة محلية", "ACTOR", "a4", note="وسيلة ناقلة"),
            _span("انفجارها", "EVENT", "e2", attrs={"kind": "explosion"}),
        ],
        "relations": [
            {"id": "r1", "type": "SOURCE", "head": "c1", "tail": "a1"},
            {"id": "r2", "type": "SOURCE", "head": "c2", "tail": "a2"},
            {"id": "r3", "type": "SOURCE", "head": "c3", "tail": "a3"},
            {"id": "r4", "type": "RELAYED_BY", "head": "c3", "tail": "a4",
             "attrs": {"manner": "paraphrased"}},
            {"id": "r5", "type": "HAPPENED_IN", "head": "e1", "tail": "l1"},
        ],
    }


def test_a_custom_scheme_from_a_file_works_end_to_end(tmp_path):
    scheme_file = write_json(tmp_path / "conflict.json", custom_scheme_data())
    first = tmp_path / "first.tawsim"
    assert "EVENT" in run("init", first, "--scheme", scheme_file).output
    data = write_jsonl(tmp_path / "amal.jsonl", [custom_record()])
    result = run("import", first, data)
    assert "11 spans and 5 relations into layer amal" in result.output

    out = tmp_path / "out.jsonl"
    run("export", first, "-o", out, "--layer", "amal")
    (record,) = read_jsonl(out)
    assert not list(record_validator().iter_errors(record))
    spans = {s["id"]: s for s in record["spans"]}
    assert spans["e1"]["attrs"] == {"kind": "launch"} and spans["e1"]["label"] == "EVENT"
    assert spans["c2"]["note"] == "نفي صريح" and spans["c2"]["attrs"] == {"stance": "denied"}
    assert spans["a4"]["note"] == "وسيلة ناقلة"
    assert {r["id"]: r["attrs"] for r in record["relations"]}["r4"] == {"manner": "paraphrased"}
    assert sorted((r["type"], r["head"], r["tail"]) for r in record["relations"]) == [
        ("HAPPENED_IN", "e1", "l1"), ("RELAYED_BY", "c3", "a4"), ("SOURCE", "c1", "a1"),
        ("SOURCE", "c2", "a2"), ("SOURCE", "c3", "a3")]
    run("validate", out, "--project", first)
    run("validate", out, "--scheme", scheme_file)

    # The scheme travels as its own file: a new project made from it takes the export back
    # and exports it again byte for byte.
    exported_scheme = tmp_path / "exported-scheme.json"
    run("scheme", "export", first, "-o", exported_scheme)
    assert json.loads(exported_scheme.read_text("utf-8")) == \
        json.loads(run("scheme", "show", first, "--json").output)
    second = tmp_path / "second.tawsim"
    run("init", second, "--scheme", exported_scheme)
    run("import", second, out)
    again = tmp_path / "again.jsonl"
    run("export", second, "-o", again, "--layer", "amal")
    assert again.read_bytes() == out.read_bytes()

    # The default scheme knows no EVENT: the same file is refused, naming file and line.
    plain = tmp_path / "plain.tawsim"
    run("init", plain)
    line = refused("import", plain, out)
    assert "out.jsonl:1: span 2: unknown label 'EVENT'" in line


def test_a_relation_the_scheme_does_not_allow_is_refused_with_file_and_line(tmp_path):
    project = tmp_path / "p.tawsim"
    run("init", project)
    good = custom_record()
    good["spans"] = [s for s in good["spans"] if s["label"] != "EVENT"]
    good["relations"] = good["relations"][:3]
    bad = {
        "id": "report-2",
        "text": CONFLICTING + "\nوسقطت الصواريخ في الموصل.",
        "layer": "amal",
        "spans": [
            _span("الصواريخ", "WEAPON", "w9"),
            _span("الموصل", "LOCATION", "l9"),
        ],
        "relations": [{"id": "r9", "type": "SOURCE", "head": "w9", "tail": "l9"}],
    }
    before = dump(project, per_commit=False)
    line = refused("import", project, write_jsonl(tmp_path / "links.jsonl", [good, bad]))
    assert "links.jsonl:2: relation 1: a SOURCE relation goes from CLAIM to ACTOR, not from " \
           "WEAPON to LOCATION" in line
    assert dump(project, per_commit=False) == before


def _scheme_with(change):
    data = custom_scheme_data()
    change(data)
    return data


def _line_of(text, needle, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return text.count("\n", 0, start) + 1


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (lambda d: d["labels"][1].update(color="blue"), ('"blue"', 0),
         "invalid scheme at labels/1/color (label 'ACTOR'): 'blue' does not match "
         "'^#[0-9a-fA-F]{6}$' (a colour like #9fd8a4: # and six hexadecimal digits)"),
        (lambda d: d["relations"][1].update({"to": ["ACTOR", "OUTLET"]}), ('"OUTLET"', 0),
         "invalid scheme at relations/1/to/1 (relation 'RELAYED_BY'): relation RELAYED_BY to "
         "names unknown label 'OUTLET'"),
        # A clash is reported where the key is given the second time.
        (lambda d: d["labels"][4].update(hotkey="2"), ('"hotkey": "2"', 1),
         "invalid scheme at labels/4/hotkey (label 'EVENT'): hotkey '2' is given to both "
         "ACTOR and EVENT"),
        (lambda d: d["labels"][4]["attributes"][0]["values"][0].update(hotkey="s"),
         ('"hotkey": "s"', 0),
         "hotkey 's' of EVENT's kind 'launch' is already SOURCE's hotkey"),
        (lambda d: d.update(claims={"label": "CLAIM", "stance": "certainty"}),
         ('"certainty"', 0),
         "invalid scheme at claims/stance: CLAIM has no attribute 'certainty'"),
        (lambda d: d["labels"][4].update(colour="#000000"), ('"colour"', 0),
         "invalid scheme at labels/4 (label 'EVENT'): Additional properties are not allowed "
         "('colour' was unexpected)"),
        (lambda d: d["labels"].append(dict(d["labels"][0])), ('"name": "LOCATION"', 1),
         "label 'LOCATION' is defined twice"),
        (lambda d: d["labels"][0].update(name="مكان"), ('"مكان"', 0),
         "labels/0/name (label 'مكان'): 'مكان' does not match"),
    ],
)
def test_invalid_scheme_files_say_what_is_wrong_and_where(tmp_path, change, needle, message):
    data = _scheme_with(change)
    path = write_json(tmp_path / "bad.json", data)
    expected_line = _line_of(path.read_text("utf-8"), *needle)
    target = tmp_path / "new.tawsim"
    line = refused("init", target, "--scheme", path)
    assert message in line
    assert f"bad.json:{expected_line}: " in line, (line, expected_line)
    assert not target.exists()
    # Loading it into an existing project is refused the same way, changing nothing.
    project = tmp_path / "p.tawsim"
    run("init", project)
    before = dump(project, per_commit=False)
    assert message in refused("scheme", "import", project, path)
    assert dump(project, per_commit=False) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # The json module names the line of the `]` (Python < 3.13) or of the trailing
        # comma before it (3.13): either is the file and a line, as a user needs it.
        (b'{\n  "name": "x",\n  "labels": [\n    {"name": "A", "color": "#000000"},\n  ]\n}',
         re.compile(r"bad\.json:[45]: the scheme is not valid JSON")),
        (b'{"name": "x"}', "bad.json:1: invalid scheme at the top level: 'labels' is a "
                           "required property"),
        ('{"name": "x", "labels": []}'.encode("utf-16"), "bad.json: the scheme file is not "
                                                         "UTF-8 text"),
        (b'{"name": "x", "labels": [{"name": "A", "color": "#000000"}], "relations": '
         b'[{"name": "R", "from": [], "to": ["A"]}]}',
         "invalid scheme at relations/0/from (relation 'R'): [] should be non-empty"),
    ],
)
def test_broken_scheme_files(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    said = refused("init", tmp_path / "new.tawsim", "--scheme", path)
    if isinstance(message, re.Pattern):
        assert message.search(said), said
    else:
        assert message in said


@pytest.fixture
def annotated(tmp_path):
    project = tmp_path / "p.tawsim"
    run("init", project, "--scheme", write_json(tmp_path / "c.json", custom_scheme_data()))
    run("import", project, write_jsonl(tmp_path / "amal.jsonl", [custom_record()]))
    return project


def test_loading_a_scheme_into_a_project_with_renames(annotated, tmp_path):
    data = custom_scheme_data()
    data["labels"][1]["name"] = "SPEAKER"
    for relation in data["relations"]:
        relation["to"] = ["SPEAKER" if x == "ACTOR" else x for x in relation["to"]]
    stance = data["labels"][3]["attributes"][0]
    stance["values"][1]["name"] = "relayed"
    new_file = write_json(tmp_path / "renamed.json", data)
    before = dump(annotated, per_commit=False)

    line = refused("scheme", "import", annotated, new_file)
    assert "refused to load scheme 'conflict-events': it would delete 4 spans, 4 relations " \
           "and 1 attribute value (9 annotations affected, in layer amal)" in line
    assert "pass --delete to confirm" in line
    assert dump(annotated, per_commit=False) == before

    dry = run("scheme", "import", annotated, new_file, "--rename", "ACTOR=SPEAKER",
              "--rename", "stance:reported=relayed", "--dry-run")
    assert dry.output.startswith("Would change the scheme: load scheme 'conflict-events'; "
                                 "4 spans relabelled and 1 attribute value renamed")
    assert dump(annotated, per_commit=False) == before

    run("scheme", "import", annotated, new_file, "--rename", "ACTOR=SPEAKER",
        "--rename", "CLAIM.stance:reported=relayed")
    stats = json.loads(run("stats", annotated, "--json").output)
    assert stats["layers"]["amal"]["spans"]["SPEAKER"] == 4
    assert "ACTOR" not in stats["layers"]["amal"]["spans"]
    out = tmp_path / "out.jsonl"
    run("export", annotated, "-o", out, "--layer", "amal")
    (record,) = read_jsonl(out)
    assert {s["id"]: s["attrs"] for s in record["spans"]}["c3"] == {"stance": "relayed"}
    assert len(record["relations"]) == 5


@pytest.mark.parametrize(
    ("renames", "message"),
    [
        (["ACTOR"], "a rename is written OLD=NEW, not 'ACTOR'"),
        (["PERSON=SPEAKER"], "the scheme has no label or relation type 'PERSON'"),
        (["ACTOR=NOBODY"], "rename ACTOR=NOBODY: the new scheme has no label 'NOBODY'"),
        (["stance:maybe=denied"], "no label or relation type has an attribute 'stance' with "
                                  "value 'maybe'"),
    ],
)
def test_bad_renames_are_refused(annotated, tmp_path, renames, message):
    data = custom_scheme_data()
    new_file = write_json(tmp_path / "same.json", data)
    args = [x for rename in renames for x in ("--rename", rename)]
    assert message in refused("scheme", "import", annotated, new_file, *args)


def test_rename_merge_and_remove_from_the_command_line(annotated):
    before = dump(annotated, per_commit=False)
    line = refused("scheme", "remove", annotated, "EVENT")
    assert "refused to remove label EVENT: it would delete 2 spans and 1 relation (3 " \
           "annotations affected, in layer amal)" in line
    assert dump(annotated, per_commit=False) == before

    assert run("scheme", "rename", annotated, "RELAYED_BY", "PASSED_ON").output == \
        "Changed the scheme: rename relation type RELAYED_BY to PASSED_ON; 1 relation retyped\n"
    assert "1 attribute value renamed" in run("scheme", "rename", annotated, "kind:launch",
                                               "firing").output
    # Attributes of links are carried along the same way.
    assert "rename PASSED_ON's manner value paraphrased to restated; 1 attribute value " \
           "renamed" in run("scheme", "rename", annotated, "manner:paraphrased",
                            "restated").output
    assert "rename EVENT's attribute kind to type" in run("scheme", "rename", annotated,
                                                          "EVENT.kind", "type").output
    # WEAPON takes EVENT's place in HAPPENED_IN, but has no kind to keep.
    line = refused("scheme", "merge", annotated, "EVENT", "WEAPON")
    assert "it would delete 2 attribute values (2 annotations affected" in line
    merged = run("scheme", "merge", annotated, "stance:reported", "asserted")
    assert "merge CLAIM's stance value reported into asserted" in merged.output
    removed = run("scheme", "remove", annotated, "EVENT", "--delete")
    assert "deleted 2 spans and 1 relation" in removed.output

    shown = run("scheme", "show", annotated).output
    assert "PASSED_ON" in shown and "EVENT" not in shown
    assert "stance: asserted (a) 2, denied (d) 1, uncertain (u) 0" in shown
    assert "  2 ACTOR        Actor        #9cc7f0        4 spans" in shown
    assert "PASSED_ON    CLAIM -> ACTOR                 1 link\n" in shown
    arabic = run("scheme", "show", annotated, "--lang", "ar").output
    assert "فاعل" in arabic
    line = refused("scheme", "rename", annotated, "stance:nothing", "x")
    assert "CLAIM's stance has no value 'nothing'" in line
