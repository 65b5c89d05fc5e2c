"""The interface in the language the user picks, from gettext catalogues.

Strings are written in English in the code and wrapped in `tr()`; a count takes a counted phrase,
`trn("{count} span", "{count} spans", n)`. Every other language is one gettext catalogue,
resources/i18n/<code>.po, made from the template tawsim.pot (the README's "Adding an interface
language" says how). The languages offered are the catalogues present, so dropping in fa.po adds
Persian: named in its own words, laid out right to left and counted by its own plural rule, all
from the catalogue and from CLDR's data through Babel, with no code to change.

Babel reads the catalogue when a language is chosen and compiles it in memory; the standard
library's gettext then looks strings up and picks each counted phrase's form with the
catalogue's Plural-Forms rule. Entries marked fuzzy are left out, so they show in English.
Qt's own dialogs (file pickers, message boxes) get Qt's shipped translations.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.core.datafiles import resource_file

SOURCE_LANGUAGE = "en"  # the language the code is written in: it needs no catalogue

_state = {"language": SOURCE_LANGUAGE}
_translations: list[gettext.NullTranslations] = [gettext.NullTranslations()]
_qt_translators: list[QTranslator] = []


def catalogue_folder() -> Path:
    return resource_file("i18n")


@cache
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return None


def available_languages() -> tuple[str, ...]:
    """The interface languages: English and one for each catalogue whose file name is a
    language CLDR knows ("ar.po", "fa.po", "pt_BR.po")."""
    found = {path.stem for path in catalogue_folder().glob("*.po") if _locale(path.stem)}
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def __getattr__(name: str) -> object:
    # SUPPORTED was a fixed tuple; it now follows the catalogues present.
    if name == "SUPPORTED":
        return available_languages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def language_name(code: str) -> str:
    """A language's name in that language ("العربية", "English", "Français")."""
    locale = _locale(code)
    name = (locale.display_name if locale else None) or code
    return name[:1].upper() + name[1:]


def plural_category(count: int, lang: str) -> str:
    """CLDR's counting category of a whole number in a language ("zero", "one", "two", "few",
    "many" or "other"), from Babel's copy of CLDR."""
    locale = _locale(lang) or _locale(SOURCE_LANGUAGE)
    assert locale is not None
    return locale.plural_form(abs(count))


@cache
def _compiled(path: Path, modified: int) -> gettext.GNUTranslations:
    # `modified` is part of the key so that a catalogue edited while the app runs is read
    # again the next time its language is chosen.
    with path.open("rb") as file:
        catalogue = read_po(file, locale=path.stem)
    binary = io.BytesIO()
    write_mo(binary, catalogue)  # leaves out fuzzy entries
    binary.seek(0)
    return gettext.GNUTranslations(binary)


def load_catalogue(language: str) -> gettext.NullTranslations:
    """The translations of `language`; for English (with no catalogue), the strings as
    written."""
    path = catalogue_folder() / f"{language}.po"
    if not path.is_file():
        return gettext.NullTranslations()
    return _compiled(path, path.stat().st_mtime_ns)


def system_language() -> str:
    """The interface language the system's locale asks for, if there is one; else English."""
    name = QLocale.system().name()  # "ar_EG", "pt_BR", "C"
    available = available_languages()
    for candidate in (name, name.split("_")[0]):
        if candidate in available:
            return candidate
    return SOURCE_LANGUAGE


def resolve(setting: str) -> str:
    """The language a setting ("system" or a language code) stands for on this machine."""
    return system_language() if setting == "system" else setting


def set_language(language: str) -> None:
    if language not in available_languages():
        raise ValueError(f"unsupported interface language {language!r}")
    _translations[0] = load_catalogue(language)
    _state["language"] = language


def language() -> str:
    return _state["language"]


def direction() -> Qt.LayoutDirection:
    """Right to left for languages whose script runs that way (CLDR's character order)."""
    locale = _locale(language())
    rtl = locale is not None and locale.text_direction == "rtl"
    return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight


def tr(text: str, **fields: object) -> str:
    """`text` in the interface language; `{name}` fields are filled in after translating."""
    translated = _translations[0].gettext(text)
    return translated.format(**fields) if fields else translated


def trn(one: str, other: str, count: int, **fields: object) -> str:
    """A counted phrase in the interface language: `one` and `other` are the English singular
    and plural, with a `{count}` field; the catalogue gives the forms of languages that count
    otherwise, and its plural rule picks one."""
    return _translations[0].ngettext(one, other, count).format(count=count, **fields)


def apply_to_application(app: QApplication) -> None:
    """Mirror the layout for right-to-left languages and load Qt's own translations of its
    dialogs."""
    app.setLayoutDirection(direction())
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    if language() == SOURCE_LANGUAGE:
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language()}", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)
