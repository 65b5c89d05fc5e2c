"""The scheme's letter keys on a selected span: a relation's key (S) starts a link, an
attribute value's key (A, R, D, U for a claim's stance) sets it.

The keys depend on the selected span's label, and an annotator on the Arabic layout types
Arabic letters with the same keys, so they are matched here through the scheme
(`hotkey_of`) rather than registered as fixed shortcuts. Digits stay the label actions' own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from annotator.core.scheme import Scheme, hotkey_of
from annotator.ui.claims.linking import LinkController
from annotator.ui.common.i18n import language, tr
from annotator.ui.context import DeskContext

_PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class SpanKeys(QObject):
    labelKeyPressed = Signal(str)  # a label's key on another layout: the shell labels

    def __init__(self, context: DeskContext, linking: LinkController) -> None:
        super().__init__(context)
        self.context = context
        self.linking = linking

    def watch(self, widget: QWidget) -> None:
        """Let the keys work while `widget` has the focus (the article, the panel)."""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        if len(text) != 1 or not text.isprintable() or text.isspace() \
                or event.modifiers() & ~_PLAIN or ("0" <= text <= "9"):
            return False
        return self.press(text)

    def press(self, text: str) -> bool:
        """Act on one typed character; False when it is none of the scheme's keys."""
        desk = self.context.session
        if desk is None or self.context.doc_id is None:
            return False
        scheme = desk.scheme
        key = hotkey_of(text)
        span = self.context.selected_span()
        lang = language()
        if span is not None and scheme.has_label(span.label):
            relation = scheme.relation_for_hotkey(span.label, text)
            if relation is not None:
                self.linking.start(relation, span)
                return True
            hit = scheme.value_for_hotkey(span.label, text)
            if hit is not None:
                attribute, value = hit
                if desk.set_attribute(span.id, attribute.name, value.name) is not None:
                    self.context.say(f"{attribute.display(lang)}: {value.display(lang)}")
                return True
        label = scheme.label_for_hotkey(text)
        if label is not None and not text.isascii():
            # A label key typed on another layout (the ASCII one is the action's shortcut).
            self.labelKeyPressed.emit(label.name)
            return True
        explain = _explanation(scheme, key, span.label if span else None, lang)
        if explain is not None:
            self.context.say(explain())
            return True
        return False


def _explanation(scheme: Scheme, key: str, label: str | None,
                 lang: str) -> Callable[[], str] | None:
    """Why a key of the scheme does nothing here, or None when it is no key of the scheme."""
    relation = next((r for r in scheme.relations if r.hotkey and r.hotkey.lower() == key), None)
    valued = any(v.hotkey and v.hotkey.lower() == key
                 for owner in (*scheme.labels, *scheme.relations)
                 for a in owner.attributes for v in a.values)
    if relation is None and not valued:
        return None
    if label is None:
        return lambda: tr("Select a span first: click it, or press Tab.")
    name = scheme.label(label).display(lang)
    if relation is not None:
        heads = tr(" or ").join(scheme.label(n).display(lang) for n in relation.heads)
        tails = tr(" or ").join(scheme.label(n).display(lang) for n in relation.tails)
        return lambda: tr("A span of {label} starts no {relation} link: {relation} links go "
                          "from {heads} to {tails}.", label=name,
                          relation=relation.display(lang), heads=heads, tails=tails)
    return lambda: tr("Key {key} sets nothing on a span of {label}.", key=key.upper(), label=name)
