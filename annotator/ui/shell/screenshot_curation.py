"""The curation picture for the screenshots: a second annotator's layer on the sample
article, and the lead curating both into gold, on an item where they differ.

The second annotator (basel) marks what the first did with the differences real pairs show:
the governorate without its first word, the air defences left out, the technical fault
taken as reported rather than denied, and one claim without its source.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from annotator.services.session import AnnotationSession
from annotator.ui.shell.window import MainWindow

SECOND = "basel"
LEFT_OUT = ("الدفاعات الجوية",)
SHORTER = {"محافظة وادي النخيل": "وادي النخيل"}
OTHER_STANCE = {"عطل فني": "reported"}
NO_SOURCE = ("ثلاثة عمال",)


def second_annotator(window: MainWindow, samples: list[tuple[str, str, int]],
                     stances: dict[str, str], sources: dict[str, str]) -> None:
    """basel's layer: the sample spans, stances and links with basel's differences."""
    desk, doc_id = window.desk, window.doc_id
    assert desk is not None and doc_id is not None
    session = AnnotationSession(desk.project, SECOND)
    if session.annotations(doc_id).spans:
        return
    text = window.view.text
    made = []
    for label, mention, occurrence in samples:
        if mention in LEFT_OUT:
            continue
        mention = SHORTER.get(mention, mention)
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(mention, start + 1)
        stance = next((v for k, v in stances.items() if mention.startswith(k)), None)
        stance = next((v for k, v in OTHER_STANCE.items() if mention.startswith(k)), stance)
        made.append(session.add_span(doc_id, start, start + len(mention), label,
                                     {"stance": stance} if stance else None))
    for span in made:
        if span.text.startswith(NO_SOURCE):
            continue
        source = next((v for k, v in sources.items() if span.text.startswith(k)), None)
        actor = next((s for s in made if source and s.label == "ACTOR"
                      and s.text.startswith(source)), None)
        if actor is not None:
            session.link("SOURCE", span.id, actor.id)


def show_curation(window: MainWindow, path: str) -> None:
    """Open the curation panel (the desk moves to gold), pre-merge what both annotators
    marked alike, walk to the claim whose stance they read differently, save the window,
    and go back to the annotator's own layer."""
    own = window.desk.own_layer if window.desk is not None else None
    curation = window.curation_desk
    curation.actions.curate.setChecked(True)
    QApplication.processEvents()
    curation.actions.premerge.trigger()
    QApplication.processEvents()
    for _ in range(curation.panel.model.rowCount()):
        curation.walk(1)
        item = curation.panel.current()
        if item is not None and "stance" in item.aspects:
            break
    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(path)
    curation.actions.curate.setChecked(False)
    if own is not None:
        window.layerRequested.emit(own)
    QApplication.processEvents()
