"""What a merge did (or, in a dry run, would do): per file, per annotator layer, in counts a
person can check, as JSON (`as_dict`) and as a few lines (`summary_lines`).

`name_gold_places(project, report)` adds, for the warnings about gold spans accepted from a
span the merge changed, each document's file name and title and the gold span's text, so a
person can find the place without looking its id up.

The errors a merge can end with are here too, so the desk and the command line can catch
them by kind: a refused file (`MergeRefused`), a file that is not a newer state of what was
merged before (`MergeDiverged`, which `force` overrides), and a cancelled merge
(`MergeCancelled`, which carries the report of the files merged before it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.phrases import counted
from annotator.services.document_names import describe_document
from annotator.storage import ProjectStore
from annotator.storage.document_names import NamedDocument, document_names
from annotator.storage.merging_sync import GoldFromChanged, SyncCounts


class MergeRefused(TawsimError):
    """A file the merge will not take; nothing of it was written."""


class MergeDiverged(MergeRefused):
    """A file that is not a newer state of the annotator's work merged before: an older
    copy, or the same layer edited on two machines. `documents` are those whose content
    differs from what the lead holds."""

    def __init__(self, message: str, *, path: str, layer: str, kind: str,
                 documents: list[str]) -> None:
        super().__init__(message, path=path)
        self.layer = layer
        self.kind = kind  # "older" or "diverged"
        self.documents = documents


class MergeCancelled(TawsimError):
    """The user stopped the merge; the file being merged was rolled back, the files before
    it stay merged (`report`)."""

    def __init__(self, report: MergeReport) -> None:
        merged = len(report.files)
        super().__init__("the merge was cancelled; " + (
            f"{merged} file{'' if merged == 1 else 's'} had been merged before"
            if merged else "nothing was changed"))
        self.report = report


@dataclass(frozen=True)
class GoldPlace:
    """How a person finds a gold span the warnings name: its document and its text."""

    filename: str
    title: str
    text: str

    def document_words(self, doc_id: str) -> str:
        return describe_document(NamedDocument(doc_id, self.title, self.filename))


@dataclass
class LayerReport:
    file_layer: str  # the layer's name in the annotator's file
    layer: str  # the lead's layer it went into
    owner: str | None
    created: bool  # the lead had no layer for it yet
    documents: int
    documents_changed: int = 0
    spans_added: int = 0
    spans_changed: int = 0
    spans_removed: int = 0
    relations_added: int = 0
    relations_changed: int = 0
    relations_removed: int = 0
    statuses_changed: int = 0
    times_changed: int = 0
    audit_rows: int = 0  # of the file's audit trail, appended to the lead's
    gold_from_changed: list[GoldFromChanged] = field(default_factory=list)
    gold_places: dict[str, GoldPlace] = field(default_factory=dict)  # gold span id ->
    warnings: list[str] = field(default_factory=list)

    def take(self, counts: SyncCounts) -> None:
        for name in ("spans_added", "spans_changed", "spans_removed", "relations_added",
                     "relations_changed", "relations_removed", "statuses_changed",
                     "times_changed"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))
        self.documents_changed += len(counts.changed_documents)

    @property
    def changed(self) -> bool:
        return bool(self.documents_changed or self.audit_rows or self.created)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["gold_from_changed"] = [asdict(item) for item in self.gold_from_changed]
        return data


@dataclass
class FileReport:
    path: str
    project_id: str
    annotator: str | None  # the package's annotator, when the file is a work package
    documents: int
    documents_new: int = 0  # added to the lead
    documents_by_text: int = 0  # matched by text, their ids differing
    forced: bool = False
    layers: list[LayerReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.documents_new or any(layer.changed for layer in self.layers))

    def as_dict(self) -> dict[str, Any]:
        data = {key: value for key, value in asdict(self).items() if key != "layers"}
        data["layers"] = [layer.as_dict() for layer in self.layers]
        return data


@dataclass
class MergeReport:
    dry_run: bool = False
    files: list[FileReport] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(item.changed for item in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "changed": self.changed,
                "files": [item.as_dict() for item in self.files]}

    def summary_lines(self) -> list[str]:
        """A few lines for a person: per file and layer what changed, then the warnings."""
        lines = ["Dry run: nothing was written."] if self.dry_run else []
        for item in self.files:
            new = f", {counted(item.documents_new, 'new document')}" if item.documents_new else ""
            lines.append(f"{item.path}: {counted(item.documents, 'document')}{new}"
                         + (" (forced)" if item.forced else ""))
            for layer in item.layers:
                lines.append("  " + _layer_line(layer))
            lines += [f"  warning: {warning}" for warning in item.warnings]
            for layer in item.layers:
                lines += [f"  warning: {warning}" for warning in layer.warnings]
                lines += [f"  warning: {_gold_words(gold, layer)}"
                          for gold in layer.gold_from_changed]
        return lines


def _gold_words(gold: GoldFromChanged, layer: LayerReport) -> str:
    place = layer.gold_places.get(gold.gold_span)
    if place is None:
        where = f"{gold.start}-{gold.end} in document {gold.document}"
    else:
        where = (f"«{place.text}» at {gold.start}-{gold.end} in document "
                 f"{place.document_words(gold.document)}")
    return (f"gold {gold.label} {where} was accepted from a span of {layer.layer} that this "
            f"merge {gold.what}")


def name_gold_places(project: ProjectStore, report: MergeReport) -> None:
    """Fill each layer's `gold_places` for its gold_from_changed warnings (the merged
    `project` still open): the document's file name and title, the gold span's text."""
    golds = [(layer, gold) for item in report.files for layer in item.layers
             for gold in layer.gold_from_changed]
    names = document_names(project, {gold.document for _, gold in golds})
    for layer, gold in golds:
        document = names.get(gold.document)
        try:
            text = project.span(gold.gold_span).text
        except TawsimError:
            continue  # gone since (a dry run rolled back, or another program)
        layer.gold_places[gold.gold_span] = GoldPlace(
            document.filename if document else "", document.title if document else "", text)



def _layer_line(layer: LayerReport) -> str:
    target = layer.layer if layer.layer == layer.file_layer else \
        f"{layer.file_layer} -> {layer.layer}"
    if not layer.changed:
        return f"{target}: unchanged ({counted(layer.documents, 'document')})"
    parts = [f"{counted(layer.documents_changed, 'document')} of {layer.documents} changed",
             f"spans +{layer.spans_added} ~{layer.spans_changed} -{layer.spans_removed}",
             f"links +{layer.relations_added} ~{layer.relations_changed} "
             f"-{layer.relations_removed}"]
    if layer.statuses_changed:
        number = layer.statuses_changed
        parts.append(f"{number} status{'' if number == 1 else 'es'} changed")
    if layer.audit_rows:
        parts.append(counted(layer.audit_rows, "audit row"))
    return f"{target}{' (new layer)' if layer.created else ''}: " + "; ".join(parts)
