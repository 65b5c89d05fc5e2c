"""Each class of hostile input, imported through the desk (File › Import): exactly one
message box naming the file (and the line), no exception, and the project as it was.

A small catalogue of its own (the classes the desk met first), then the formats' own
catalogue (tests/hostile_inputs.py) replayed through the desk.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile_inputs import HOSTILE_IMPORTS, HostileInput
from tests.ui.common.message_boxes import MessageBoxes
from tests.ui.common.project_state import project_state

TEXT = "قال شاهد إن صواريخ سقطت قرب المستشفى في الموصل."


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _nested(depth: int) -> str:
    """JSON nested `depth` arrays deep (written out: the json module would recurse)."""
    return "[" * depth + '"قاع"' + "]" * depth


@dataclass(frozen=True)
class Hostile:
    name: str
    file: str
    content: Callable[[], bytes]
    where: str  # how the message starts after the folder: the file's name, and its line


def _damaged_utf8() -> bytes:
    data = bytearray(_line({"id": "n1", "text": TEXT}).encode("utf-8"))
    data[data.index("شاهد".encode()) + 1] = 0xFF  # in the middle of a letter
    return bytes(data)


def _damaged_project() -> bytes:
    return b"SQLite format 3\x00" + bytes(range(256)) * 64


HOSTILE = [
    Hostile("damaged UTF-8", "damaged.jsonl", _damaged_utf8, "damaged.jsonl:1: "),
    Hostile("JSON nested 5000 deep", "deep.jsonl",
            lambda: (_line({"id": "n1", "text": TEXT})
                     + _line({"id": "n2", "text": TEXT, "meta": None}).replace(
                         "null", _nested(5000))).encode(), "deep.jsonl:2: "),
    Hostile("JSON nested 5000 deep, a whole file", "deep.json",
            lambda: _nested(5000).encode(), "deep.json:"),
    Hostile("an offset past the text", "past.jsonl",
            lambda: _line({"id": "n1", "text": TEXT, "spans": [
                {"start": 12, "end": len(TEXT) + 5, "label": "WEAPON"}]}).encode(),
            "past.jsonl:1: "),
    Hostile("an unknown label", "unknown.jsonl",
            lambda: _line({"id": "n1", "text": TEXT, "spans": [
                {"start": 12, "end": 18, "label": "MISSILE"}]}).encode(),
            "unknown.jsonl:1: "),
    Hostile("a damaged project file", "damaged.tawsim", _damaged_project, "damaged.tawsim: "),
    Hostile("a broken JSONL line", "broken.jsonl",
            lambda: (_line({"id": "n1", "text": TEXT}) + '{"id": "n2", "text": "نص\n'
                     + _line({"id": "n3", "text": TEXT})).encode(), "broken.jsonl:2: "),
    Hostile("a file gone before the import", "gone.jsonl", lambda: b"", "gone.jsonl: "),
]


@pytest.fixture
def desk(qtbot, make_project, open_desk):
    desk = open_desk(make_project(TEXT, "خبر ثان."))
    window = desk.window
    window.view.select_range(12, 18)
    window.actions_.labels["WEAPON"].trigger()
    return desk


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda hostile: hostile.name)
def test_a_hostile_input_is_one_message_and_changes_nothing(qtbot, desk, hostile: Hostile,
                                                            tmp_path):
    window = desk.window
    folder = tmp_path / "incoming"
    folder.mkdir()
    path = folder / hostile.file
    path.write_bytes(hostile.content())
    if hostile.file.startswith("gone"):
        path.unlink()
    project = Path(desk.current.path)
    before = project_state(project)
    with MessageBoxes() as boxes:
        window.commands.import_paths([path])
    assert len(boxes.seen) == 1, boxes.seen
    title, text = boxes.seen[0]
    assert title == "Import failed"
    first, _blank, message = text.split("\n", 2)
    assert first == "Nothing was imported."
    assert message.startswith(f"{folder}/{hostile.where}"), message
    assert "\n" not in message  # one line
    assert project_state(project) == before
    assert window.documents.model.rowCount() == 2
    assert window.desk.document_count() == 2


@pytest.mark.parametrize("hostile", [h for h in HOSTILE_IMPORTS if h.format == "auto"],
                         ids=lambda hostile: hostile.name)
def test_the_formats_catalogue_through_the_desk(qtbot, desk, hostile: HostileInput, tmp_path):
    """The formats' catalogue of hostile inputs (those File › Import reads as it reads
    everything, telling the format from the file): one box each, naming the file."""
    if "DocBin" in hostile.name:
        pytest.importorskip("spacy")  # making a damaged DocBin needs spaCy itself
    folder = tmp_path / "incoming"
    folder.mkdir()
    path = hostile.make(folder)
    project = Path(desk.current.path)
    before = project_state(project)
    with MessageBoxes() as boxes:
        desk.window.commands.import_paths([path])
    assert [title for title, _text in boxes.seen] == ["Import failed"]
    message = boxes.texts[0].split("\n", 2)[2]
    assert message.startswith(f"{path}") and hostile.expect in message, message
    assert "\n" not in message
    assert project_state(project) == before
