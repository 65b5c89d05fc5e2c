"""What hovering a span shows: its label, attributes, note and who made it."""

from __future__ import annotations

import html

from annotator.core.commands.summary import shorten
from annotator.core.model import Span
from annotator.core.scheme import Scheme
from annotator.ui.common.i18n import language, tr


def span_summary(span: Span, scheme: Scheme) -> str:
    """One span as rich text: a coloured label name, then its details."""
    lang = language()
    label = scheme.label(span.label) if scheme.has_label(span.label) else None
    name = label.display(lang) if label else span.label
    color = label.color if label else "#888888"
    lines = [f'<span style="background:{color}">&nbsp;{html.escape(name)}&nbsp;</span> '
             f"{html.escape(shorten(span.text, 60))}"]
    for key, value in span.attrs.items():
        definition = label.attribute(key) if label else None
        shown_key = definition.display(lang) if definition else key
        shown_value = str(value)
        if definition is not None:
            match = next((v for v in definition.values if v.name == value), None)
            shown_value = match.display(lang) if match else shown_value
        lines.append(f"{html.escape(shown_key)}: {html.escape(shown_value)}")
    if span.note:
        lines.append(tr("Note: {note}", note=html.escape(span.note)))
    lines.append(tr("By {annotator}", annotator=html.escape(span.annotator or "?")))
    return "<br>".join(lines)


def span_tooltip(spans: list[Span], scheme: Scheme) -> str:
    direction = "rtl" if language() == "ar" else "ltr"
    body = "<hr>".join(span_summary(span, scheme) for span in spans)
    return f'<div dir="{direction}">{body}</div>'
