"""What an edit did, in the interface language, for the Undo and Redo menu items.

The core gives each edit a summary in parts (a verb, the label, the span's text, the
attribute, link type or status); this names labels, attributes and link types as the scheme
does in the interface language and builds the sentence from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.core.commands import EditSummary
from annotator.core.errors import SchemeError
from annotator.core.scheme import Scheme
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.plurals import spans


def _label(scheme: Scheme, name: str) -> str:
    try:
        return scheme.label(name).display(language())
    except SchemeError:
        return name


def _relation(scheme: Scheme, name: str) -> str:
    try:
        return scheme.relation(name).display(language())
    except SchemeError:
        return name


def _attribute(scheme: Scheme, label: str, name: str) -> str:
    try:
        attribute = scheme.label(label).attribute(name)
    except SchemeError:
        attribute = None
    return attribute.display(language()) if attribute is not None else name


_STATUSES: dict[str, Callable[[], str]] = {
    "done": lambda: tr("mark as done"),
    "in_progress": lambda: tr("mark as in progress"),
    "reviewed": lambda: tr("mark as reviewed"),
    "new": lambda: tr("mark as new"),
}

# The sentences about one span, by verb; each takes the label's name and the quoted text.
_SPAN_EDITS: dict[str, Callable[..., str]] = {
    "add": lambda **parts: tr("add {label} “{quote}”", **parts),
    "delete": lambda **parts: tr("delete {label} “{quote}”", **parts),
    "resize": lambda **parts: tr("resize {label} “{quote}”", **parts),
    "note": lambda **parts: tr("note on {label} “{quote}”", **parts),
    "accept": lambda **parts: tr("accept {label} “{quote}”", **parts),
    "relabel": lambda **parts: tr("relabel as {label}: “{quote}”", **parts),
    "set": lambda **parts: tr("set {attribute} of {label} “{quote}”", **parts),
}

_LINK_EDITS: dict[str, Callable[[str], str]] = {
    "link": lambda relation: tr("link {relation}", relation=relation),
    "unlink": lambda relation: tr("unlink {relation}", relation=relation),
    "change_link": lambda relation: tr("change {relation} link", relation=relation),
}


def edit_name(summary: EditSummary | None, scheme: Scheme) -> str | None:
    """The edit `summary` names, said in the interface language (None if it has no words)."""
    if summary is None:
        return None
    verb = summary.verb
    if verb in _SPAN_EDITS:
        parts = {"label": _label(scheme, summary.label), "quote": summary.text}
        if verb == "set":
            parts["attribute"] = _attribute(scheme, summary.label, summary.attribute)
        return _SPAN_EDITS[verb](**parts)
    if verb in _LINK_EDITS:
        return _LINK_EDITS[verb](_relation(scheme, summary.relation))
    if verb == "label_all":
        return tr("label all ({spans})", spans=spans(summary.count))
    if verb == "mark" and summary.status in _STATUSES:
        return _STATUSES[summary.status]()
    return None
