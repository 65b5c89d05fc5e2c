"""Writing brat standoff: a folder with NAME.txt and NAME.ann per record, and the scheme's
configuration files.

A span crossing a line break is written as fragments (brat draws nothing across a line); a
line break at a span's edge is left out of it, and a span of line breaks alone is not
written, each reported. The .txt is LF text; a text that begins with U+FEFF gets a BOM before
it, and its offsets count that BOM. Two documents never share a file name (FileNames), so
the number of documents reported is the number on disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from annotator.core.errors import TawsimError
from annotator.core.filenames import name_key
from annotator.core.records import DocumentRecord
from annotator.core.text import BOM
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.brat.config import annotation_conf, visual_conf
from annotator.formats.brat.parser import NOTES
from annotator.formats.common import Tally, file_stem, line_fragments, one_line, span_issue
from annotator.formats.files import atomic_folder

MAX_NAME_BYTES = 200  # file systems allow 255 bytes for a name; ".ann" and room to spare


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    report = WriteReport(files=[str(out)])
    tally = Tally()
    with atomic_folder(out) as folder:
        if options.scheme is not None:
            (folder / "annotation.conf").write_text(annotation_conf(options.scheme), "utf-8")
            (folder / "visual.conf").write_text(visual_conf(options.scheme), "utf-8")
        names = FileNames(folder, tally)
        for record in records:
            # A text that begins with U+FEFF gets a BOM before it, or a reader would take that
            # character for the BOM; brat counts the BOM, so the offsets move by one.
            bom = BOM if record.text.startswith(BOM) else ""
            names.write(record, {".txt": bom + record.text,
                                 ".ann": ann_text(record, report, tally, len(bom))})
            report.documents += 1
    tally.report_to(report)
    return report


class FileNames:
    """One pair of file names per document, never another document's, whatever the file
    system: names are compared after shortening, %-encoding, case folding and Unicode
    normalisation (a folder copied to Windows or macOS must not merge two documents), and
    each file is created exclusively, so nothing is ever overwritten."""

    def __init__(self, folder: Path, tally: Tally) -> None:
        self.folder = folder
        self.tally = tally
        self.layers: dict[str, str | None] = {}  # document id -> the layer written for it
        self.taken: set[str] = set()  # names as a case-insensitive file system sees them

    def write(self, record: DocumentRecord, contents: dict[str, str]) -> None:
        if record.id is not None:
            if record.id in self.layers:
                raise TawsimError(f"document {record.id} has annotations in layers "
                                  f"{self.layers[record.id]} and {record.layer}; brat keeps "
                                  "one .ann per document: export one layer (--layer NAME)")
            self.layers[record.id] = record.layer
        stem = self._stem(record)
        for attempt in range(1, 1000):
            if attempt > 1:
                stem = self._other(record, stem, attempt)
            if name_key(stem) in self.taken:
                continue
            try:
                _create_all(self.folder, stem, contents)
            except FileExistsError:
                continue
            self.taken.add(name_key(stem))
            if attempt > 1:
                self.tally.add("{n} document{s} written under another file name, the "
                               "name having collided with another document's once "
                               "shortened, encoded or case-folded (the id does not come "
                               "back from the name)")
            return
        raise TawsimError(f"no free file name for document {record.id}", path=str(self.folder))

    def _stem(self, record: DocumentRecord) -> str:
        stem = file_stem(record.id or f"document-{len(self.taken) + 1}")
        if len(stem.encode("utf-8")) > MAX_NAME_BYTES:
            stem = stem[:40] + "~" + _digest(record.id or "")
            self.tally.add("{n} document id{s} too long for a file name written under a "
                           "shortened name (the id does not come back from the name)")
        return stem

    @staticmethod
    def _other(record: DocumentRecord, stem: str, attempt: int) -> str:
        base = stem[:40] if len(stem.encode("utf-8")) > MAX_NAME_BYTES - 24 else stem
        return f"{base.split('~')[0]}~{_digest(record.id or '')}~{attempt}"


def _digest(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _create_all(folder: Path, stem: str, contents: dict[str, str]) -> None:
    """Create every file of a document, or none: a name already on disk is not reused."""
    made: list[Path] = []
    try:
        for suffix, text in contents.items():
            path = folder / f"{stem}{suffix}"
            with open(path, "x", encoding="utf-8", newline="") as handle:
                made.append(path)
                handle.write(text)
    except FileExistsError:
        for path in made:
            path.unlink()
        raise


def ann_text(record: DocumentRecord, report: WriteReport, tally: Tally, shift: int = 0) -> str:
    """The .ann lines of a record; `shift` is added to every offset (1 after a BOM)."""
    text = record.text
    lines: list[str] = []
    t_ids: dict[str, str] = {}
    written: dict[tuple, str] = {}  # (fragments, label) -> T id
    attributes = notes = 0
    for span in record.spans:
        pieces = line_fragments(text, span.start, span.end)
        if (tuple(pieces), span.label) in written:
            # Only possible once a line break at an edge is left out: the same span twice.
            t_ids[span.id or ""] = written[(tuple(pieces), span.label)]
            report.note(span_issue(record, span, "is another span of the same "
                                            "label once its edge line break is left out",
                                            "written once"))
            tally.add("{n} span{s} identical to another without an edge line break written "
                      "once (see the report)")
            continue
        if not pieces:
            report.note(span_issue(record, span, "covers only line breaks",
                                            "not written"))
            tally.add("{n} span{s} covering only line breaks not written (see the report)")
            continue
        if pieces[0][0] != span.start or pieces[-1][1] != span.end:
            report.note(span_issue(
                record, span, "begins or ends with a line break, which brat cannot mark",
                f"written as {pieces[0][0]}-{pieces[-1][1]}, without the line break"))
            tally.add("{n} span{s} beginning or ending with a line break written without it "
                      "(see the report)")
        if len(pieces) > 1:
            tally.add("{n} span{s} crossing a line break written as brat fragments")
        t_id = f"T{len(written) + 1}"
        t_ids[span.id or ""] = t_id
        written[(tuple(pieces), span.label)] = t_id
        where = ";".join(f"{start + shift} {end + shift}" for start, end in pieces)
        covered = " ".join(text[start:end] for start, end in pieces)
        lines.append(f"{t_id}\t{span.label} {where}\t{covered}")
        report.spans += 1
        for name, value in span.attrs.items():
            if value is None:
                continue
            attributes += 1
            lines.append(f"A{attributes}\t{name} {t_id} {value}")
        if span.note:
            notes += 1
            note = one_line(span.note)
            if note != span.note:
                tally.add("{n} note{s} with line breaks written on one line")
            lines.append(f"#{notes}\t{NOTES} {t_id}\t{note}")
    for number, relation in enumerate(record.relations, start=1):
        head, tail = t_ids.get(relation.head), t_ids.get(relation.tail)
        if head is None or tail is None:
            tally.add("{n} relation{s} to a span brat could not mark not written")
            continue
        lines.append(f"R{number}\t{relation.type} Arg1:{head} Arg2:{tail}")
        report.relations += 1
        for name in relation.attrs:
            tally.add(f"{{n}} {name} value{{s}} on {relation.type} relations not written: "
                      "brat attributes belong to spans")
    return "".join(line + "\n" for line in lines)
