"""Imports: many prepared records written as one transaction, all or nothing.

Records are buffered and written in batches with `executemany`, which is about three times
faster than row-by-row inserts. Documents are matched by id, then by text hash, against both
the project and the records already taken in this import, so importing a file twice creates
no duplicates. Matched documents take only the spans and relations they do not have yet, or,
with `replace`, their layer is made to hold exactly the record's (`bulk_replace`). A record
saying whose layer it is goes into that person's layer (`bulk_layers`). This module takes the
records and matches them; `bulk_rows` builds and writes the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from annotator.core.errors import InvariantError, TawsimError
from annotator.core.model import LayerKind
from annotator.core.prepared import (
    ID,
    LAYER,
    LAYER_OWNER,
    LINE,
    TEXT_SHA256,
    PreparedDocument,
    has_annotations,
    has_repeats,
    record_from_prepared,
)
from annotator.core.records import DocumentRecord, Origin, prepare_record
from annotator.storage.bulk_layers import layer_for
from annotator.storage.bulk_prepared import write_prepared
from annotator.storage.bulk_replace import replace_annotations
from annotator.storage.bulk_rows import (
    BatchRows,
    ImportCounts,
    ImportRefused,
    RowBuilder,
    TakenIds,
    write_rows,
)
from annotator.storage.journal_link import CommitMark, begin_mark, mark_commit
from annotator.storage.project_file import ProjectFile

__all__ = [
    "BATCH_DOCUMENTS",
    "EDIT_CACHE_KB",
    "IMPORT_CACHE_KB",
    "BulkImport",
    "ImportCounts",
    "ImportRefused",
    "Rejected",
]

BATCH_DOCUMENTS = 2000
# A large page cache keeps an import's index pages in memory instead of spilling them to the
# WAL mid-transaction (measured: about 10% faster); memory stays bounded whatever the corpus.
IMPORT_CACHE_KB = 64_000
EDIT_CACHE_KB = 16_000
Rejected = Callable[[DocumentRecord, TawsimError], None]


@dataclass
class _Pending:
    record: DocumentRecord
    layer_id: int | None


class BulkImport:
    """Use as a context manager; leaving it with an exception rolls everything back."""

    def __init__(self, project: ProjectFile, *, actor: str, source: str,
                 layer: str | None = None, layer_kind: LayerKind | None = None,
                 on_reject: Rejected | None = None, replace: bool = False) -> None:
        self.project = project
        self.conn = project.conn
        self.actor = actor
        self.source = source
        self.layer_override = layer
        self.layer_kind = layer_kind
        self.on_reject = on_reject
        self.replace = replace
        self.counts = ImportCounts()
        self._pending: list[_Pending] = []
        self._builder = RowBuilder(self.conn, self.counts)
        self._layers: dict[tuple[str, str | None], int] = {}
        self._mark = CommitMark(0, None)

    def __enter__(self) -> BulkImport:
        # NORMAL is safe against a killed process in WAL mode; the import is one transaction,
        # so a power cut loses the whole import, never half of it.
        try:
            self._begin()
        except BaseException:
            self._end()  # locked out (another writer held the file): nothing stays changed
            raise
        return self

    def _begin(self) -> None:
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
        if not self.replace:
            # Without --replace an import only inserts, and every row it inserts refers to a
            # document or layer it wrote or found in this transaction, which holds the write
            # lock (a link's ends are checked by a trigger): looking each parent up again
            # for every span is a tenth of the import's SQLite time. Replacing deletes, and
            # needs the cascades: it keeps the checks. (The pragma only takes effect outside
            # a transaction.)
            self.conn.execute("PRAGMA foreign_keys = OFF")
        self.conn.execute("BEGIN IMMEDIATE")
        self._mark = begin_mark(self.conn)
        if not self.project.large:
            # Opening checks pages (quick_check); an import writes thousands of rows through
            # every index, so it first checks that each index agrees with its table, as
            # `tawsim stats` does: nothing is written into a damaged file.
            self.project.verify()
        self._builder.number_after_stored()

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._flush()
                self.project.write_audit(self.actor, "import", None, self.layer_override, None,
                                    {"source": self.source, **self.counts.as_dict()})
                mark_commit(self.conn, self._mark)
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._end()

    def _end(self) -> None:
        """The connection as the desk's edits use it again, the import's transaction over."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.execute("PRAGMA foreign_keys = ON")  # (takes effect outside a transaction)
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(f"PRAGMA cache_size = -{EDIT_CACHE_KB}")
        self.project.forget_cached_layers()  # layers created here vanish on rollback

    def document_text(self, doc_id: str) -> str | None:
        """The stored text of document `doc_id`, counting the records this import has taken
        already: a CoNLL file imported beside its articles aligns to them."""
        for item in self._pending:
            if item.record.id == doc_id:
                return item.record.text
        row = self.conn.execute("SELECT text FROM document WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    # -- taking records --------------------------------------------------------------------

    def add(self, record: DocumentRecord) -> None:
        """Take one prepared record (see core.records.prepare_record)."""
        try:
            layer_id = self._layer_for(record)
        except TawsimError as error:
            self._reject(record, error)
            return
        self._pending.append(_Pending(record, layer_id))
        if len(self._pending) >= BATCH_DOCUMENTS:
            self._flush()

    def add_prepared(self, documents: list[PreparedDocument], source: str | None,
                     origin_of: Callable[[int], Origin]) -> None:
        """Take documents checked in compact form (formats.jsonl_prepared), in order after
        the records taken before. A batch of new documents is written as it is; anything
        else (a document the project has, a span id already used) goes the careful way,
        placed in its file by `origin_of` (a line, or a Parquet row)."""
        self._flush()
        if self.replace or not self._write_prepared(documents, source):
            for document in documents:
                record = record_from_prepared(document, source, origin_of(document[LINE]))
                if has_repeats(document):
                    # The reader leaves repeats to the database's unique indexes, which
                    # sent the batch here: refused with prepare_record's own message.
                    try:
                        prepare_record(record, self.project.scheme)
                    except TawsimError as error:
                        self._reject(record, error)
                        continue
                self.add(record)
            self._flush()

    def _write_prepared(self, documents: list[PreparedDocument], source: str | None) -> bool:
        """Write the documents as new ones, or False when one needs the careful way: it
        matches a stored document or another of the batch, it cannot go in its layer, or
        the database refuses a row (bulk_prepared)."""
        try:
            layers = [self.layer_named(d[LAYER], d[LAYER_OWNER], has_annotations(d))
                      for d in documents]
        except TawsimError:
            return False  # the careful way rejects that record with its message
        ids = [d[ID] for d in documents if d[ID] is not None]
        digests = [d[TEXT_SHA256] for d in documents]
        if (len(set(ids)) != len(ids) or len(set(digests)) != len(digests)
                or self._lookup("id", ids) or self._lookup("text_sha256", digests)):
            return False
        return write_prepared(self.conn, self._builder, self.counts, documents, layers,
                              source)

    def add_all(self, records: Iterable[DocumentRecord]) -> None:
        for record in records:
            self.add(record)

    def _reject(self, record: DocumentRecord, error: TawsimError) -> None:
        origin = record.origin
        error.located(origin.path if origin else None, origin.line if origin else None)
        if self.on_reject is None:
            raise error
        self.counts.rejected += 1
        self.on_reject(record, error)

    def _layer_for(self, record: DocumentRecord) -> int | None:
        started = record.status is not None and record.status != "new"
        has_annotations = bool(record.spans or record.relations or started
                               or record.time_active_s)
        return self.layer_named(record.layer, record.layer_owner, has_annotations)

    def layer_named(self, layer: str | None, owner: str | None,
                    has_annotations: bool) -> int | None:
        """The id of the layer a record goes into (made if needed), None for no layer."""
        name = self.layer_override or layer
        if name is None:
            if has_annotations:
                raise InvariantError("the record has annotations but names no layer; "
                                     "pass --layer NAME")
            return None
        key = (name, owner)
        if key in self._layers:
            return self._layers[key]
        kind = self.layer_kind or (LayerKind.GOLD if name == "gold" else
                                   LayerKind.MODEL if self.layer_override else
                                   LayerKind.ANNOTATOR)
        layer_id, actual = layer_for(self.project, name, owner, kind)
        if actual != name:
            self.counts.warnings.append(
                f"layer {name!r} in the project is someone else's; the records of "
                f"{owner} went into layer {actual!r}")
        self.counts.layers.add(actual)
        self._layers[key] = layer_id
        return layer_id

    # -- matching a batch to the project, then writing it ------------------------------------

    def _lookup(self, column: str, values: list[str]) -> dict[str, tuple]:
        found: dict[str, tuple] = {}
        for i in range(0, len(values), 500):
            chunk = values[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {column}, seq, id, text_sha256 FROM document "
                f"WHERE {column} IN ({marks})", chunk
            ):
                found.setdefault(row[0], row[1:])
        return found

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        by_id = self._lookup("id", [p.record.id for p in pending if p.record.id])
        by_hash = self._lookup("text_sha256", [p.record.text_sha256 for p in pending])
        taken = TakenIds(
            self._existing_ids("span", [s.id for p in pending for s in p.record.spans]),
            self._existing_ids("relation", [r.id for p in pending for r in p.record.relations]),
        )
        builder = self._builder
        batch_first = builder.next_doc
        rows = BatchRows(exact_times=self.replace)
        for item in pending:
            record, layer_id = item.record, item.layer_id
            try:
                target = self._match(record, by_id, by_hash)
                if target is None:
                    doc_seq = builder.add_document(record, rows, by_id, by_hash)
                    if layer_id is not None:
                        builder.new_annotations(record, doc_seq, layer_id, rows, taken)
                else:
                    doc_seq = target
                    self.counts.documents_matched += 1
                    if layer_id is not None:
                        if doc_seq >= batch_first or self.replace:
                            # what follows reads the document's stored rows: write the
                            # batch's so far (this very batch may have added them)
                            write_rows(self.conn, rows)
                            rows = BatchRows(exact_times=self.replace)
                        if self.replace:
                            replace_annotations(builder, record, doc_seq, layer_id, taken)
                        else:
                            builder.merge_annotations(record, doc_seq, layer_id, rows, taken)
            except ImportRefused:
                raise
            except TawsimError as error:
                self._reject(record, error)
                continue
            if record.status and layer_id is not None:
                rows.statuses.append((doc_seq, layer_id, record.status, builder.now))
            seconds = record.time_active_s
            if seconds is not None and layer_id is not None and (seconds or self.replace):
                rows.times.append((doc_seq, layer_id, seconds, builder.now))
        write_rows(self.conn, rows)

    def _existing_ids(self, table: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(
                f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
        return found

    @staticmethod
    def _match(record: DocumentRecord, by_id: dict, by_hash: dict) -> int | None:
        """The seq of the document this record is, or None for a new one."""
        if record.id is not None and record.id in by_id:
            seq, _, existing_digest = by_id[record.id]
            if existing_digest != record.text_sha256:
                raise InvariantError(
                    f"document {record.id!r} is already in the project with a different text"
                )
            return seq
        if record.text_sha256 in by_hash:
            return by_hash[record.text_sha256][0]
        return None

