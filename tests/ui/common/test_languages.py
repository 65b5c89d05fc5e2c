"""The interface in Arabic and English: a complete catalogue, a mirrored layout."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt

from annotator.ui.common import i18n
from tests.ui.common.catalogue_helpers import (
    form_categories,
    messages,
    messages_in_code,
    shipped_catalogue,
)


def test_the_arabic_catalogue_translates_every_string_and_nothing_else():
    catalogue = shipped_catalogue("ar")
    entries = messages(catalogue)
    in_code = messages_in_code()
    assert sorted(in_code - entries.keys(), key=str) == []  # missing translations
    assert sorted(entries.keys() - in_code, key=str) == []  # translations nothing uses
    categories = form_categories(catalogue)
    for key, entry in entries.items():
        assert not entry.fuzzy, key
        if entry.pluralizable:  # every Arabic counting form, each with the count or a number word
            forms = dict(zip(categories, entry.string, strict=True))
            assert set(forms) == {"zero", "one", "two", "few", "many", "other"}, key
            assert all(form.strip() for form in forms.values()), key
            assert all("{count}" in forms[form] for form in ("few", "many", "other")), key
            continue
        value = entry.string
        assert isinstance(value, str), key
        for field in ("{", "}"):
            assert key.count(field) == value.count(field), key
        assert value.strip() and value != key


def test_the_arabic_interface_is_mirrored_and_translated(qtbot, make_project, open_desk):
    window = open_desk(make_project("قال شاهد إن صواريخ سقطت."), language="ar").window
    try:
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus[0] == i18n.tr("&File") != "&File"
        assert window.actions_.labels["LOCATION"].iconText() == "1  مكان"
        assert window.documents.search.placeholderText() == i18n.tr("Filter by title or text")
        # The documents dock sits on the leading side: the right, in Arabic.
        assert window.documents_dock.x() > window.spans_dock.x()
    finally:
        i18n.set_language("en")


def test_a_setting_switches_the_language(qtbot, make_project, open_desk):
    desk = open_desk(make_project("قال شاهد إن صواريخ سقطت.", "نفت الوزارة ذلك."))
    first = desk.window
    first.open_document(first.documents.model.doc_id(1))
    doc = first.doc_id
    try:
        first.actions_.language["ar"].trigger()
        window = desk.window
        assert window is not first
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.doc_id == doc  # the same document stays open
        assert desk.settings.language == "ar"
        window.actions_.language["en"].trigger()
        assert desk.window.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert desk.window.actions_.labels["ACTOR"].iconText() == "2  Actor"
    finally:
        i18n.set_language("en")


def test_the_interface_follows_the_system_locale():
    """Run in a fresh process, since Qt reads the locale once."""
    script = ("from PySide6.QtWidgets import QApplication; app = QApplication([]); "
              "from annotator.ui.common import i18n; print(i18n.resolve('system'))")
    found = {}
    for lang in ("ar_EG.UTF-8", "en_GB.UTF-8"):
        env = {**os.environ, "LANG": lang, "LC_ALL": lang, "QT_QPA_PLATFORM": "offscreen"}
        result = subprocess.run([sys.executable, "-c", script], env=env, text=True,
                                capture_output=True, timeout=60, check=True)
        found[lang] = result.stdout.strip()
    assert found == {"ar_EG.UTF-8": "ar", "en_GB.UTF-8": "en"}
