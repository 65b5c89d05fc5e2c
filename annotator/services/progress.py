"""The team's progress, as the lead's project knows it after merges.

One row per annotator, by name: every annotator layer of the lead (the work merged back
from a package, or done in the lead's file itself, assigned 0 if nobody was handed
documents under it), and everyone the lead handed documents to whose work has not been
merged yet (layer None). A row counts:
- assigned: documents assigned to the layer's owner (primary and overlap);
- started and done: the layer's documents in progress, done or reviewed (started), and
  done or reviewed (done), whether assigned or not;
- active_seconds: the layer's active time over all documents (work_time);
- median_minutes_per_done: the median active time of the done documents that have any
  (None when none has);
- last_merged: when a merge last brought this layer's work in (None if never).
`overlap_ready` counts the documents handed to a second annotator that every annotator
assigned to them has done: ready for an agreement measure.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass

from annotator.services.package_plan import storage_errors_name
from annotator.storage import ProjectStore
from annotator.storage.team import (
    assigned_counts,
    layer_figures,
    overlap_documents,
    overlap_ready,
    people,
)


@dataclass(frozen=True)
class AnnotatorProgress:
    layer: str | None  # None: handed work, nothing merged back yet
    name: str
    person: str | None
    assigned: int
    started: int
    done: int
    active_seconds: float
    median_minutes_per_done: float | None
    last_merged: str | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class TeamProgress:
    annotators: tuple[AnnotatorProgress, ...]
    overlap_ready: int
    overlap_documents: int

    def as_dict(self) -> dict:
        return {"annotators": [row.as_dict() for row in self.annotators],
                "overlap_ready": self.overlap_ready,
                "overlap_documents": self.overlap_documents}

    def summary_lines(self) -> list[str]:
        if not self.annotators:
            return ["no annotators yet: hand out work packages, or annotate in this project"]
        header = (f"{'annotator':<20}{'assigned':>9}{'started':>9}{'done':>7}{'active':>10}"
                  f"{'min/done':>10}  last merged")
        lines = [header]
        for row in self.annotators:
            median = "—" if row.median_minutes_per_done is None \
                else f"{row.median_minutes_per_done:.1f}"
            name = row.name if row.layer in (None, row.name) else f"{row.name} ({row.layer})"
            lines.append(f"{name:<20}{row.assigned:>9}{row.started:>9}{row.done:>7}"
                         f"{active_time(row.active_seconds):>10}{median:>10}  "
                         f"{row.last_merged or 'never'}")
        lines.append(f"overlap documents ready for agreement: {self.overlap_ready} of "
                     f"{self.overlap_documents}")
        return lines


def active_time(seconds: float) -> str:
    """Hours and minutes, as a lead reads them: 1h 05m, 12m, 0m."""
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def team_progress(project: ProjectStore) -> TeamProgress:
    with storage_errors_name(project.path):
        names = dict(people(project))
        assigned = assigned_counts(project)
        figures_by_layer = layer_figures(project)
        ready, overlap = overlap_ready(project), overlap_documents(project)
    rows: list[AnnotatorProgress] = []
    counted: set[str] = set()
    for figures in figures_by_layer:
        owner = figures.owner
        # A person with two annotator layers (the same name merged from two machines) has
        # their assignments counted once, on their first layer.
        first = owner is not None and owner not in counted
        if owner is not None:
            counted.add(owner)
        median = (statistics.median(figures.done_seconds) / 60 if figures.done_seconds
                  else None)
        given = assigned.get(owner, 0) if first and owner else 0
        if not (given or figures.started or figures.done or figures.active_seconds
                or figures.last_merged):
            continue  # an empty layer nobody was given work in (a lead's own, say)
        rows.append(AnnotatorProgress(
            layer=figures.layer, name=names.get(owner or "", figures.layer), person=owner,
            assigned=given,
            started=figures.started, done=figures.done, active_seconds=figures.active_seconds,
            median_minutes_per_done=median, last_merged=figures.last_merged))
    for person, name in names.items():
        if person not in counted and assigned.get(person):
            rows.append(AnnotatorProgress(None, name, person, assigned[person], 0, 0, 0.0,
                                          None, None))
    rows.sort(key=lambda row: (row.name.casefold(), row.name, row.layer or ""))
    return TeamProgress(tuple(rows), ready, overlap)
