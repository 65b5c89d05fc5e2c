"""Exporting a project's annotations in a registered format, checked record by record."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.core.partfiles import PART, clear_stale_parts, part_prefix
from annotator.core.records import DocumentRecord, verify_record
from annotator.core.splits import Split, parse_split, part_of
from annotator.formats import native, registry
from annotator.formats.base import Format, WriteOptions, WriteReport
from annotator.formats.files import atomic_folder, atomic_output
from annotator.formats.write_errors import write_failure
from annotator.services.export_jobs import export_jsonl
from annotator.storage import ProjectStore, scan

STREAM_SCRATCH = "tawsim-export"  # the temporary folder of an export to standard output
STANDARD_OUTPUT = "standard output"  # how a failed write to it is named


class ExportCancelled(TawsimError):
    """The user cancelled; the partial output was removed."""

    def __init__(self) -> None:
        super().__init__("the export was cancelled; no file was written")


def export_dataset(
    project: ProjectStore,
    out: str | Path,
    *,
    format: str = "jsonl",
    layer: str | None = None,
    status: Status | str | None = None,
    labels: set[str] | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    options: dict | None = None,
    split: str | Split | None = None,
    jobs: int = 1,
) -> WriteReport:
    """Write the dataset to `out`; every record is verified first, and a failure leaves no
    partial file behind.

    With `split` ("train=0.8,dev=0.1,test=0.1"), `out` is a folder holding one file (or, for
    folder formats, one folder) per part, each document placed by a hash of its id.
    A Tawsim JSONL export of one file is written by up to `jobs` processes
    (services.export_jobs); the file is the same whatever their number.
    """
    fmt = registry.get(format)
    if fmt.writer is None:
        raise TawsimError(f"Tawsim cannot export the {format} format")
    known = {spec.name for spec in fmt.options}
    for name in options or {}:
        if name not in known:
            offered = ", ".join(sorted(known)) or "none"
            raise TawsimError(f"the {format} format has no option {name!r} (its options: "
                              f"{offered})")
    if layer is not None and project.layer_id(layer) is None:
        known = ", ".join(item.name for item in project.layers()) or "none yet"
        raise TawsimError(f"the project has no layer {layer!r} (layers: {known})")
    if layer is None and not fmt.carries_layers:
        _refuse_mixing_layers(project, format)
    out = Path(out)
    if split is None and out.is_dir() and not fmt.makes_folder(out, options or {}):
        raise TawsimError(f"the output is a folder; the {format} format writes one file, so "
                          "give a file name", path=str(out))
    scheme = project.scheme
    if labels:
        for label in labels:
            scheme.label(label)
    wanted = Status(status) if status is not None else None

    def records(part: str | None = None) -> Iterator[DocumentRecord]:
        for record in scan(project, layer=layer, status=wanted,
                           labels=frozenset(labels) if labels else None):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if part is not None and part_of(record.id or "", parts) != part:
                continue
            verify_record(record, scheme)
            if progress is not None:
                progress(1)
            yield record

    write_options = WriteOptions(scheme=scheme, extra=dict(options or {}))
    if split is None and fmt.writer is native.write and not options:
        def each() -> None:
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if progress is not None:
                progress(1)

        settings = {"layer": layer, "status": wanted,
                    "labels": frozenset(labels) if labels else None}
        return export_jsonl(project, out, settings=settings, jobs=jobs, each=each,
                            progress=progress)
    if split is None:
        return fmt.writer(records(), out, write_options)
    parts = parse_split(split) if isinstance(split, str) else split
    report = WriteReport()
    with atomic_folder(out) as folder:
        for name, _ in parts:
            target = folder / part_name(fmt, name, write_options)
            part = fmt.writer(records(name), target, write_options)
            report.add(part, prefix=f"{name}: ")
    report.files = [str(out / part_name(fmt, name, write_options)) for name, _ in parts]
    return report


def _refuse_mixing_layers(project: ProjectStore, format: str) -> None:
    """A format with one set of annotations per document cannot take several layers: their
    spans would come back as one document's (an annotator's and a model's mixed)."""
    names = [item.name for item in project.layers()]
    if len(names) > 1:
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        raise TawsimError(f"the project has layers {listed}, and the {format} format holds one "
                          "per document; choose one with --layer NAME (or export every layer "
                          "with --format jsonl or parquet)")


def export_to_stream(project: ProjectStore, stream: BinaryIO, *, format: str = "jsonl",
                     **settings: Any) -> WriteReport:
    """Export a line format to `stream` (standard output for `-o -`).

    The dataset is written to a temporary file first and copied out only once every record
    passed its checks, so a refused export sends nothing. `settings` are export_dataset's.
    """
    fmt = registry.get(format)
    if not fmt.streams:
        lines = ", ".join(f.name for f in registry.writers() if f.streams)
        raise TawsimError(f"the {format} format cannot be written to standard output (only "
                          f"{lines} can); give -o a file or folder name")
    if settings.get("split") is not None:
        raise TawsimError("a split export writes a folder of parts; give -o a folder name, "
                          "not -")
    # In the system's temporary folder, named as core.partfiles names parts, so that what a
    # killed export left there is cleared by the next one.
    scratch = Path(tempfile.gettempdir())
    clear_stale_parts(scratch, STREAM_SCRATCH)
    with tempfile.TemporaryDirectory(prefix=part_prefix(STREAM_SCRATCH), suffix=PART,
                                     dir=scratch) as folder:
        path = Path(folder) / ("dataset" + (fmt.extensions[0] if fmt.extensions else ""))
        report = export_dataset(project, path, format=format, **settings)
        try:
            with path.open("rb") as handle:
                shutil.copyfileobj(handle, stream)
            stream.flush()
        except BrokenPipeError:  # the reader stopped early (head, less): the caller decides
            raise
        except OSError as exc:  # standard output on a full disk, and the like
            raise write_failure(exc, STANDARD_OUTPUT) from None
    report.files = ["-"]
    return report


def split_preview(project: ProjectStore, split: str | Split) -> dict[str, int]:
    """How many of the project's documents each part gets (for the export dialog)."""
    parts = parse_split(split) if isinstance(split, str) else split
    counts = {name: 0 for name, _ in parts}
    for doc_id in project.document_ids():
        counts[part_of(doc_id, parts)] += 1
    return counts


def part_name(fmt: Format, part: str, options: WriteOptions) -> str:
    """The file (or folder) name of one split part: train.jsonl, dev.spacy, test/ ..."""
    if fmt.writes_folder or options.extra.get("shard") or not fmt.extensions:
        return part
    return part + fmt.extensions[0]


def write_report(report: WriteReport, path: str | Path) -> None:
    """The export's report as JSON: counts, warnings and every span a format changed."""
    with atomic_output(Path(path)) as handle:
        handle.write(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2) + b"\n")
