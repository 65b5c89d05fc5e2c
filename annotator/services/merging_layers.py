"""Where each annotator layer of a merged file goes in the lead, and whether the file is a
newer state of what was merged from it before.

A layer goes where it went the last time this file was merged (merge_state); else into the
lead's annotator layer with the same owner (the person's id); else into a new layer under its
name, or "amal (2)" when the lead's "amal" is someone else's (identity.distinct_layer_name).
A layer without an owner (made by an older Tawsim) goes into the lead's layer of that name
only if that one records no owner either. Gold and model layers are never targets.

The file's audit rows of the layer tell its state: it is the same or a newer state when its
first rows are those merged before (same count, same digest); with fewer rows it is an older
copy, and with other rows it was edited on two machines from a common start.

A package whose documents the lead has since handed out to the same person again, in a newer
package (`reissued`), is left alone when it holds nothing new (it would put back the state the
newer package replaced), and refused like a diverged file when it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.model import LayerKind
from annotator.services.identity import distinct_layer_name
from annotator.storage import ProjectStore
from annotator.storage import merging as store
from annotator.storage.merging_source import MergeSource, SourceLayer


@dataclass
class LayerPlan:
    """Where one of the file's annotator layers goes, and how it stands to what was merged
    from it before."""

    source: SourceLayer
    target: int | None  # the lead's layer id; None until the merge makes it
    name: str  # the lead's layer name
    audit: store.AuditState
    state: store.MergeState | None
    created: bool = False
    warnings: list[str] = field(default_factory=list)
    # Ids of the file's documents handed out to the layer's owner again in a newer package.
    reissued: list[str] = field(default_factory=list)

    @property
    def new_work(self) -> bool:
        """Whether the file's layer has audit rows the lead has not merged yet."""
        return self.audit.rows > (self.state.audit_rows if self.state else 0)

    @property
    def superseded(self) -> bool:
        """A re-issued package with nothing new: merging it would only undo the newer one."""
        return bool(self.reissued) and not self.new_work and self.divergence is None

    @property
    def divergence(self) -> str | None:
        """None for a first merge or a newer state; "older", "diverged" or "reissued"
        otherwise."""
        if self.state is not None and self.audit.rows < self.state.audit_rows:
            return "older"
        if self.state is not None and self.audit.prefix_digest != self.state.audit_digest:
            return "diverged"
        if self.reissued and self.new_work:
            return "reissued"
        if self.state is None:
            return None
        if self.audit.rows < self.state.audit_rows:
            return "older"
        if self.audit.prefix_digest != self.state.audit_digest:
            return "diverged"
        return None


def plan_layer(project: ProjectStore, source: MergeSource, layer: SourceLayer) -> LayerPlan:
    """Where `layer` goes: where it went last time, else the lead's annotator layer of its
    owner, else a new layer (named distinctly if the name is someone else's)."""
    conn = project.conn
    state = store.merge_state(conn, source.project_id, layer.name)
    audit = store.audit_state(conn, layer.name, state.audit_rows if state else 0)
    plan = LayerPlan(layer, None, layer.name, audit, state)
    if layer.owner and source.package_lead == project.project_id:
        plan.reissued = store.reissued_documents(conn, layer.owner, source.project_id)
    lead = project.layers()
    annotators = {item.name: item for item in lead if item.kind == LayerKind.ANNOTATOR}
    if state is not None:
        row = conn.execute("SELECT name FROM main.layer WHERE id = ?", (state.layer,)).fetchone()
        if row is not None and row[0] in annotators:
            plan.target, plan.name = state.layer, row[0]
            return plan
    if layer.owner:
        mine = [item for item in annotators.values() if item.owner == layer.owner]
        if mine:
            plan.target, plan.name = project.layer_id(mine[0].name), mine[0].name
            return plan
        plan.name = distinct_layer_name(project, layer.name)
        if plan.name != layer.name:
            plan.warnings.append(f"the lead's layer {layer.name!r} is someone else's; this "
                                 f"{layer.name!r} went into a new layer {plan.name!r}")
        return plan
    same = annotators.get(layer.name)
    if same is not None and same.owner is None:
        plan.target = project.layer_id(layer.name)
        plan.warnings.append(f"layer {layer.name!r} has no owner id (made by an older "
                             "Tawsim); merged into the lead's layer of that name")
        return plan
    plan.name = distinct_layer_name(project, layer.name)
    plan.warnings.append(f"layer {layer.name!r} has no owner id (made by an older Tawsim), "
                         f"and the lead's {layer.name!r} is someone else's; merged into "
                         f"a layer {plan.name!r}" if plan.name != layer.name else
                         f"layer {layer.name!r} has no owner id (made by an older Tawsim)")
    return plan


def reissued_words(plan: LayerPlan) -> str:
    count = len(plan.reissued)
    return (f"{count} document{'' if count == 1 else 's'} of layer {plan.source.name!r} "
            f"{'was' if count == 1 else 'were'} handed out to its annotator again in a newer "
            "package since this one was made")


def divergence_words(plan: LayerPlan) -> str:
    if plan.divergence == "reissued":
        return (f"{reissued_words(plan)}, and this file has work the lead has not merged: it "
                "would overwrite what was merged from the newer package")
    state = plan.state
    assert state is not None
    if plan.divergence == "older":
        return (f"an older copy of layer {plan.source.name!r}: {plan.audit.rows} audit rows, "
                f"where the lead merged {state.audit_rows} from this file before")
    return (f"layer {plan.source.name!r} was edited on two machines: its history differs "
            f"from the copy merged before ({state.file})")
