"""Link mode: from a selected claim, point a link (its SOURCE) at another span.

S (the relation's own key in the scheme) starts it; the spans the link may point to get a
dashed outline and a list beside the claim offers them nearest first. A click on a span in
the text or a choice in the list makes the link; a span the scheme does not allow is refused
with the scheme's own message, and the annotator can try again. Esc cancels. The same mode
re-points an existing link ("Change…" in the links panel).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor

from annotator.core.commands.summary import shorten
from annotator.core.model import Annotations, Span
from annotator.core.scheme import RelationDef
from annotator.services.claims import link_candidates
from annotator.ui.claims.link_marks import LinkMarks
from annotator.ui.claims.link_picker import LinkPicker
from annotator.ui.common.i18n import language, tr
from annotator.ui.context import DeskContext

LIST_LIMIT = 40  # candidates listed beside the claim, nearest first


@dataclass(frozen=True)
class LinkMode:
    relation: RelationDef
    head: Span
    relation_id: str | None = None  # set when re-pointing an existing link


class LinkController(QObject):
    message = Signal(str)
    modeChanged = Signal(bool)

    def __init__(self, context: DeskContext, marks: LinkMarks,
                 annotations: Callable[[], Annotations | None]) -> None:
        super().__init__(context)
        self.context = context
        self.marks = marks
        self.annotations = annotations  # the open document's spans and links, as shown
        self.view = context.view
        self.mode: LinkMode | None = None
        self.picker = LinkPicker(self.view)
        self.picker.chosen.connect(self._chosen)
        self.picker.cancelled.connect(self.cancel)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.mode is not None

    def start(self, relation: RelationDef, head: Span, relation_id: str | None = None) -> None:
        desk = self.context.session
        annotations = self.annotations()
        if desk is None or annotations is None:
            return
        self.cancel(quietly=True)
        lang = language()
        scheme = desk.scheme
        tails = tr(" or ").join(scheme.label(name).display(lang) for name in relation.tails)
        candidates = link_candidates(scheme, annotations, head.id, relation.name)
        if not candidates:
            self.message.emit(tr("No {labels} span to link to yet: mark it first.",
                                 labels=tails))
            return
        self.mode = LinkMode(relation, head, relation_id)
        self.marks.show_candidates({span.id for span in candidates})
        near = self._rect_of(head)  # (scrolls the claim into view first if need be)
        offset = self.view.viewport().pos()
        avoid = [box.toRect().translated(offset) for span_id, boxes
                 in self.marks.visible_rects().items() for box in boxes
                 if span_id in self.marks.candidates]
        title = tr("{relation} of this {label}: click a span of {labels} in the text, or "
                   "choose one here (Esc cancels).", relation=relation.display(lang),
                   label=scheme.label(head.label).display(lang), labels=tails)
        # The list offers the nearest ones; any other is a click away in the text.
        self.picker.offer(title, candidates[:LIST_LIMIT], scheme, near, avoid)
        self.message.emit(title)
        self.modeChanged.emit(True)

    def cancel(self, *, quietly: bool = False) -> None:
        if self.mode is None:
            return
        self.mode = None
        self.picker.hide()
        self.marks.show_candidates(set())
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not quietly:
            self.message.emit(tr("Linking cancelled."))
        self.modeChanged.emit(False)

    # -- choosing --------------------------------------------------------------------------

    def _chosen(self, span_id: str) -> None:
        mode, desk, doc_id = self.mode, self.context.session, self.context.doc_id
        if mode is None or desk is None or doc_id is None:
            return
        if mode.relation_id is not None:
            relation = desk.retarget(doc_id, mode.relation_id, span_id)
        else:
            relation = desk.link(mode.relation.name, mode.head.id, span_id)
        if relation is None:
            return  # refused: the status bar says why; the annotator may choose again
        target = self.view.index.get(span_id)
        self.cancel(quietly=True)
        self.message.emit(tr("Linked: {relation} → {span}",
                             relation=mode.relation.display(language()),
                             span=shorten(target.text, 40) if target else ""))

    def _click(self, event: QMouseEvent) -> None:
        mode, desk = self.mode, self.context.session
        if mode is None or desk is None:
            return
        character = self.view.character_at(event.position().toPoint())
        spans = [s for s in self.view.index.at(character) if s.id != mode.head.id] \
            if character >= 0 else []
        allowed = [s for s in spans if s.label in mode.relation.tails]
        if allowed:
            self._chosen(allowed[0].id)
        elif spans:
            # Let the session refuse it, so the message is the scheme's own.
            self._chosen(spans[0].id)
        else:
            lang = language()
            self.message.emit(tr("Click a span of {labels}, or press Esc.", labels=tr(" or ").join(
                desk.scheme.label(name).display(lang) for name in mode.relation.tails)))

    # -- events ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if self.mode is None:
            return False
        kind = event.type()
        if watched is self.view and kind == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        if watched is self.view.viewport() and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            # The click chooses a span; it neither moves the cursor nor selects text.
            if kind == QEvent.Type.MouseButtonRelease:
                self._click(event)
            return kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                            QEvent.Type.MouseButtonDblClick)
        return False

    def _rect_of(self, span: Span) -> QRect:
        """Where the span starts on screen (it is revealed first if it is off screen)."""
        if not self.view.viewport().rect().intersects(self._cursor_rect(span.start)):
            self.view.reveal(span.start, span.end)
        start, end = self._cursor_rect(span.start), self._cursor_rect(span.end)
        rect = start.united(end) if start.top() == end.top() else start
        return rect.translated(self.view.viewport().pos())

    def _cursor_rect(self, position: int) -> QRect:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.units.to_utf16(position))
        return self.view.cursorRect(cursor)
