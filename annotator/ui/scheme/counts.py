"""What a scheme change does to the annotations, said in the interface language, and the
question asked before one deletes any."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from annotator.core.scheme_migration import MigrationCounts
from annotator.services.scheme import SchemeChangeRefused, SchemeChangeReport
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import Button, ask
from annotator.ui.common.plurals import annotations


def describe_counts(counts: MigrationCounts) -> str:
    parts = []
    for number, text in (
        (counts.spans_relabelled, tr("spans relabelled: {n}")),
        (counts.relations_retyped, tr("links retyped: {n}")),
        (counts.spans_reattributed + counts.relations_reattributed,
         tr("attribute values renamed: {n}")),
        (counts.spans_deleted, tr("spans deleted: {n}")),
        (counts.relations_deleted, tr("links deleted: {n}")),
        (counts.values_cleared, tr("attribute values cleared: {n}")),
    ):
        if number:
            parts.append(text.format(n=number))
    return " · ".join(parts) if parts else tr("no annotation is affected")


def describe_report(report: SchemeChangeReport, *, applied: bool) -> str:
    """The changes (as the audit trail names them) and their effect on the annotations."""
    lead = tr("Applied:") if applied else tr("Applying will:")
    return f"{lead} {report.summary}\n{describe_counts(report.counts)}"


def ask_to_delete(parent: QWidget, refused: SchemeChangeRefused) -> bool:
    """Whether the annotator agrees to delete what the change cannot keep."""
    counts = refused.counts
    answer = ask(
        parent, tr("Delete annotations?"),
        tr("This change would delete or clear {annotations} ({what}) in the layers "
           "{layers}. Rename or merge instead to keep them. Delete them?",
           annotations=annotations(counts.loss), what=describe_counts(counts),
           layers=", ".join(sorted(counts.losing_layers))),
        Button.Yes | Button.No, Button.No)
    return answer == Button.Yes
