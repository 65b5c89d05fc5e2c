"""Importing files into a project: read with a format, prepare, write in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from annotator.core.errors import TawsimError, readable_path
from annotator.core.label_map import LabelMap
from annotator.core.model import LayerKind
from annotator.core.prepared import PreparedDocument, Unprepared
from annotator.core.records import DocumentRecord, Origin, prepare_record
from annotator.core.scheme import Scheme
from annotator.core.text import normalise_encoding_name
from annotator.formats import parquet, registry
from annotator.formats.base import BadRecord, ReadItem, ReadOptions
from annotator.formats.files import display_path
from annotator.formats.jsonl_prepared import read_item
from annotator.formats.parquet.prepared import prepared_rows as parquet_prepared_rows
from annotator.services.import_pipeline import prepared_batches, reads_prepared, use_process
from annotator.storage import BulkImport, ImportCounts, ProjectStore
from annotator.storage.bulk import ImportRefused

Skipped = Callable[[TawsimError], None]
Fit = Callable[[DocumentRecord], None]


class ImportCancelled(TawsimError):
    """The user cancelled; the transaction was rolled back and nothing changed."""

    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was changed")


def input_size(paths: Sequence[Path]) -> int:
    """Bytes an import will read, for a progress bar."""
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            total += path.stat().st_size
    return total


def _readable_names(record: DocumentRecord) -> None:
    """Where a record came from, as text SQLite and JSON take even when a file name is not
    UTF-8 (readers that record a file name make it readable themselves)."""
    if record.source is not None:
        record.source = readable_path(record.source)
    if record.origin is not None:
        record.origin = Origin(readable_path(record.origin.path), record.origin.line)


def import_paths(
    project: ProjectStore,
    paths: Sequence[str | Path],
    *,
    actor: str,
    format: str = "auto",
    layer: str | None = None,
    layer_kind: LayerKind | None = None,
    skip_bad: bool = False,
    encoding: str | None = None,
    fields: dict[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
    on_skip: Skipped | None = None,
    cancelled: Callable[[], bool] | None = None,
    label_map: Sequence[str] = (),
    drop_unknown_labels: bool = False,
    replace: bool = False,
    fit: Fit | None = None,
) -> ImportCounts:
    """Import every record of `paths`, all or nothing.

    Without `skip_bad` the first bad record raises and the project is left as it was. With
    it, each bad record (or unreadable file) is passed to `on_skip` and the rest is imported.
    `label_map` items (`ORG=ACTOR`, `DATE=`) rename or leave out a source's labels, and
    `drop_unknown_labels` leaves out the spans of any other label the scheme lacks.
    With `replace`, each layer holds exactly what the input says for the input's documents
    (storage.bulk_replace).
    `fit` sees each record ready to store and may move its spans' edges (services.fitting).
    """
    scheme = project.scheme
    labels = LabelMap.parse(label_map, scheme, drop_unknown=drop_unknown_labels)
    if encoding is not None:
        normalise_encoding_name(encoding)  # an unknown name is refused before anything is read
    options = ReadOptions(encoding=encoding, fields=dict(fields or {}), progress=progress,
                          scheme=labels.reading_scheme() if not labels.empty else scheme)
    files = [Path(p) for p in paths]
    for path in files:
        if not path.exists():
            raise TawsimError("no such file or folder", path=str(path))

    def skip(error: TawsimError) -> None:
        if not skip_bad:
            raise error
        if on_skip is not None:
            on_skip(error)

    def reject(record: DocumentRecord, error: TawsimError) -> None:
        skip(error)

    source = ", ".join(readable_path(str(p)) for p in files)
    # Lines read and checked in one pass (and another process) when nothing is mapped or
    # fitted on the way; the usual reader otherwise.
    prepared = labels.empty and fit is None and not replace
    with BulkImport(project, actor=actor, source=source, layer=layer, layer_kind=layer_kind,
                    on_reject=reject if skip_bad else None, replace=replace) as bulk:
        options.document_text = bulk.document_text

        def take(item: ReadItem) -> None:
            if isinstance(item, BadRecord):
                bulk.counts.rejected += 1
                skip(item.error)
                return
            _readable_names(item)
            try:
                mapped, left_out = labels.apply(item)
                record = prepare_record(mapped, scheme)
                if fit is not None:
                    fit(record)
            except TawsimError as error:
                bulk.counts.rejected += 1
                skip(error)
                return
            bulk.add(record)
            labels.count(left_out)

        def check_cancelled() -> None:
            if cancelled is not None and cancelled():
                raise ImportCancelled()

        for path in files:
            fmt = registry.reader_for(path, format)
            assert fmt.reader is not None
            try:
                if prepared and reads_prepared(fmt):
                    _read_prepared(bulk, path, options, scheme, take, check_cancelled)
                elif prepared and fmt.reader is parquet.read:
                    _take_batches(bulk, parquet_prepared_rows(path, options, scheme), take,
                                  check_cancelled,
                                  lambda file, row: Origin(f"{file} (row {row})"))
                else:
                    for item in fmt.reader(path, options):
                        check_cancelled()
                        take(item)
            except (ImportCancelled, ImportRefused):
                raise
            except TawsimError as error:  # the whole file is unreadable
                if error.path is None:
                    error.located(str(path))
                bulk.counts.rejected += 1
                skip(error)
        bulk.counts.warnings.extend(readable_path(warning) for warning in options.warnings)
        bulk.counts.warnings.extend(labels.report())
    if bulk.counts.ids_renumbered:
        bulk.counts.warnings.append(
            f"{bulk.counts.ids_renumbered} span or link ids were already used by other "
            "annotations in the project; those annotations got new ids")
    return bulk.counts


def _read_prepared(bulk: BulkImport, path: Path, options: ReadOptions, scheme: Scheme,
                   take: Callable[[ReadItem], None], check_cancelled: Callable[[], None]) -> None:
    """One JSON Lines file, read and checked in one pass (services.import_pipeline): runs of
    checked documents go to the project in batches, any other line through `take`."""
    source = display_path(path)
    batches = ((source, [read_item(path, item, options) if isinstance(item, Unprepared)
                         else item for item in batch])
               for batch in prepared_batches(path, options, scheme,
                                             own_process=use_process(path)))
    _take_batches(bulk, batches, take, check_cancelled, Origin)


def _take_batches(bulk: BulkImport,
                  batches: Iterable[tuple[str, list[PreparedDocument | ReadItem]]],
                  take: Callable[[ReadItem], None], check_cancelled: Callable[[], None],
                  origin: Callable[[str, int], Origin]) -> None:
    """Runs of prepared documents go to the project in batches (each batch with the file it
    comes from), anything else (a record or an error the usual reader gave) through `take`;
    `origin(file, line)` places a prepared document in its file."""
    for source, batch in batches:
        check_cancelled()
        ready: list[PreparedDocument] = []
        origin_of = partial(origin, source)
        for item in batch:
            if type(item) is tuple:
                ready.append(item)
                continue
            if ready:
                bulk.add_prepared(ready, source, origin_of)
                ready = []
            take(item)
        if ready:
            bulk.add_prepared(ready, source, origin_of)

