"""The lead's rejections on the record: where, in one document's gold layer, the lead decided
that none of the annotators' versions belongs (curation_edits.reject).

A rejection changes no annotation when gold had no version there; it is one Decision step of
the edit's audit row ("reject_version"). Undoing the edit writes "undo_reject_version" with
the same steps, redoing it "redo_reject_version"; the rejections standing are those done more
often than undone, by the place (start, end) they were made at.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import orjson

from annotator.storage.project_file import ProjectFile

_ACTIONS = {"reject_version": 1, "redo_reject_version": 1, "undo_reject_version": -1}


def rejected_places(project: ProjectFile, doc_id: str, gold_layer: str) -> set[tuple[int, int]]:
    """The (start, end) of every rejection standing in `gold_layer` of `doc_id`."""
    standing: Counter[tuple[int, int]] = Counter()
    marks = ",".join("?" * len(_ACTIONS))
    rows = project.conn.execute(
        f"SELECT action, before, after FROM audit WHERE document = ? AND layer = ? "
        f"AND action IN ({marks}) ORDER BY seq", (doc_id, gold_layer, *_ACTIONS))
    for action, before, after in rows:
        sign = _ACTIONS[action]
        steps = before if sign < 0 else after  # an undo's record holds the edit's steps first
        for place in _rejections(steps):
            standing[place] += sign
    return {place for place, count in standing.items() if count > 0}


def _rejections(steps: str | None) -> list[tuple[int, int]]:
    found = []
    for step in orjson.loads(steps) if steps else []:
        value: Any = step.get("value") if isinstance(step, dict) else None
        if step.get("action") == "decision" and isinstance(value, dict) \
                and value.get("decision") == "reject":
            found.append((int(value["start"]), int(value["end"])))
    return found
