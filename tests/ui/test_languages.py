"""The interface in Arabic and English: a complete catalogue, a mirrored layout."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

import annotator.ui
from annotator.core.datafiles import resource_file
from annotator.ui.common import i18n


def strings_in_code() -> tuple[set[str], set[str]]:
    """Every literal passed to tr() in the ui package, and the plurals passed to trn()
    (the catalogue's key for a counted phrase)."""
    found: set[str] = set()
    counted: set[str] = set()
    for path in Path(annotator.ui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name == "tr" and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
            if name == "trn" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                counted.add(node.args[1].value)
    return found, counted


def test_the_arabic_catalogue_translates_every_string_and_nothing_else():
    catalogue = json.loads(resource_file("i18n", "ar.json").read_text("utf-8"))
    keys = {k for k in catalogue if not k.startswith("@")}
    plain, counted = strings_in_code()
    assert sorted((plain | counted) - keys) == []  # missing translations
    assert sorted(keys - plain - counted) == []  # translations nothing uses
    for key in keys:
        value = catalogue[key]
        if key in counted:  # every Arabic counting form, each with the count or a number word
            assert set(value) == {"zero", "one", "two", "few", "many", "other"}, key
            assert all("{count}" in value[form] for form in ("few", "many", "other")), key
            continue
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
