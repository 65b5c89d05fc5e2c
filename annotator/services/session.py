"""One annotator at work in a project: the editing use cases the desk calls.

Each annotator writes to their own layer (named after them). Every edit goes through a
per-document command stack from the core, so undo and redo work the same from the app, the
tests and any script, and each edit is saved at once in its own transaction. What the
session reads (documents, annotations, statuses) is in `session_reading`; how an edge moves
by a character or a word is in `span_edges`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from annotator.core.commands import (
    AddRelation,
    AddSpan,
    Batch,
    Change,
    Command,
    CommandStack,
    EditSummary,
    RemoveRelation,
    RemoveSpan,
    SetStatus,
    StaleEdit,
    UpdateRelation,
    UpdateSpan,
)
from annotator.core.commands.revisions import Revisions
from annotator.core.errors import SchemeError, TawsimError, translatable
from annotator.core.model import Annotations, LayerKind, Relation, Span, Status
from annotator.services.session_reading import ReadingSession
from annotator.services.span_edges import step_edge
from annotator.storage import ProjectStore
from annotator.storage.annotations import AnnotationRepository

__all__ = ["AnnotationSession", "ReadingSession", "SessionListener", "StaleEdit"]

SessionListener = Callable[[str, list[Change]], None]


class AnnotationSession(ReadingSession):
    """An annotator's edits of their layer, each undoable and saved at once.

    Another window or program may write the same file at the same time. The session
    remembers what it last saw of each document (its `seen` revisions: what `annotations`
    returned, and what it wrote since), and every edit, undo and redo applies only to rows
    that are still so; otherwise it raises StaleEdit having written nothing, and the caller
    reads the document again (which makes the new state the one seen). Every write is
    checked against the scheme stored at that moment.
    """

    def __init__(self, project: ProjectStore, annotator: str, *, layer: str | None = None,
                 layer_kind: LayerKind = LayerKind.ANNOTATOR) -> None:
        annotator = annotator.strip()
        if not annotator:
            raise TawsimError(translatable("an annotator name is needed"))
        super().__init__(project, layer or annotator)
        self.annotator = annotator
        project.ensure_layer(self.layer, layer_kind)
        self.seen = Revisions()
        self.writer = AnnotationRepository(project, self.seen)
        self._stacks: dict[str, CommandStack] = {}
        self._listeners: list[SessionListener] = []

    # -- listening -------------------------------------------------------------------------

    def subscribe(self, listener: SessionListener) -> None:
        """`listener(doc_id, changes)` is called after every saved edit, undo and redo."""
        self._listeners.append(listener)

    def stack(self, doc_id: str) -> CommandStack:
        stack = self._stacks.get(doc_id)
        if stack is None:
            stack = CommandStack(self.writer, self.annotator)
            stack.subscribe(lambda changes, d=doc_id: self._notify(d, changes))
            self._stacks[doc_id] = stack
        return stack

    def _notify(self, doc_id: str, changes: list[Change]) -> None:
        self._watch.own_write(doc_id)  # this session's own edit is no news at the next look
        for listener in list(self._listeners):
            listener(doc_id, changes)

    def _push(self, command: Command) -> list[Change]:
        return self.stack(command.doc_id).push(command)

    # -- what the session has seen ---------------------------------------------------------

    def annotations(self, doc_id: str) -> Annotations:
        """The document's annotations in this layer, now seen: the edits that follow apply
        to them as they are here."""
        annotations = super().annotations(doc_id)
        self.seen.saw_document(doc_id, (*annotations.spans, *annotations.relations),
                               annotations.status)
        return annotations

    def _editable(self, span_id: str) -> Span:
        """The span as stored, to edit: StaleEdit if it is not as this session last saw
        it. Also reads the stored scheme, so the checks before the edit use the current one."""
        self.writer.scheme_now()
        span = self.writer.current_span(span_id)
        if span is None and self.seen.knows(Span, span_id):
            raise StaleEdit("span")  # it was there when this session looked
        span = self.span(span_id) if span is None else span
        if span.layer != self.layer:
            raise TawsimError(translatable("that span belongs to layer {layer!r}, not "
                                           "{working!r}"),
                              fields={"layer": span.layer, "working": self.layer})
        self.seen.check(span)
        return span

    # -- spans -----------------------------------------------------------------------------

    def _new_span(self, doc_id: str, start: int, end: int, label: str,
                  attrs: dict[str, Any] | None, note: str) -> Span:
        text = self.writer.text_of(doc_id)
        if not (0 <= start < end <= len(text)):
            raise TawsimError(translatable("a span needs 0 <= start < end <= {length}, not "
                                           "{start}-{end}"),
                              fields={"length": len(text), "start": start, "end": end})
        return Span(doc_id=doc_id, layer=self.layer, start=start, end=end, label=label,
                    text=text[start:end], attrs=dict(attrs or {}), note=note,
                    annotator=self.annotator)

    def add_span(self, doc_id: str, start: int, end: int, label: str,
                 attrs: dict[str, Any] | None = None, note: str = "") -> Span:
        span = self._new_span(doc_id, start, end, label, attrs, note)
        self._push(AddSpan(span))
        return span

    def add_spans(self, doc_id: str, items: Iterable[tuple[int, int, str]]) -> list[Span]:
        """Several spans as one undoable edit; ones the layer already has are left out."""
        existing = {(s.start, s.end, s.label) for s in self.project.spans(doc_id, self.layer)}
        spans = []
        for start, end, label in items:
            if (start, end, label) in existing:
                continue
            existing.add((start, end, label))
            spans.append(self._new_span(doc_id, start, end, label, None, ""))
        if spans:
            self._push(Batch([AddSpan(s) for s in spans],
                             EditSummary("label_all", count=len(spans)), action="add_spans"))
        return spans

    def remove_span(self, span_id: str) -> None:
        self._push(RemoveSpan(self._editable(span_id)))

    def relabel(self, span_id: str, label: str) -> Span:
        """Change a span's label. Attributes the new label lacks are dropped, and links the
        scheme no longer allows are removed in the same undoable edit."""
        old = self._editable(span_id)
        if old.label == label:
            return old
        definition = self.scheme.label(label)
        attrs = {k: v for k, v in old.attrs.items() if definition.attribute(k) is not None}
        new = old.with_changes(label=label, attrs=attrs)
        commands: list[Command] = []
        for relation in self.writer.relations_of_span(span_id):
            head = label if relation.head == span_id else self.project.span(relation.head).label
            tail = label if relation.tail == span_id else self.project.span(relation.tail).label
            try:
                self.scheme.check_relation(relation.type, head, tail, relation.attrs)
            except SchemeError:
                commands.append(RemoveRelation(relation))
        update = UpdateSpan(old, new, verb="relabel")
        if commands:
            self._push(Batch([*commands, update], update.summary, action="relabel"))
        else:
            self._push(update)
        return new

    def move_span(self, span_id: str, start: int, end: int) -> Span:
        old = self._editable(span_id)
        text = self.writer.text_of(old.doc_id)
        if not (0 <= start < end <= len(text)):
            raise TawsimError(translatable("a span needs 0 <= start < end <= {length}, not "
                                           "{start}-{end}"),
                              fields={"length": len(text), "start": start, "end": end})
        if (start, end) == (old.start, old.end):
            return old  # no edit, nothing to undo
        new = old.with_changes(start=start, end=end, text=text[start:end])
        self._push(UpdateSpan(old, new, verb="resize"))
        return new

    def nudge_edge(self, span_id: str, edge: str, step: int, unit: str = "char") -> Span | None:
        """Move one edge of a span by a grapheme cluster or a word, earlier (step -1) or later
        (+1). The edge skips spaces and punctuation so it never lands beside them, and a span
        never shrinks to nothing; returns None (and changes nothing) when it cannot move."""
        if edge not in ("start", "end") or step not in (-1, 1) or unit not in ("char", "word"):
            raise ValueError(f"cannot move the {edge} edge by {step} {unit}")
        span = self._editable(span_id)
        text = self.writer.text_of(span.doc_id)
        position = span.start if edge == "start" else span.end
        moved = step_edge(text, position, edge, step, unit)
        start, end = (moved, span.end) if edge == "start" else (span.start, moved)
        if moved == position or not 0 <= start < end <= len(text):
            return None
        return self.move_span(span_id, start, end)

    def set_attribute(self, span_id: str, name: str, value: str | None) -> Span:
        """Set (or with None clear) one attribute; setting the value it has already is no
        edit, so it leaves nothing to undo."""
        old = self._editable(span_id)
        if old.attrs.get(name) == value:
            return old
        attrs = dict(old.attrs)
        if value is None:
            attrs.pop(name, None)
        else:
            attrs[name] = value
        self.scheme.check_span_label(old.label, attrs)
        new = old.with_changes(attrs=attrs)
        self._push(UpdateSpan(old, new, verb="set", attribute=name))
        return new

    def set_note(self, span_id: str, note: str) -> Span:
        old = self._editable(span_id)
        if old.note == note:
            return old
        new = old.with_changes(note=note)
        self._push(UpdateSpan(old, new, verb="note"))
        return new

    # -- relations -------------------------------------------------------------------------

    def link(self, type_: str, head_id: str, tail_id: str,
             attrs: dict[str, Any] | None = None) -> Relation:
        head = self._editable(head_id)
        tail = self._editable(tail_id)
        if head.doc_id != tail.doc_id:
            raise TawsimError(translatable("a relation links two spans of the same document"))
        self.scheme.check_relation(type_, head.label, tail.label, attrs or {})
        relation = Relation(doc_id=head.doc_id, layer=self.layer, type=type_, head=head_id,
                            tail=tail_id, attrs=dict(attrs or {}), annotator=self.annotator)
        self._push(AddRelation(relation))
        return relation

    def _relation(self, relation_id: str, doc_id: str) -> Relation:
        self.writer.scheme_now()
        relation = self.writer.current_relation(relation_id)
        if relation is None or relation.doc_id != doc_id or relation.layer != self.layer:
            if relation is None and self.seen.knows(Relation, relation_id):
                raise StaleEdit("link")  # it was there when this session looked
            raise TawsimError(translatable("no relation {id!r} in this document's layer"),
                              fields={"id": relation_id})
        self.seen.check(relation)
        return relation

    def unlink(self, doc_id: str, relation_id: str) -> None:
        self._push(RemoveRelation(self._relation(relation_id, doc_id)))

    def retarget(self, doc_id: str, relation_id: str, *, head: str | None = None,
                 tail: str | None = None, type_: str | None = None) -> Relation:
        """Point a link at another span (or change its type); checked against the scheme
        before anything is saved, like a new link."""
        old = self._relation(relation_id, doc_id)
        if (head or old.head, tail or old.tail, type_ or old.type) == \
                (old.head, old.tail, old.type):
            return old
        new = old.with_changes(head=head or old.head, tail=tail or old.tail,
                               type=type_ or old.type)
        head_span, tail_span = self.span(new.head), self.span(new.tail)
        if head_span.doc_id != doc_id or tail_span.doc_id != doc_id:
            raise TawsimError(translatable("a relation links two spans of the same document"))
        self.scheme.check_relation(new.type, head_span.label, tail_span.label, new.attrs)
        self._push(UpdateRelation(old, new))
        return new

    # -- status, undo ----------------------------------------------------------------------

    def set_status(self, doc_id: str, status: Status) -> None:
        """Mark a document done, reviewed or in progress again, as an undoable edit of its
        stack (the same status again is no edit)."""
        status = Status(status)
        old = self.project.status(doc_id, self.layer)  # as stored, not as shown
        self.seen.check_status(doc_id, old)
        if old != status:
            self._push(SetStatus(doc_id, self.layer, old, status))

    def undo(self, doc_id: str) -> list[Change]:
        return self.stack(doc_id).undo()

    def forget_history(self) -> None:
        """Drop every document's undo and redo steps: after a scheme change the recorded
        edits name labels, attributes and relation types that may no longer exist."""
        for stack in self._stacks.values():
            stack.clear()

    def redo(self, doc_id: str) -> list[Change]:
        return self.stack(doc_id).redo()

    # -- time ------------------------------------------------------------------------------

    def add_active_time(self, doc_id: str, seconds: float) -> None:
        """Record `seconds` of active work on `doc_id` in this session's layer."""
        self.project.add_work_time(doc_id, self.layer, seconds)

    def active_time(self, doc_id: str) -> float:
        return self.project.work_time(doc_id, self.layer)
