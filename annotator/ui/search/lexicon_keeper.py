"""Readying the analyser for the open document, in the background.

The proclitic decision (which و ف ب ك ل a label key leaves out) asks a morphological
analyser about each word; its first answer for a word not seen before costs milliseconds,
and the analyser's first use on a machine costs about a second. So when a document opens and
the desk has been still for a moment, a background job asks about that document's words,
and the label keys then answer at once. Its own runner: it never waits behind, nor stops, a
search or an indexing run.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from annotator.services.lexicon import learn_document_words
from annotator.ui.common.background import JobRunner, ProjectJob, Work
from annotator.ui.context import DeskContext

START_AFTER_MS = 800  # after the article is on screen, and not for a document merely passed


def learn_work(doc_id: str) -> Work:
    def work(project: Any, _progress: Any, cancelled: Any) -> int:
        return learn_document_words(project, doc_id, cancelled=cancelled)

    return work


class LexiconKeeper(QObject):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.context = context
        self.runner = JobRunner(self)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(START_AFTER_MS)
        self._delay.timeout.connect(self._learn)

    def show_document(self) -> None:
        self._delay.start()

    def _learn(self) -> None:
        desk, doc_id = self.context.session, self.context.doc_id
        if desk is not None and doc_id is not None:
            self.runner.submit(ProjectJob(desk.path, learn_work(doc_id), name="lexicon"))

    def shutdown(self) -> None:
        self._delay.stop()
        self.runner.shutdown()
