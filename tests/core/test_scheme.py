import copy
import json

import pytest

from annotator.core.errors import SchemeError
from annotator.core.scheme import default_scheme, load_scheme, scheme_from_dict


def test_default_scheme_has_the_four_labels_source_and_stance():
    scheme = default_scheme()
    assert scheme.label_names == ("LOCATION", "ACTOR", "WEAPON", "CLAIM")
    assert [label.hotkey for label in scheme.labels] == ["1", "2", "3", "4"]
    for label in scheme.labels:
        assert label.names["ar"] and label.names["en"]
        assert label.description["ar"] and label.description["en"]
    assert scheme.label("CLAIM").style == "underline"
    assert scheme.label("LOCATION").proclitics == "trim"
    assert scheme.label("CLAIM").proclitics == "keep"
    stance = scheme.label("CLAIM").attribute("stance")
    assert stance.value_names == ("asserted", "reported", "denied", "uncertain")
    source = scheme.relation("SOURCE")
    assert source.heads == ("CLAIM",) and source.tails == ("ACTOR",)


def test_relations_and_attributes_are_enforced():
    scheme = default_scheme()
    scheme.check_relation("SOURCE", "CLAIM", "ACTOR", {})
    with pytest.raises(SchemeError, match="not from WEAPON to LOCATION"):
        scheme.check_relation("SOURCE", "WEAPON", "LOCATION", {})
    with pytest.raises(SchemeError, match="unknown label 'PERSON'"):
        scheme.check_span_label("PERSON", {})
    with pytest.raises(SchemeError, match="'maybe' is not a value of CLAIM's stance"):
        scheme.check_span_label("CLAIM", {"stance": "maybe"})
    with pytest.raises(SchemeError, match="LOCATION has no attribute 'stance'"):
        scheme.check_span_label("LOCATION", {"stance": "denied"})


def _default_data():
    return copy.deepcopy(default_scheme().to_dict())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["labels"].append(dict(d["labels"][0])), "label 'LOCATION' is defined twice"),
        (lambda d: d["labels"][1].update(hotkey="1"),
         "hotkey '1' is given to both LOCATION and ACTOR"),
        (lambda d: d["relations"][0].update({"to": ["PERSON"]}), "unknown label 'PERSON'"),
        (lambda d: d["labels"][0].update(color="green"), "labels/0/color"),
        (lambda d: d.pop("labels"), "'labels' is a required property"),
        (lambda d: d["labels"][3]["attributes"][0].update(default="maybe"), "default 'maybe'"),
        (lambda d: d["labels"][0].update(name="has space"), "labels/0/name"),
    ],
)
def test_invalid_schemes_say_what_is_wrong(change, message):
    data = _default_data()
    change(data)
    with pytest.raises(SchemeError) as error:
        scheme_from_dict(data, origin="bad.json")
    assert message in str(error.value)
    assert str(error.value).startswith("bad.json: invalid scheme")


def test_scheme_files_with_broken_json_name_file_and_line(tmp_path):
    path = tmp_path / "scheme.json"
    path.write_text('{\n  "name": "x",\n  "labels": [,]\n}', encoding="utf-8")
    with pytest.raises(SchemeError, match=r"scheme\.json:3: the scheme is not valid JSON"):
        load_scheme(path)


def test_a_custom_scheme_loads(tmp_path):
    data = {
        "name": "custom",
        "labels": [
            {"name": "PERSON", "color": "#123456", "hotkey": "1"},
            {"name": "ORG", "color": "#654321", "hotkey": "2"},
        ],
        "relations": [{"name": "MEMBER_OF", "from": ["PERSON"], "to": ["ORG"]}],
    }
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    scheme = load_scheme(path)
    assert scheme.label_names == ("PERSON", "ORG")
    scheme.check_relation("MEMBER_OF", "PERSON", "ORG", {})
