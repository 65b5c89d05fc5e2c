"""What the curation panel says about the open document, and the question Mark reviewed asks.

The summary line counts every item of the document once: the places still to decide (by
kind: not in gold, annotators differ…), the places the lead has decided (gold holds one
annotator's version exactly) and the places every annotator and gold agree on. So the
figures add up, and an accept moves one place from the first group to the second.

Marking a document reviewed while places are still undecided asks first: the annotators'
feedback reads a reviewed gold as the lead's last word, and a span the lead never looked at
would read as left out on purpose.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.curation import (
    AGREED,
    ANNOTATORS_DISAGREE,
    GOLD_DIFFERS,
    MISSING_IN_GOLD,
    ONLY_IN_GOLD,
)
from annotator.services.curation import CurationView
from annotator.ui.common.i18n import tr, trn
from annotator.ui.common.plain import message_box
from annotator.ui.compare.curation_model import kind_name

UNDECIDED_ORDER = (MISSING_IN_GOLD, ANNOTATORS_DISAGREE, GOLD_DIFFERS, ONLY_IN_GOLD)


def curation_summary(view: CurationView | None) -> str:
    """"2 places to decide (Not in gold 1, Annotators differ 1) · Decided 2 · Agreed 5"."""
    if view is None:
        return ""
    if not view.annotator_layers:
        return tr("No annotator has worked on this document yet.")
    undecided = view.places_to_decide()
    places = trn("{count} place to decide", "{count} places to decide", len(undecided))
    kinds = Counter(item.kind for item in undecided)
    if kinds:
        places += " (" + tr(", ").join(f"{kind_name(kind)} {kinds[kind]}"
                                       for kind in UNDECIDED_ORDER if kinds[kind]) + ")"
    decided = len(view.disagreements()) - len(undecided)
    agreed = view.counts().get(AGREED, 0)
    parts = [places]
    if decided:
        parts.append(tr("Decided") + f" {decided}")
    if agreed:
        parts.append(f"{kind_name(AGREED)} {agreed}")
    return " · ".join(parts)


def review_anyway(parent: QWidget | None, undecided: int) -> bool:
    """Ask before marking reviewed a document with places still to decide (Cancel is the
    default: Enter does not mark it)."""
    text = trn(
        "{count} place in this document is still undecided: gold has none of the annotators' "
        "versions there.",
        "{count} places in this document are still undecided: gold has none of the "
        "annotators' versions there.", undecided)
    text += "\n\n" + tr(
        "Once the document is marked reviewed, each annotator's feedback reads gold as "
        "your last word: a span gold lacks shows as left out by you.") + "\n\n" + tr(
        "Mark it reviewed anyway?")
    box = message_box(parent, QMessageBox.Icon.Question, tr("Mark reviewed"), text,
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText(tr("Mark reviewed"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Ok
