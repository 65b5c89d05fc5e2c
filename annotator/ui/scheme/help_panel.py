"""The help panel (F1): the project's own guidelines, from its scheme, in the interface
language: every label, attribute, value and relation type with its definition, Arabic
example and key, then the keys for links, attributes and notes."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from annotator.core.scheme import Scheme
from annotator.services.guidelines import guide_html
from annotator.ui.common.i18n import language, tr


def keys_html(scheme: Scheme) -> str:
    """The keys that act on the selected span, beyond the label keys the guide lists."""
    lang = language()
    rows: list[tuple[str, str]] = []
    for relation in scheme.relations:
        if relation.hotkey:
            heads = tr(" or ").join(scheme.label(n).display(lang) for n in relation.heads)
            rows.append((relation.hotkey.upper(),
                         tr("Link the selected {label} with {relation}: then click the span "
                            "or choose it from the list", label=heads,
                            relation=relation.display(lang))))
    for owner in (*scheme.labels, *scheme.relations):
        for attribute in owner.attributes:
            keys = [f"{v.hotkey.upper()} {v.display(lang)}" for v in attribute.values
                    if v.hotkey]
            if keys:
                rows.append((" · ".join(keys),
                             tr("{attribute} of the selected {label}",
                                attribute=attribute.display(lang),
                                label=owner.display(lang))))
    rows += [
        ("Esc", tr("Cancel linking")),
        ("F2", tr("Write a note on the selected span (Enter saves it)")),
        ("Del", tr("In the links list: remove the link")),
    ]
    cells = "".join(f"<tr><td dir='ltr'><b>{html.escape(key)}</b></td>"
                    f"<td>{html.escape(what)}</td></tr>" for key, what in rows)
    heading = html.escape(tr("Keys"))  # outside the f-string, where gettext's extractor sees it
    return f"<h2>{heading}</h2><table cellpadding='3'>{cells}</table>"


class HelpPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpPanel")
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)

    def show_scheme(self, scheme: Scheme) -> None:
        direction = "rtl" if language() == "ar" else "ltr"
        self.browser.setHtml(guide_html(scheme, language())
                             + f"<div dir='{direction}'>{keys_html(scheme)}</div>")
