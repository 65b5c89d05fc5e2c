"""Document › Review every fully agreed document…: the documents every annotator finished
identically, shown to the lead first, then put into gold and marked reviewed at once.

Each document's spans go into gold as one pre-merge edit, and each review is on the record
with the lead's name (services.review.review_fully_agreed).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from annotator.core.errors import TawsimError
from annotator.services.review import fully_agreed_preview, review_fully_agreed
from annotator.ui.common.failures import said
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import ask, inform, shown
from annotator.ui.common.plurals import documents
from annotator.ui.common.session import DeskSession
from annotator.ui.context import DeskContext

LISTED = 12  # titles shown in the question; the count says how many more


def review_all_fully_agreed(context: DeskContext, desk: DeskSession) -> None:
    try:
        preview = fully_agreed_preview(desk.project, desk.layer)
    except TawsimError as error:
        inform(context.host, tr("Nothing to review"), said(error))
        return
    found = preview.documents
    if not found:
        inform(context.host, tr("Nothing to review"), tr(
            "No document is finished identically by every annotator and not yet reviewed "
            "in {layer}.", layer=desk.layer))
        return
    names = [shown(preview.titles.get(doc, doc)) for doc in found[:LISTED]]
    if len(found) > LISTED:
        names.append(tr("… and {more}", more=documents(len(found) - LISTED)))
    question = tr("{found}: {annotators} finished them identically. Put their spans into "
                  "{layer} and mark them reviewed?", found=documents(len(found)),
                  annotators=", ".join(preview.annotator_layers), layer=desk.layer)
    answer = ask(context.host, tr("Review every fully agreed document"),
                 question + "\n\n" + "\n".join(names),
                 QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                 QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Ok:
        return
    change = desk.attempt(review_fully_agreed, desk.session, preview.annotator_layers, found)
    if change is None:
        return
    desk.notify_documents_added()  # statuses and span counts changed in many documents
    if context.doc_id is not None:
        context.open_document(context.doc_id)
    context.say(tr("Reviewed {found} in {layer}.", found=documents(len(change.changed)),
                   layer=desk.layer))
