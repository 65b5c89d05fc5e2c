"""Working in a gold layer: which layers a person may work in, and accepting a predicted span.

An adjudicator opens a project with a gold layer as the working layer (the desk's View ›
Working layer, or `tawsim-gui PROJECT --layer gold`); every edit then goes to that layer
through an ordinary AnnotationSession, with the adjudicator's name on it. Accepting a
predicted span (audit.acceptance says what it means) is one undoable edit of that session.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.commands import AddSpan, Batch, RemoveSpan, span_summary
from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind, Span
from annotator.services.audit import Acceptance, DocumentComparison, acceptance
from annotator.services.feedback import read_only_layers
from annotator.services.identity import Person, own_layer
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore

DEFAULT_GOLD = "gold"


@dataclass(frozen=True)
class LayerChoice:
    name: str
    kind: str  # LayerKind value; "gold" for a gold layer that does not exist yet
    exists: bool


def working_layers(project: ProjectStore, annotator: str) -> list[LayerChoice]:
    """The layers `annotator` (the name of their own layer) may work in: their own, then
    every gold layer and the layer named `gold` whatever its kind (offered, to be created on
    first use, when the project has no gold layer). Model layers and other annotators'
    layers are read, compared and exported, not edited; in a package carrying the lead's
    feedback, the feedback layer is only read."""
    read_only = read_only_layers(project)
    layers = [layer for layer in project.layers() if layer.name not in read_only]
    own = next((layer for layer in layers if layer.name == annotator), None)
    choices = [LayerChoice(annotator, (own.kind if own else LayerKind.ANNOTATOR).value,
                           own is not None)]
    golds = [layer for layer in layers if layer.name != annotator and (
        layer.kind == LayerKind.GOLD
        or (layer.name == DEFAULT_GOLD and layer.kind != LayerKind.MODEL))]
    choices += [LayerChoice(layer.name, LayerKind.GOLD.value, True) for layer in golds]
    if not golds and all(layer.name != DEFAULT_GOLD for layer in project.layers()) \
            and annotator != DEFAULT_GOLD:
        choices.append(LayerChoice(DEFAULT_GOLD, LayerKind.GOLD.value, False))
    return choices


def working_session(project: ProjectStore, annotator: str, layer: str | None = None, *,
                    person: Person | None = None) -> AnnotationSession:
    """A session writing to `layer` (the annotator's own layer when None). A layer that does
    not exist yet is created as a gold layer unless it is the annotator's own.

    With `person`, the annotator's own layer is the one recording their id (identity.
    own_layer): a second person with the same name gets a layer of their own."""
    own = own_layer(project, person) if person is not None else annotator.strip()
    if layer is None or layer == own:
        return AnnotationSession(project, annotator, layer=own)
    if layer in read_only_layers(project):
        raise TawsimError(f"layer {layer!r} is the lead's feedback: it is read-only in this "
                          "package", path=str(project.path))
    existing = {item.name: item.kind for item in project.layers()}
    kind = existing.get(layer, LayerKind.GOLD)
    if kind == LayerKind.MODEL:
        raise TawsimError(f"layer {layer!r} holds a model's predictions; work in your own "
                          "layer or a gold layer and accept predictions into it")
    return AnnotationSession(project, annotator, layer=layer, layer_kind=kind)


def accept_prediction(session: AnnotationSession, comparison: DocumentComparison,
                      predicted_span_id: str) -> Acceptance:
    """Carry out what accepting a predicted span means into the session's layer (which must
    be the comparison's gold side), as one undoable edit; returns the plan that was done."""
    if comparison.gold_layer != session.layer:
        raise TawsimError(f"the comparison's gold side is {comparison.gold_layer!r}, but the "
                          f"working layer is {session.layer!r}")
    plan = acceptance(comparison, predicted_span_id)
    doc_id = comparison.doc_id
    if plan.action == "add":
        session.add_span(doc_id, plan.start, plan.end, plan.label, plan.attrs)
    elif plan.action == "move":
        assert plan.gold_span is not None
        session.move_span(plan.gold_span, plan.start, plan.end)
    elif plan.action == "relabel":
        assert plan.gold_span is not None
        session.relabel(plan.gold_span, plan.label)
    elif plan.action == "replace":
        assert plan.gold_span is not None
        old = session.span(plan.gold_span)
        text = session.project.annotations_writer.text_of(doc_id)
        new = Span(doc_id=doc_id, layer=session.layer, start=plan.start, end=plan.end,
                   label=plan.label, text=text[plan.start:plan.end], attrs=dict(plan.attrs),
                   annotator=session.annotator)
        session.stack(doc_id).push(Batch([RemoveSpan(old), AddSpan(new)],
                                         span_summary("accept", new),
                                         action="accept_prediction"))
    return plan
