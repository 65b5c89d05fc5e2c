"""The lead's team tables: people, assignments, and the figures the team's progress needs.

A lead project records the people it handed work to (`person`), which documents went to whom
(`assignment`: primary or overlap, and the package file's project id), and, once their work
is merged back, each annotator layer's statuses, active time (`work_time`) and merges
(`merge_state`). This module reads and writes those rows; services.packaging and
services.progress decide what they mean.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.model import utc_now
from annotator.storage.project_file import ProjectFile

# Where a document stands for the lead: the furthest status any person's layer (annotator
# or gold, not a model's predictions) has for it.
STATUS_RANK = {"new": 0, "in_progress": 1, "done": 2, "reviewed": 3}
_RANKED_STATUS = {rank: status for status, rank in STATUS_RANK.items()}
DONE_STATUSES = ("done", "reviewed")
STARTED_STATUSES = ("in_progress", "done", "reviewed")


@dataclass(frozen=True)
class Candidate:
    """One document as the lead sees it when handing out work."""

    seq: int
    id: str
    status: str  # the furthest status any annotator or gold layer has for it
    assigned: bool  # somebody has it already


@dataclass(frozen=True)
class AssignmentRow:
    document: int  # document seq
    person: str
    role: str  # "primary" or "overlap"
    package: str  # the package file's project id


@dataclass(frozen=True)
class LayerFigures:
    """One annotator layer's work in the lead, as merged so far."""

    layer: str
    owner: str | None
    started: int
    done: int
    active_seconds: float
    done_seconds: tuple[float, ...]  # active time of each done document that has any
    last_merged: str | None


# -- people and assignments ------------------------------------------------------------------

def people(project: ProjectFile) -> list[tuple[str, str]]:
    """(id, name) of everyone the project has handed work to, oldest first."""
    return project.conn.execute(
        "SELECT id, name FROM person ORDER BY created_at, id").fetchall()


def annotator_layer_owners(project: ProjectFile) -> dict[str, str]:
    """Annotator layer name -> its owner's id, for the layers that record one."""
    return dict(project.conn.execute(
        "SELECT name, owner FROM layer WHERE kind = 'annotator' AND owner IS NOT NULL"))


def add_person(project: ProjectFile, person_id: str, name: str) -> None:
    project.conn.execute(
        "INSERT INTO person (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (person_id, name, utc_now()))


def candidates(project: ProjectFile) -> list[Candidate]:
    """Every document in project order, with its lead status and whether it is assigned."""
    rank = " ".join(f"WHEN '{status}' THEN {value}" for status, value in STATUS_RANK.items())
    rows = project.conn.execute(
        "SELECT d.seq, d.id, "
        f"coalesce((SELECT max(CASE st.status {rank} END) FROM status AS st "
        "JOIN layer AS l ON l.id = st.layer "
        "WHERE st.document = d.seq AND l.kind <> 'model'), 0), "
        "EXISTS (SELECT 1 FROM assignment AS a WHERE a.document = d.seq) "
        "FROM document AS d ORDER BY d.seq").fetchall()
    return [Candidate(seq, doc_id, _RANKED_STATUS[rank_], bool(assigned))
            for seq, doc_id, rank_, assigned in rows]


def record_assignments(project: ProjectFile, rows: Iterable[AssignmentRow], *,
                       replace: bool) -> None:
    """Write assignment rows (inside the caller's transaction). With `replace`, the earlier
    assignments of every document in `rows` are dropped first: it has been handed out again."""
    rows = list(rows)
    conn = project.conn
    if replace:
        conn.executemany("DELETE FROM assignment WHERE document = ?",
                         [(seq,) for seq in sorted({row.document for row in rows})])
    now = utc_now()
    conn.executemany(
        "INSERT INTO assignment (document, person, role, package, assigned_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (document, person) DO UPDATE SET "
        "role = excluded.role, package = excluded.package, assigned_at = excluded.assigned_at",
        [(row.document, row.person, row.role, row.package, now) for row in rows])


def assignees(project: ProjectFile) -> dict[int, set[str]]:
    """Document seq -> the ids of the people it is assigned to."""
    held: dict[int, set[str]] = {}
    for seq, person in project.conn.execute("SELECT document, person FROM assignment"):
        held.setdefault(seq, set()).add(person)
    return held


def assigned_counts(project: ProjectFile) -> dict[str, int]:
    """Person id -> documents assigned to them (primary and overlap)."""
    return dict(project.conn.execute(
        "SELECT person, count(*) FROM assignment GROUP BY person"))


# -- progress ----------------------------------------------------------------------------------

def layer_figures(project: ProjectFile) -> list[LayerFigures]:
    """Statuses, active time and last merge of every annotator layer, in layer order."""
    conn = project.conn
    figures = []
    layers = conn.execute(
        "SELECT id, name, owner FROM layer WHERE kind = 'annotator' ORDER BY id").fetchall()
    done_marks = ",".join(f"'{status}'" for status in DONE_STATUSES)
    started_marks = ",".join(f"'{status}'" for status in STARTED_STATUSES)
    for layer_id, name, owner in layers:
        started, done = conn.execute(
            f"SELECT count(*) FILTER (WHERE status IN ({started_marks})), "
            f"count(*) FILTER (WHERE status IN ({done_marks})) FROM status WHERE layer = ?",
            (layer_id,)).fetchone()
        active = conn.execute("SELECT coalesce(sum(seconds), 0) FROM work_time WHERE layer = ?",
                              (layer_id,)).fetchone()[0]
        done_seconds = tuple(seconds for (seconds,) in conn.execute(
            "SELECT w.seconds FROM work_time AS w JOIN status AS st "
            "ON st.document = w.document AND st.layer = w.layer "
            f"WHERE w.layer = ? AND st.status IN ({done_marks}) ORDER BY w.document",
            (layer_id,)))
        merged = conn.execute("SELECT max(merged_at) FROM merge_state WHERE layer = ?",
                              (layer_id,)).fetchone()[0]
        figures.append(LayerFigures(name, owner, started, done, float(active), done_seconds,
                                    merged))
    return figures


def overlap_documents(project: ProjectFile) -> int:
    """Documents handed to a second annotator for agreement."""
    return project.conn.execute(
        "SELECT count(DISTINCT document) FROM assignment WHERE role = 'overlap'").fetchone()[0]


def overlap_ready(project: ProjectFile) -> int:
    """Overlap documents that every person assigned to them has done (or that is reviewed) in
    an annotator layer of theirs: ready for agreement."""
    done_marks = ",".join(f"'{status}'" for status in DONE_STATUSES)
    return project.conn.execute(
        "SELECT count(*) FROM (SELECT a.document FROM assignment AS a "
        "WHERE a.document IN (SELECT document FROM assignment WHERE role = 'overlap') "
        "GROUP BY a.document HAVING min(EXISTS (SELECT 1 FROM layer AS l "
        "JOIN status AS st ON st.layer = l.id WHERE l.owner = a.person "
        f"AND l.kind = 'annotator' AND st.document = a.document "
        f"AND st.status IN ({done_marks}))) = 1)").fetchone()[0]
