"""Exporting a project's annotations in a registered format, checked record by record."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.core.records import DocumentRecord, verify_record
from annotator.formats import registry
from annotator.formats.base import WriteOptions, WriteReport
from annotator.storage import ProjectStore, scan


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
) -> WriteReport:
    """Write the dataset to `out`; every record is verified first, and a failure leaves no
    partial file behind."""
    fmt = registry.get(format)
    if fmt.writer is None:
        raise TawsimError(f"Tawsim cannot export the {format} format")
    if layer is not None and project.layer_id(layer) is None:
        known = ", ".join(item.name for item in project.layers()) or "none yet"
        raise TawsimError(f"the project has no layer {layer!r} (layers: {known})")
    scheme = project.scheme
    if labels:
        for label in labels:
            scheme.label(label)
    wanted = Status(status) if status is not None else None

    def records() -> Iterator[DocumentRecord]:
        for record in scan(project, layer=layer, status=wanted,
                           labels=frozenset(labels) if labels else None):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            verify_record(record, scheme)
            if progress is not None:
                progress(1)
            yield record

    return fmt.writer(records(), Path(out), WriteOptions(scheme=scheme, extra=options or {}))
