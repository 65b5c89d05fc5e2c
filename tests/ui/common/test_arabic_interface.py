"""Every string the desk shows in Arabic comes from the catalogue: walking the real window,
its menus, panels and dialogs, no text is left in English.

Latin letters may remain only where they are not interface words: key names (Ctrl+F, Esc,
F3), the layer's and the annotator's names, file paths, a language's own name, the names of
formats and tools (brat, CoNLL, spaCy), placeholders the user types as written, and markup.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from annotator.ui.common import i18n
from annotator.ui.common.plain import message_box
from annotator.ui.export.dialog import ExportDialog
from tests.scheme_texts import CONFLICTING

WORD = re.compile(r"[A-Za-z]{2,}")
MARKUP = re.compile(r"<[^>]*>|&[a-z]+;")
KEYS = re.compile(r"\b(Ctrl|Shift|Alt|Esc|Enter|Tab|Del|Backspace|PgUp|PgDown|F\d+)\b")
# Format and tool names, file endings, and what the user types literally (NAME=SHARE).
TERMS = re.compile(r"\b(jsonl|JSON Lines|JSON|doccano|Label Studio|labelstudio|spaCy|spacy|"
                   r"DocBin|docbin|brat|CoNLL|conll|BIO|txt|ann|NAME=SHARE|Apache Parquet|"
                   r"Parquet|parquet|DuckDB|Spark|Polars|Hugging Face datasets|pyarrow|"
                   r"zstd|snappy)\b")


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) for every piece of text a user can see or hover in `root`."""
    found: list[tuple[str, str]] = []
    for menu in root.findChildren(QMenu):
        found.append(("menu", menu.title()))
        for action in menu.actions():
            found += [("action", action.text()), ("action tip", action.toolTip())]
    for widget in root.findChildren(QWidget):
        found.append(("tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            found.append(("label", widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append(("button", widget.text()))
        elif isinstance(widget, QDockWidget):
            found.append(("panel", widget.windowTitle()))
        elif isinstance(widget, QLineEdit):
            found.append(("field hint", widget.placeholderText()))
        elif isinstance(widget, QGroupBox):
            found.append(("group", widget.title()))
        elif isinstance(widget, QComboBox):
            found += [("choice", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            found += [("column", str(widget.model().headerData(
                column, Qt.Orientation.Horizontal) or ""))
                for column in range(widget.horizontalHeader().count())]
    return [(what, text) for what, text in found if text]


def english_left(texts: list[tuple[str, str]], names: set[str]) -> list[str]:
    left = []
    for what, text in texts:
        plain = TERMS.sub("", KEYS.sub("", MARKUP.sub("", text)))
        for name in sorted(names, key=len, reverse=True):
            plain = plain.replace(name, "")
        if WORD.search(plain):
            left.append(f"{what}: {text!r}")
    return left


def test_the_arabic_desk_shows_no_english(qtbot, make_project, open_desk, tmp_path: Path):
    project = make_project(CONFLICTING)
    window = open_desk(project, language="ar").window
    try:
        desk = window.desk
        names = {desk.layer, desk.annotator, "gold", str(project), *(
            i18n.language_name(code) for code in i18n.available_languages())}
        window.comparison_desk.dock.show()
        window.scheme_desk.show_help()
        dialogs: list[QWidget] = [window.scheme_desk.edit(),
                                  ExportDialog(window, desk, tmp_path, "dataset")]
        texts = shown_texts(window)
        for dialog in dialogs:
            texts += [("dialog title", dialog.windowTitle()), *shown_texts(dialog)]
        assert len(texts) > 300  # the walk reached the menus, panels and dialogs
        assert english_left(texts, names) == []
        for dialog in dialogs:
            dialog.close()
    finally:
        i18n.set_language("en")


def test_the_walk_finds_an_untranslated_string(qtbot, make_project, open_desk):
    window = open_desk(make_project(CONFLICTING), language="ar").window
    try:
        window.documents.search.setPlaceholderText("Filter the documents")
        assert english_left(shown_texts(window), set()) != []
    finally:
        i18n.set_language("en")


def test_a_message_box_lays_its_lines_out_right_to_left(qapp):
    """A line that begins with a file name ("amal.tawsim: 4 مستندات") is still a right-to-left
    paragraph in the Arabic interface: the file name at its right end, where it begins."""
    text = "\u2068amal.tawsim\u2069: 4 مستندات\n\u2068basel.tawsim\u2069: 1 مستند"
    try:
        i18n.set_language("ar")
        lines = message_box(None, QMessageBox.Icon.Information, "دمج", text).text().split("\n")
        for line in lines:
            layout = QTextLayout(line, QFont())
            layout.beginLayout()
            row = layout.createLine()
            row.setLineWidth(10_000)
            layout.endLayout()
            name_at = row.cursorToX(line.index("tawsim"))[0]
            arabic_at = row.cursorToX(line.index("مستند"))[0]
            assert name_at > arabic_at  # the name is right of the Arabic: read first
    finally:
        i18n.set_language("en")
    assert message_box(None, QMessageBox.Icon.Information, "Merge", text).text() == text
