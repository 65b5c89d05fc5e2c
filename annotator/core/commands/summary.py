"""Describing an edit: the parts of an Undo or Redo menu item, and an English default.

Commands say what they did as an EditSummary (a verb and the label, text, attribute,
relation or status it touched) rather than as a sentence, so each interface words it itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.model import Span


@dataclass(frozen=True)
class EditSummary:
    """What an edit did, in parts, so that an interface can say it in its own language.

    `verb` is one of add, delete, edit, resize, relabel, set, note, accept, label_all, link,
    unlink, change_link and mark; the other fields are filled as the verb needs them.
    """

    verb: str
    label: str = ""
    text: str = ""  # the span's text, shortened for a menu
    attribute: str = ""
    relation: str = ""
    status: str = ""
    count: int = 0

    def __str__(self) -> str:
        quoted = f"{self.label} “{self.text}”"
        return {
            "relabel": f"relabel as {quoted}",
            "set": f"set {self.attribute} of {quoted}",
            "note": f"note on {quoted}",
            "label_all": f"label all ({self.count})",
            "link": f"link {self.relation}",
            "unlink": f"unlink {self.relation}",
            "change_link": f"change {self.relation} link",
            "mark": f"mark as {self.status.replace('_', ' ')}",
        }.get(self.verb, f"{self.verb} {quoted}")


def span_summary(verb: str, span: Span, **parts: Any) -> EditSummary:
    return EditSummary(verb, label=span.label, text=shorten(span.text), **parts)


def shorten(text: str, limit: int = 30) -> str:
    """`text` on one line of at most `limit` characters, for a menu item."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
