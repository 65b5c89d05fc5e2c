"""What an edit did, in the interface language, for the Undo and Redo menu items.

The core describes each command in plain English ("add LOCATION “…”", "set stance of CLAIM
“…”", "link SOURCE"); this reads those descriptions back into their parts, names labels,
attributes and link types as the scheme does in the interface language, and builds the
sentence from the catalogue. A description it does not know gets None (the menu then says
only Undo or Redo).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from annotator.core.errors import SchemeError
from annotator.core.scheme import Scheme
from annotator.ui.i18n import language, tr
from annotator.ui.plurals import spans

_QUOTED = r"(?P<label>\S+) “(?P<text>.*)”"
Namer = Callable[[re.Match[str], Scheme], str]


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


def _span(match: re.Match[str], scheme: Scheme) -> dict[str, str]:
    return {"label": _label(scheme, match["label"]), "quote": match["text"]}


def _link(match: re.Match[str], scheme: Scheme) -> str:
    return _relation(scheme, match["relation"])


_STATUSES = {
    "done": lambda: tr("mark as done"),
    "in progress": lambda: tr("mark as in progress"),
    "reviewed": lambda: tr("mark as reviewed"),
    "new": lambda: tr("mark as new"),
}

_PATTERNS: list[tuple[re.Pattern[str], Namer]] = [
    (re.compile(f"add {_QUOTED}"), lambda m, s: tr("add {label} “{quote}”", **_span(m, s))),
    (re.compile(f"delete {_QUOTED}"),
     lambda m, s: tr("delete {label} “{quote}”", **_span(m, s))),
    (re.compile(f"resize {_QUOTED}"),
     lambda m, s: tr("resize {label} “{quote}”", **_span(m, s))),
    (re.compile(f"note on {_QUOTED}"),
     lambda m, s: tr("note on {label} “{quote}”", **_span(m, s))),
    (re.compile(f"accept {_QUOTED}"),
     lambda m, s: tr("accept {label} “{quote}”", **_span(m, s))),
    (re.compile(f"relabel as \\S+: {_QUOTED}"),
     lambda m, s: tr("relabel as {label}: “{quote}”", **_span(m, s))),
    (re.compile(f"set (?P<attribute>\\S+) of {_QUOTED}"),
     lambda m, s: tr("set {attribute} of {label} “{quote}”", **_span(m, s),
                     attribute=_attribute(s, m["label"], m["attribute"]))),
    (re.compile(r"link (?P<relation>\S+)"),
     lambda m, s: tr("link {relation}", relation=_link(m, s))),
    (re.compile(r"unlink (?P<relation>\S+)"),
     lambda m, s: tr("unlink {relation}", relation=_link(m, s))),
    (re.compile(r"change (?P<relation>\S+) link"),
     lambda m, s: tr("change {relation} link", relation=_link(m, s))),
    (re.compile(r"label all \((?P<count>\d+)\)"),
     lambda m, s: tr("label all ({spans})", spans=spans(int(m["count"])))),
    (re.compile(r"mark as (?P<status>.+)"),
     lambda m, s: _STATUSES[m["status"]]() if m["status"] in _STATUSES else ""),
]


def edit_name(description: str | None, scheme: Scheme) -> str | None:
    """The edit `description` names, said in the interface language (None if unknown)."""
    if not description:
        return None
    for pattern, namer in _PATTERNS:
        match = pattern.fullmatch(description)
        if match is not None:
            return namer(match, scheme) or None
    return None
