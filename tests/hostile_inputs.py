"""Inputs that once ended in a traceback or a silent loss, each as a class a test can replay.

Every class must end in one line naming the file (`path:line: what is wrong` or `path: ...`),
whatever the way in: `tawsim import`, `tawsim export`, the desk's import and open. Each
`HostileInput` writes its file into a folder and says which format to read it with and a
fragment of the message expected. `full_disk(monkeypatch)` makes every file written from then
on fail with ENOSPC, as a full disk does. Composed here; no corpus text.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.texts import SHORT
from tests.ui.common.failing_disks import full_disk as full_disk  # the one full disk the tests use

# Label Studio JSON_MIN as its converter writes it (see tests/formats/test_labelstudio_minimal).
_SPAN = {"start": SHORT.index("الموصل"), "end": SHORT.index("الموصل") + 6, "text": "الموصل",
         "labels": ["LOCATION"]}
_MINIMAL = {"text": SHORT, "id": 1, "label": [_SPAN], "annotator": "amal@example.org",
            "annotation_id": 1, "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-01T00:00:00Z", "lead_time": 2.0}
DEEP = 300  # levels: parses, then broke every writer and recursive reader


@dataclass(frozen=True)
class HostileInput:
    name: str
    make: Callable[[Path], Path]  # writes the input into a folder; returns what to import
    format: str  # "auto" or a format name
    expect: str  # a fragment of the one-line refusal


def _nested(depth: int) -> Any:
    value: Any = "قاع"
    for _ in range(depth):
        value = {"في": value}
    return value


def _write(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path
    return make


def _flipped(text: str, at: int) -> bytes:
    data = bytearray(text.encode("utf-8"))
    data[at] ^= 0x40
    return bytes(data)


def _damaged_docbin(folder: Path) -> Path:
    """A DocBin whose document lengths no longer add up to its tokens."""
    import numpy
    import spacy
    import srsly
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    bin_ = DocBin(store_user_data=True)
    for text in (SHORT, "نص آخر قصير"):
        doc = nlp.make_doc(text)
        doc.spans["sc"] = [doc[0:3]]
        bin_.add(doc)
    message = srsly.msgpack_loads(zlib.decompress(bin_.to_bytes()))
    message["lengths"] = numpy.asarray([100, 2], dtype="int32").tobytes()
    path = folder / "damaged.spacy"
    path.write_bytes(zlib.compress(srsly.msgpack_dumps(message)))
    return path


def _deep_meta(fmt: str) -> Callable[[Path], Path]:
    meta = _nested(DEEP)
    if fmt == "json":
        return _write("deep.json", json.dumps([{"text": SHORT, "meta": meta}]))
    if fmt == "jsonl":
        return _write("deep.jsonl", json.dumps({"text": SHORT, "meta": meta}) + "\n")
    if fmt == "doccano":
        return _write("deep-doccano.jsonl",
                      json.dumps({"text": SHORT, "label": [[0, 5, "ACTOR"]], "meta": meta}))
    return _write("deep-tasks.json",
                  json.dumps([{"data": {"text": SHORT, "meta": meta}, "annotations": []}]))


HOSTILE_IMPORTS: list[HostileInput] = [
    HostileInput("utf-8 text with one flipped byte", _write("flipped.txt", _flipped(SHORT, 3)),
                 "auto", "damaged byte sequence"),
    HostileInput("utf-8 text cut inside a character",
                 _write("cut.txt", SHORT.encode("utf-8")[:-1] + "ع".encode()[:1]), "auto",
                 "cut off inside its last character"),
    HostileInput("utf-8 CoNLL with one flipped byte",
                 _write("flipped.conll", _flipped("قال\tO\nالمتحدث\tB-ACTOR\n", 9)), "auto",
                 "damaged byte sequence"),
    *[HostileInput(f"JSON nested {DEEP} levels in meta ({fmt})", _deep_meta(fmt), fmt,
                   "nests more than") for fmt in ("json", "jsonl", "doccano", "labelstudio")],
    HostileInput(f"JSON nested {DEEP} levels, format told by its content",
                 _deep_meta("labelstudio"), "auto", "nests more than"),
    HostileInput("JSON nested beyond the parsers' own limits, format told by its content",
                 _write("deeper.json", "[" * 1200 + "]" * 1200), "auto", "nests more than"),
    # orjson calls this "failed to allocate memory"; the refusal says what is wrong.
    *[HostileInput(f"JSON cut off inside a thousand nested arrays ({fmt})",
                   _write(f"cut-deep.{fmt}", '{"text": "' + SHORT + '", "meta": ' + "[" * 1000
                          + "1,\n"), fmt, "nests more than") for fmt in ("json", "jsonl")],
    HostileInput("DocBin with damaged document lengths", _damaged_docbin, "auto",
                 "damaged"),
    HostileInput("Label Studio JSON_MIN read as articles",
                 _write("min.json", json.dumps([_MINIMAL], ensure_ascii=False)), "json",
                 "--format labelstudio"),
    HostileInput("a JSON array of doccano and Label Studio records mixed",
                 _write("mixed.json", json.dumps(
                     [_MINIMAL, {"text": SHORT, "label": [[0, 5, "ACTOR"]]}],
                     ensure_ascii=False)), "auto", "--format doccano"),
]
