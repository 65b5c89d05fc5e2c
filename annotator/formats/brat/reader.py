"""Reading brat standoff: a .ann file, or a folder of them, each beside its .txt.

A bad document is yielded as a BadRecord naming its file and line; the others still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, Origin
from annotator.core.text import BOM, decode_source
from annotator.core.utf8_damage import place_of
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.brat.offsets import file_characters
from annotator.formats.brat.parser import AnnParser
from annotator.formats.common import ReadNotes, id_from_stem
from annotator.formats.files import (
    display_name,
    display_path,
    name_is_text,
    numbered_lines,
    read_bytes,
)


def sniff(path: Path) -> bool:
    if path.is_dir():
        return next(path.rglob("*.ann"), None) is not None
    return path.suffix.lower() == ".ann"


def read(path: Path, options: ReadOptions) -> Iterator[ReadItem]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.ann") if p.is_file())
        if not files:
            raise TawsimError("the folder holds no brat .ann files", path=str(path))
    else:
        files = [path]
    notes = ReadNotes()
    for ann in files:
        try:
            yield read_document(ann, options, notes)
        except TawsimError as error:
            yield BadRecord(Origin(error.path or str(ann), error.line),
                            error.located(str(ann)))
    notes.report_to(options, str(path))


def read_document(ann: Path, options: ReadOptions, notes: ReadNotes) -> DocumentRecord:
    txt = ann.with_suffix(".txt")
    if not txt.is_file():
        raise TawsimError(f"no {txt.name} beside the .ann file", path=str(ann))
    data = read_bytes(txt)
    options.advance(len(data))
    decoded = decode_source(data, source=str(txt), encoding=options.encoding)
    raw = read_bytes(ann)
    options.advance(len(raw))
    try:
        content = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line, column = place_of(raw, exc.start)
        raise TawsimError(f"the .ann file is not UTF-8 (bad byte at byte {exc.start}, column "
                          f"{column})", path=str(ann), line=line) from None
    parser = AnnParser(options)
    for number, line in numbered_lines(content):
        if not line.strip():
            continue
        try:
            parser.take(line, number)
        except TawsimError as error:
            raise error.located(str(ann), number) from None
    text = file_characters(data, decoded.encoding)
    parser.place(text, str(ann), notes)
    parser.finish(str(ann), notes)
    return DocumentRecord(
        text=text.removeprefix(BOM),
        id=id_from_stem(ann.stem) if name_is_text(ann.stem) else None,
        meta={"filename": display_name(txt)}, spans=list(parser.spans.values()),
        relations=parser.relations, source=display_path(txt),
        source_sha256=decoded.source_sha256, encoding=decoded.encoding,
        origin=Origin(display_path(ann)),
    )
