"""Writing spaCy DocBin: one .spacy file, built in memory, or a folder of .spacy shards
written in constant memory."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.records import DocumentRecord
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import Tally, whole_number
from annotator.formats.docbin.builder import DocBuilder
from annotator.formats.docbin.layout import ATTRS, load_spacy
from annotator.formats.files import atomic_folder, atomic_output

DEFAULT_SHARD = 1000  # documents per .spacy file when the output is a folder


def writes_folder(out: Path, extra: dict[str, Any]) -> bool:
    """A folder of .spacy shards, unless the output is one file ending in .spacy (an existing
    folder is written as a folder whatever its name, as `spacy train` reads either)."""
    return out.suffix.lower() != ".spacy" or "shard" in extra or out.is_dir()


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    load_spacy()  # a one-line error naming the extra when spaCy is missing
    from spacy.tokens import DocBin

    report = WriteReport()
    tally = Tally()
    builder = DocBuilder(options, report, tally)
    single = not writes_folder(out, options.extra)
    shard = whole_number(options.extra, "shard", DEFAULT_SHARD)

    def new_bin() -> Any:
        return DocBin(attrs=ATTRS, store_user_data=True)

    if single:
        collected = new_bin()
        for record in records:
            collected.add(builder.doc(record))
            report.documents += 1
        with atomic_output(out) as handle:
            handle.write(collected.to_bytes())
        report.files = [str(out)]
    else:
        with atomic_folder(out) as folder:
            batch = new_bin()
            for record in records:
                batch.add(builder.doc(record))
                report.documents += 1
                if len(batch) >= shard:
                    _save(batch, folder, report)
                    batch = new_bin()
            if len(batch) or not report.files:
                _save(batch, folder, report)
        report.files = [str(out)]
    tally.report_to(report)
    return report


def _save(batch: Any, folder: Path, report: WriteReport) -> None:
    path = folder / f"part-{len(report.files) + 1:05d}.spacy"
    with open(path, "xb") as handle:  # created, never written over
        handle.write(batch.to_bytes())
    report.files.append(str(path))
