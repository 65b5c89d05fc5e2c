"""Copying the lead's feedback into a work package: reviewed documents with their gold layer
and the annotator's own work on them, by SQL from the lead file.

The package is already filled (storage.packaging); the lead is attached read-only again and,
in one transaction, the feedback documents are added (same seq, id and text as in the lead,
so they fall into the lead's order), the gold layer's spans, links and statuses on them are
copied into a layer of kind gold (same ids, notes and origins), and the annotator's own
layer in the lead (the one the merges filled) is copied into the package's annotator layer
for those documents, so that the annotator sees their own spans beside the lead's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from annotator.core.model import LayerKind
from annotator.storage.database import write_transaction
from annotator.storage.packaging import CHUNK, copy_annotations
from annotator.storage.project_file import ProjectFile

_DOCUMENTS = ("seq, id, title, text, text_sha256, meta, source, source_sha256, encoding, "
              "created_at")


@dataclass(frozen=True)
class FeedbackCopy:
    documents: Sequence[int]  # lead seqs, in order
    gold_layer: str  # in the lead; the package's layer gets the same name
    own_layer: str | None  # the annotator's layer in the lead (None: not merged yet)
    annotator_layer: str  # the annotator's layer in the package


def copy_feedback(package: ProjectFile, lead_path: Path, copy: FeedbackCopy) -> None:
    """Add the feedback documents and layers to `package` (see the module)."""
    conn = package.conn
    conn.execute("ATTACH DATABASE ? AS lead", (f"{lead_path.resolve().as_uri()}?mode=ro",))
    try:
        with write_transaction(package.db):
            _copy(package, copy)
    finally:
        conn.execute("DETACH DATABASE lead")
        package.forget_cached_layers()


def _copy(package: ProjectFile, copy: FeedbackCopy) -> None:
    conn = package.conn
    gold = conn.execute("SELECT id, owner FROM lead.layer WHERE name = ?",
                        (copy.gold_layer,)).fetchone()
    if gold is None:
        return
    package_gold = package.ensure_layer(copy.gold_layer, LayerKind.GOLD, owner=gold[1])
    own = conn.execute("SELECT id FROM lead.layer WHERE name = ?",
                       (copy.own_layer,)).fetchone() if copy.own_layer else None
    package_own = package.ensure_layer(copy.annotator_layer)
    for start in range(0, len(copy.documents), CHUNK):
        chunk = orjson.dumps(list(copy.documents[start:start + CHUNK])).decode()
        conn.execute(f"INSERT OR IGNORE INTO main.document ({_DOCUMENTS}) "
                     f"SELECT {_DOCUMENTS} FROM lead.document "
                     "WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq", (chunk,))
        copy_annotations(package, chunk, gold[0], package_gold)
        if own is not None:
            copy_annotations(package, chunk, own[0], package_own)


def feedback_documents(project: ProjectFile, own_layer: str, gold_layer: str,
                       leave_out: Sequence[int] = ()) -> list[int]:
    """The seqs of the documents `own_layer` has done (or further) and `gold_layer` has
    reviewed, in project order, but those of `leave_out`."""
    own, gold = project.layer_id(own_layer), project.layer_id(gold_layer)
    if own is None or gold is None:
        return []
    rows = project.conn.execute(
        "SELECT mine.document FROM status AS mine JOIN status AS lead "
        "ON lead.document = mine.document AND lead.layer = ? AND lead.status = 'reviewed' "
        "WHERE mine.layer = ? AND mine.status IN ('done', 'reviewed') ORDER BY mine.document",
        (gold, own)).fetchall()
    skipped = set(leave_out)
    return [seq for (seq,) in rows if seq not in skipped]
