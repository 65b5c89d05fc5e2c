"""The built-in guidelines come from the scheme, in Arabic and English."""

import pytest

from annotator.core.errors import SchemeError
from annotator.core.scheme import default_scheme, scheme_from_dict
from annotator.core.scheme_edits import EditLabel
from annotator.services.guidelines import (
    guide_html,
    interface_language,
    scheme_guide,
    tooltip,
)
from tests.scheme_texts import custom_scheme_data


def test_every_label_attribute_value_and_relation_has_both_languages():
    scheme = default_scheme()
    for language in ("ar", "en"):
        guide = scheme_guide(scheme, language)
        entries = list(guide.entries())
        assert [e.key for e in entries if e.kind != "value"] == [
            "LOCATION", "ACTOR", "WEAPON", "CLAIM", "CLAIM.stance", "SOURCE"]
        assert len([e for e in entries if e.kind == "value"]) == 4
        for entry in entries:
            assert entry.title and entry.definition, entry.key
            assert entry.example, entry.key  # every one has an Arabic example
            assert any("\u0600" <= ch <= "\u06ff" for ch in entry.example), entry.key
        assert len(guide.rules) == 4
    assert scheme_guide(scheme, "ar").direction == "rtl"
    assert scheme_guide(scheme, "en").entry("CLAIM.stance:denied").title == "Denied"
    assert scheme_guide(scheme, "ar").entry("CLAIM.stance:denied").title == "منفي"


def test_tooltips():
    scheme = default_scheme()
    assert tooltip(scheme, "SOURCE", "ar").splitlines()[:2] == ["مصدر — المفتاح s",
                                                               "من ادعاء إلى فاعل"]
    english = tooltip(scheme, "CLAIM.stance:uncertain", "en").splitlines()
    assert english[0] == "Uncertain — key u"
    assert english[1] == "Hedged, doubted or not yet confirmed."
    assert english[2].startswith("Example: يُرجَّح")
    with pytest.raises(SchemeError, match="nothing called 'PERSON'"):
        tooltip(scheme, "PERSON")


def test_missing_translations_fall_back_to_english_then_the_name():
    scheme = scheme_from_dict(custom_scheme_data())
    edit = EditLabel("EVENT", {"names": {"ar": ""}, "description": {"ar": ""}}).edit(scheme)
    scheme = scheme_from_dict(edit.data)
    event = scheme_guide(scheme, "ar").entry("EVENT")
    assert (event.title, event.definition) == ("Event", "Something that happened: a launch, "
                                                        "a strike, an explosion.")
    assert scheme_guide(scheme, "ar").entry("HAPPENED_IN").title == "HAPPENED_IN"
    assert scheme_guide(scheme, "ar").entry("HAPPENED_IN").connects == "من Event إلى مكان"
    assert scheme_guide(scheme, "ar").entry("EVENT.kind:launch").title == "launch"


@pytest.mark.parametrize(("given", "expected"),
                         [("ar_IQ", "ar"), ("en-GB", "en"), ("fr", "en"), (None, "en"),
                          ("AR", "ar")])
def test_interface_language(given, expected):
    assert interface_language(given) == expected


def test_the_help_page_is_escaped_and_right_to_left_in_arabic():
    data = custom_scheme_data()
    data["labels"][4]["description"]["ar"] = "حدث <وقع> فعلًا & انتهى"
    page = guide_html(scheme_from_dict(data), "ar")
    assert page.startswith('<div dir="rtl">')
    assert "حدث &lt;وقع&gt; فعلًا &amp; انتهى" in page
    assert "<kbd>5</kbd>" in page and "قواعد عامة" in page
    assert guide_html(default_scheme(), "en").startswith('<div dir="ltr">')
