"""Searching the whole project from the search panel, off the window's thread.

Each search is a background job with its own connection to the project file: it brings the
search index up to date if articles were imported since (with a progress bar and Cancel),
then reads one page of hits. Choosing a hit opens its document with the hit selected at its
code points. A newer search cancels the one running; a late answer to an old query is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt

from annotator.services.search import (
    SearchHit,
    SearchOptions,
    count_documents_holding,
    index_state,
    iter_search_hits,
)
from annotator.ui.common.background import JobCancelled, ProjectJob, Work
from annotator.ui.common.i18n import tr
from annotator.ui.common.plurals import articles, hits
from annotator.ui.common.session import DeskSession
from annotator.ui.context import DeskContext
from annotator.ui.search.hit_list import HitRow
from annotator.ui.search.panel import SearchPanel

PAGE = 100


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    more: bool


def search_work(query: str, options: SearchOptions, after: SearchHit | None) -> Work:
    def work(project: Any, progress: Any, cancelled: Any) -> SearchResult:
        hits: list[SearchHit] = []
        more = False
        for hit in iter_search_hits(project, query, options, after=after, progress=progress,
                                    cancelled=cancelled):
            if len(hits) == PAGE:
                more = True
                break
            hits.append(hit)
        if cancelled():
            raise JobCancelled()
        return SearchResult(hits, more)

    return work


def count_work(query: str) -> Work:
    def work(project: Any, _progress: Any, _cancelled: Any) -> tuple[int, bool]:
        return count_documents_holding(project, query)

    return work


class ProjectSearch(QObject):
    def __init__(self, context: DeskContext, panel: SearchPanel) -> None:
        super().__init__(context)
        self.context = context
        self.runner = context.runner
        self.panel = panel
        self.desk: DeskSession | None = None
        self.job: ProjectJob | None = None
        self.last: SearchHit | None = None
        self.documents: int | None = None
        self.exact = True  # whether the count of articles is exact, or at most
        self.asked = 0  # counts the searches asked for: a late count of an old one is dropped
        panel.searchRequested.connect(lambda: self.search(append=False))
        panel.moreRequested.connect(lambda: self.search(append=True))
        panel.cancelRequested.connect(self.cancel)
        panel.hitChosen.connect(self.open_hit)
        panel.hitActivated.connect(self.go_to_hit)

    def set_session(self, desk: DeskSession | None) -> None:
        self.cancel()
        self.desk = desk
        self.panel.show_hits([], append=False, more=False)
        self.panel.say("")

    def search(self, *, append: bool) -> None:
        query = self.panel.query.strip()
        if self.desk is None:
            return
        if not query:
            self.cancel()
            self.panel.show_hits([], append=False, more=False)
            self.panel.say("")
            return
        after = self.last if append else None
        if not append:
            self.asked += 1
        pending = index_state(self.desk.project).pending
        job = ProjectJob(self.desk.path, search_work(query, self.panel.options(), after),
                         name="projectSearch")
        done = [0]

        def advance(count: int) -> None:
            done[0] += count
            if job is self.job:
                self.panel.show_busy(True, done[0], pending)
                self.panel.say(tr("Indexing new articles for search: {done} of {total}…",
                                  done=done[0], total=pending))

        job.progressed.connect(advance)
        job.succeeded.connect(lambda result: self._show(job, result, append))
        job.failed.connect(lambda message: self._failed(job, message))
        job.ended.connect(lambda: job is self.job and self._ended())
        self.job = job
        self.panel.show_busy(True, 0, pending if pending else 0)
        self.panel.say(tr("Searching…"))
        self.runner.submit(job)

    def cancel(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            self.runner.cancel(job)
            self.panel.say(tr("Search cancelled."))
        self.panel.show_busy(False)

    def _ended(self) -> None:
        self.job = None
        self.panel.show_busy(False)

    def _failed(self, job: ProjectJob, message: str) -> None:
        if job is self.job:
            self.panel.say(message)

    def _show(self, job: ProjectJob, result: SearchResult, append: bool) -> None:
        if job is not self.job:
            return  # an answer to an older query
        rows = [HitRow(hit.title or hit.doc_id, hit.context_before, hit.text,
                       hit.context_after, hit) for hit in result.hits]
        self.panel.show_hits(rows, append=append, more=result.more)
        if result.hits:
            self.last = result.hits[-1]
        if not append:
            self.documents = None
            if rows and self.desk is not None:
                # The hits are on screen; how many articles hold the query comes next (a
                # phrase of common words can take longer to count than to show).
                counting = ProjectJob(self.desk.path, count_work(self.panel.query.strip()),
                                      name="searchCount")
                asked = self.asked
                counting.succeeded.connect(lambda n: asked == self.asked and self._counted(n))
                self.runner.submit(counting)
        self._summarise()

    def _counted(self, counted: tuple[int, bool]) -> None:
        self.documents, self.exact = counted
        self._summarise()

    def _summarise(self) -> None:
        shown = self.panel.model.rowCount()
        if shown == 0:
            self.panel.say(tr("No hits for “{query}”.", query=self.panel.query.strip()))
        elif self.documents is None:
            self.panel.say(tr("{hits} shown.", hits=hits(shown)))
        elif self.panel.options() == SearchOptions() and self.exact:
            self.panel.say(tr("{hits} shown, in {articles}.", hits=hits(shown),
                              articles=articles(self.documents)))
        else:
            self.panel.say(tr("{hits} shown, in at most {articles}.",
                              hits=hits(shown), articles=articles(self.documents)))

    def open_hit(self, hit: SearchHit) -> None:
        """Show the hit's document with the hit selected (the focus stays in the list)."""
        context = self.context
        if context.session is None:
            return
        if context.doc_id != hit.doc_id:
            context.open_document(hit.doc_id)
        view = context.view
        view.reveal(hit.start, hit.end)
        view.select_range(hit.start, hit.end)
        view.ensureCursorVisible()

    def go_to_hit(self, hit: SearchHit) -> None:
        self.open_hit(hit)
        self.context.view.setFocus(Qt.FocusReason.OtherFocusReason)
