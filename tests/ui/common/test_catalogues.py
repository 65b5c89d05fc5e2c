"""The gettext catalogues of the interface: the template follows the code, every catalogue keeps
the {fields} of its strings, Arabic counts by CLDR's rule, and a catalogue dropped into the
resources folder becomes an interface language with no code changed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from string import Formatter

import pytest
from PySide6.QtCore import Qt

from annotator.core.datafiles import resource_file
from annotator.ui.common import i18n
from annotator.ui.common.plurals import documents, spans
from annotator.ui.common.settings import Settings
from tests.ui.common.catalogue_helpers import (
    form_categories,
    messages,
    messages_in_code,
    numbers_per_form,
    read_catalogue,
    shipped_catalogue,
    wrapped_in_f_strings,
)

CATALOGUES = sorted(resource_file("i18n").glob("*.po"))

FRENCH = r'''# A translator's first French catalogue, partly done.
msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "&File"
msgstr "&Fichier"

#, fuzzy
msgid "&Edit"
msgstr "&Éditer"

msgid "{count} span"
msgid_plural "{count} spans"
msgstr[0] "{count} segment"
msgstr[1] "{count} segments"
'''

PERSIAN = r'''msgid ""
msgstr ""
"Language: fa\n"
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "&File"
msgstr "&پرونده"
'''


def fields(text: str) -> set[str]:
    return {name for _text, name, _spec, _conversion in Formatter().parse(text) if name}


def test_the_template_is_up_to_date_with_the_code():
    """Run the README's `pybabel extract` after changing a wrapped string."""
    template = read_catalogue(resource_file("i18n", "tawsim.pot"))
    in_template = set(messages(template))
    in_code = messages_in_code()
    assert sorted(in_code - in_template, key=str) == []  # new strings the template lacks
    assert sorted(in_template - in_code, key=str) == []  # strings the code no longer has


def test_no_wrapped_string_hides_in_an_f_string():
    assert wrapped_in_f_strings() == set()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.name)
def test_every_translation_keeps_the_fields_of_its_string(path: Path):
    """A translation must fill in the same {fields} as the English, or the interface would
    show a raw {name} or fail with a KeyError. A counted phrase's form may say its number in
    words instead of {count} where only one number takes that form (Arabic's "مستندان")."""
    catalogue = read_catalogue(path)
    assert path.stem in i18n.available_languages(), f"{path.name}: not a language CLDR knows"
    serves = numbers_per_form(catalogue)
    for key, entry in messages(catalogue).items():
        if entry.fuzzy or not entry.string:
            continue
        if not entry.pluralizable:
            assert fields(entry.string) == fields(key), key
            continue
        wanted = fields(key[0]) | fields(key[1])
        for form, text in enumerate(entry.string):
            if not text:
                continue
            assert fields(text) <= wanted, (key, form)
            may_drop = {"count"} if serves[form] == 1 else set()
            assert wanted - may_drop <= fields(text), (key, form)


def test_arabic_counts_with_cldr_six_forms_in_order():
    catalogue = shipped_catalogue("ar")
    assert form_categories(catalogue) == ["zero", "one", "two", "few", "many", "other"]


@pytest.fixture
def dropped_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A resources folder holding the shipped catalogues and a translator's new fr.po and
    fa.po; the interface reads its catalogues from there."""
    folder = tmp_path / "i18n"
    shutil.copytree(resource_file("i18n"), folder)
    (folder / "fr.po").write_text(FRENCH, encoding="utf-8")
    (folder / "fa.po").write_text(PERSIAN, encoding="utf-8")
    monkeypatch.setattr(i18n, "catalogue_folder", lambda: folder)
    yield folder
    i18n.set_language("en")


def test_a_dropped_in_catalogue_is_a_language(dropped_in: Path, app_paths):
    assert i18n.available_languages() == ("ar", "en", "fa", "fr")
    assert i18n.SUPPORTED == ("ar", "en", "fa", "fr")
    assert [i18n.language_name(code) for code in i18n.available_languages()] == \
        ["العربية", "English", "فارسی", "Français"]
    i18n.set_language("fr")
    assert i18n.tr("&File") == "&Fichier"
    assert i18n.tr("&Edit") == "&Edit"  # fuzzy: not yet trusted, so shown in English
    assert i18n.tr("&Quit") == "&Quit"  # not translated yet
    # French counts 0 and 1 alike (the catalogue's rule), unlike English's "0 spans".
    assert [spans(n) for n in (0, 1, 2)] == ["0 segment", "1 segment", "2 segments"]
    assert documents(0) == "0 documents"  # untranslated: the English plural rule
    assert i18n.direction() == Qt.LayoutDirection.LeftToRight
    i18n.set_language("fa")
    assert i18n.tr("&File") == "&پرونده"
    assert i18n.direction() == Qt.LayoutDirection.RightToLeft  # from CLDR, not from code
    settings = Settings(app_paths)
    settings.language = "fr"
    assert settings.language == "fr"
    with pytest.raises(ValueError, match="xx"):
        i18n.set_language("xx")


def test_a_file_that_names_no_language_is_not_offered(dropped_in: Path):
    (dropped_in / "notes.po").write_text(PERSIAN, encoding="utf-8")
    assert "notes" not in i18n.available_languages()


def test_the_language_menu_lists_the_catalogues(dropped_in: Path, qtbot, make_project,
                                               open_desk):
    desk = open_desk(make_project("قال شاهد إن صواريخ سقطت."))
    actions = desk.window.actions_.language
    assert list(actions) == ["system", "ar", "en", "fa", "fr"]
    assert [action.text() for code, action in actions.items() if code != "system"] == \
        ["العربية", "English", "فارسی", "Français"]
    actions["fa"].trigger()
    window = desk.window
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.menuBar().actions()[0].text() == "&پرونده"
    assert desk.settings.language == "fa"
    window.actions_.language["fr"].trigger()
    assert desk.window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert desk.window.menuBar().actions()[0].text() == "&Fichier"
    desk.window.actions_.language["en"].trigger()  # and Qt's own dialogs back in English
