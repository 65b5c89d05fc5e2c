"""The interface in Arabic or English.

Strings are written in English in the code and wrapped in `tr()`; the Arabic catalogue is a
JSON file the project writes (resources/i18n/ar.json), so no Qt tool is needed to build it.
Qt's own dialogs (file pickers, message boxes) get Qt's shipped Arabic translations.

A count takes a counted phrase, `trn("{count} span", "{count} spans", n)`: English picks the
singular or the plural; the Arabic catalogue gives the phrase for each of Arabic's counting
forms (zero, one, two, few, many, other), keyed by the English plural.
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.core.datafiles import resource_file

SUPPORTED = ("ar", "en")

_state = {"language": "en"}
_catalogue: dict[str, str | dict[str, str]] = {}
_qt_translators: list[QTranslator] = []


@cache
def load_catalogue(language: str) -> dict[str, str | dict[str, str]]:
    if language == "en":
        return {}
    path = resource_file("i18n", f"{language}.json")
    data = json.loads(path.read_text("utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("@")}


def system_language() -> str:
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def resolve(setting: str) -> str:
    """The language a setting ("system", "ar" or "en") stands for on this machine."""
    return system_language() if setting == "system" else setting


def set_language(language: str) -> None:
    if language not in SUPPORTED:
        raise ValueError(f"unsupported interface language {language!r}")
    _state["language"] = language
    _catalogue.clear()
    _catalogue.update(load_catalogue(language))


def language() -> str:
    return _state["language"]


def direction() -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if language() == "ar" else Qt.LayoutDirection.LeftToRight


def tr(text: str, **fields: object) -> str:
    """`text` in the interface language; `{name}` fields are filled in after translating."""
    translated = _catalogue.get(text, text)
    if not isinstance(translated, str):  # a counted phrase asked for without a count
        translated = text
    return translated.format(**fields) if fields else translated


def plural_category(count: int, lang: str) -> str:
    """The counting form a whole number takes: CLDR's categories for English and Arabic."""
    count = abs(count)
    if lang != "ar":
        return "one" if count == 1 else "other"
    if count in (0, 1, 2):
        return ("zero", "one", "two")[count]
    rest = count % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


def trn(one: str, other: str, count: int, **fields: object) -> str:
    """A counted phrase in the interface language: `one` and `other` are the English singular
    and plural, with a `{count}` field; the catalogue's entry for `other` holds the forms of
    languages that count otherwise."""
    forms = _catalogue.get(other)
    if isinstance(forms, dict):
        category = plural_category(count, language())
        template = forms.get(category) or forms["other"]
    else:
        template = one if plural_category(count, "en") == "one" else other
    return template.format(count=count, **fields)


def apply_to_application(app: QApplication) -> None:
    """Mirror the layout for Arabic and load Qt's own translations of its dialogs."""
    app.setLayoutDirection(direction())
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    if language() == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language()}", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)
