"""The desk in Arabic says refusals from the core, formats and storage in Arabic too: the
template and fields they carry are looked up in the catalogue (ui.common.failures), the place
(`path:line: `) and the data (labels, offsets) kept as they are. The command line's English
is the same as before (tests/core/test_phrases.py)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from annotator.core.errors import InvariantError, translatable
from annotator.ui.common import i18n
from annotator.ui.common.failures import user_message
from tests.ui.common.message_boxes import MessageBoxes
from tests.ui.conftest import when_modal

TEXT = "قال شاهد إن صواريخ سقطت قرب المستشفى في الموصل."
ENCODING_ADVICE = "أصلحه، أو استورده من جديد مسمّيًا ترميزه الحقيقي بالأمر tawsim import --encoding"


def test_a_duplicate_span_by_the_label_key_is_refused_in_arabic(qtbot, make_project,
                                                                 open_desk):
    window = open_desk(make_project(TEXT), language="ar").window
    try:
        window.view.select_range(12, 18)
        window.actions_.labels["WEAPON"].trigger()
        window.view.select_range(12, 18)
        window.actions_.labels["WEAPON"].trigger()
        assert window.status.currentMessage() == "في هذه الطبقة من قبل مقطع WEAPON عند 12-18"
    finally:
        i18n.set_language("en")


def test_an_import_of_damaged_utf8_is_refused_in_arabic(qtbot, make_project, open_desk,
                                                         tmp_path: Path):
    broken = tmp_path / "brokenline.txt"
    damaged = bytearray("سطر أول سليم\nسطر ثانٍ فيه بايت تالف\n".encode())
    second_line = damaged.index(b"\n") + 1
    damaged[second_line + 2] = 0xFF  # inside the second line's first letter
    broken.write_bytes(bytes(damaged))
    window = open_desk(make_project(TEXT), language="ar").window
    try:
        seen = when_modal(QMessageBox, QMessageBox.accept)
        window.commands.import_paths([broken])
        assert seen, "no message box"
        assert (f"{broken}:2: الملف بترميز UTF-8 وفيه تسلسل بايتات تالف واحد، عند البايت "
                f"{second_line + 2} (العمود 2)؛ {ENCODING_ADVICE}") in seen[0]
        said = seen[0].split(f"{broken}:2: ", 1)[1]
        assert set(re.findall("[A-Za-z]+", said)) == {"UTF", "tawsim", "import", "encoding"}
        assert window.desk.document_count() == 1
    finally:
        i18n.set_language("en")


def test_opening_a_file_that_is_no_project_is_refused_in_arabic(qtbot, make_project,
                                                                  open_desk, tmp_path: Path):
    notes = tmp_path / "notes.tawsim"
    notes.write_bytes(b"plain text " * 99)
    desk = open_desk(make_project(TEXT), language="ar")
    try:
        with MessageBoxes() as boxes:
            desk.window.projectRequested.emit(str(notes))
        # The line starts with a right-to-left mark: laid out right to left, though it
        # begins with a path.
        assert boxes.seen == [("تعذّر فتح المشروع",
                               f"\u200f{notes}: ليس مشروع توسيم (الملف ليس قاعدة بيانات)")]
    finally:
        i18n.set_language("en")


def test_wrapped_refusals_and_plain_ones_in_both_languages(qtbot):
    inner = InvariantError(translatable("unknown label {label!r} (the scheme has {labels})"),
                           fields={"label": "CITY", "labels": "LOCATION, ACTOR"})
    error = InvariantError(translatable("span {number}: {problem}"),
                           fields={"number": 1, "problem": inner.said},
                           path="unknown-label.jsonl", line=2)
    plain = InvariantError("something only said in English", path="x.jsonl")
    assert user_message(error) == str(error)  # English: exactly the command line's words
    i18n.set_language("ar")
    try:
        assert user_message(error) == ("unknown-label.jsonl:2: المقطع 1: وسم غير معروف "
                                       "'CITY' (في المخطط: LOCATION, ACTOR)")
        assert user_message(plain) == "x.jsonl: something only said in English"
    finally:
        i18n.set_language("en")
