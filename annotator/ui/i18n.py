"""The interface in Arabic or English.

Strings are written in English in the code and wrapped in `tr()`; the Arabic catalogue is a
JSON file the project writes (resources/i18n/ar.json), so no Qt tool is needed to build it.
Qt's own dialogs (file pickers, message boxes) get Qt's shipped Arabic translations.
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.core.datafiles import resource_file

SUPPORTED = ("ar", "en")

_state = {"language": "en"}
_catalogue: dict[str, str] = {}
_qt_translators: list[QTranslator] = []


@cache
def load_catalogue(language: str) -> dict[str, str]:
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
    return translated.format(**fields) if fields else translated


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
