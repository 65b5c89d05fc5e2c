"""Searching a project or one article the way an Arabic reader reads.

The query and the texts are compared after normalisation (annotator.core.normalise): الاعلام
finds الإعلام, قوات finds قوّات, and سوريا finds the سوريا inside بسوريا. Every hit carries
code-point offsets into the stored text and the original text it covers.

Project-wide, the FTS5 index names candidate documents and each candidate is confirmed on its
stored text, so hits come in document order and a page of them costs a few dozen documents'
work however large the project. The index is brought up to date before each search; the desk
may also call `update_search_index` in the background after an import, with a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from annotator.core.errors import TawsimError
from annotator.core.matching import TextMatch, find_matches, query_key
from annotator.core.normalise import (
    DEFAULT_FOLDING,
    NO_FOLDING,
    Folding,
    NormalisedText,
    normalise,
)
from annotator.core.proclitics import ARTICLE
from annotator.storage import ProjectStore
from annotator.storage.search_index import INDEX_FOLDING, IndexState, SearchIndex

CONTEXT_CHARS = 40
DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class SearchOptions:
    """How a query is compared.

    `exact_letters`: tell ة from ه and ى from ي (by default they read as the same letter);
    every other spelling difference is ignored either way. `whole_word`: a hit must be a
    whole word, though proclitics may precede it (سوريا finds بسوريا, not سورياتي).
    """

    exact_letters: bool = False
    whole_word: bool = False

    @property
    def folding(self) -> Folding:
        return NO_FOLDING if self.exact_letters else DEFAULT_FOLDING


@dataclass(frozen=True)
class SearchHit:
    """One hit: text == the document's stored text[start:end], in code points."""

    doc_id: str
    start: int
    end: int
    text: str
    context_before: str  # up to CONTEXT_CHARS of the text before the hit, for a result list
    context_after: str
    title: str = ""
    proclitics: str = ""  # proclitic letters written before the hit in its word ("ب")

    def as_json(self) -> dict[str, object]:
        return {"document": self.doc_id, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    more: bool  # more hits follow the last one (pass it as `after` for the next page)


# -- the index ---------------------------------------------------------------------------


def index_state(project: ProjectStore) -> IndexState:
    """How many documents are indexed and how many are waiting (for a status line)."""
    return SearchIndex(project).state()


def update_search_index(project: ProjectStore, progress: Callable[[int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None) -> int:
    """Index the documents imported since the last update; returns how many were indexed."""
    return SearchIndex(project).update(progress, cancelled)


# -- one text (Ctrl+F) ---------------------------------------------------------------------


def find_in_text(text: str, query: str,
                 options: SearchOptions | None = None) -> list[TextMatch]:
    """Every match of `query` in `text` (a document's stored text), in order. The normalised
    text of the last few documents is kept, so searching as the user types stays cheap."""
    options = options or SearchOptions()
    key = query_key(query, options.folding)
    return find_matches(_normalised(text, options.folding), key, whole_word=options.whole_word)


@lru_cache(maxsize=4)
def _normalised(text: str, folding: Folding) -> NormalisedText:
    return normalise(text, folding)


# -- the whole project -----------------------------------------------------------------------


def candidate_key(key: str) -> str:
    """What every document holding `key` contains, for the index: a query that starts with
    the article is also found after ل, where the alef is not written (للعراق)."""
    if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1:
        return key[1:]
    return key


def iter_search_hits(project: ProjectStore, query: str, options: SearchOptions | None = None,
                     *, after: SearchHit | None = None,
                     progress: Callable[[int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> Iterator[SearchHit]:
    """Every hit of `query` in the project, in document order then text order.

    `after`: resume after this hit (for paging). `progress` reports indexing, if the index
    had to catch up with new documents first. `cancelled()` is asked before each document.
    """
    options = options or SearchOptions()
    key = query_key(query, options.folding)
    if not key:
        raise TawsimError(f"nothing to search for in {query!r}: it has no letters or digits")
    index = SearchIndex(project)
    index.update(progress, cancelled)
    from_seq = project.document_seq(after.doc_id) if after is not None else 0
    for document in index.candidate_documents(candidate_key(query_key(query, INDEX_FOLDING)),
                                              from_seq=from_seq):
        if cancelled is not None and cancelled():
            return
        text = document.text
        for match in find_matches(normalise(text, options.folding), key,
                                  whole_word=options.whole_word):
            if after is not None and document.id == after.doc_id and match.start < after.end:
                continue
            yield hit_from_match(document.id, text, match, document.title)


def hit_from_match(doc_id: str, text: str, match: TextMatch, title: str = "") -> SearchHit:
    return SearchHit(
        doc_id=doc_id, start=match.start, end=match.end, text=text[match.start:match.end],
        context_before=text[max(0, match.start - CONTEXT_CHARS):match.start],
        context_after=text[match.end:match.end + CONTEXT_CHARS], title=title,
        proclitics=match.proclitics,
    )


def search_project(project: ProjectStore, query: str, options: SearchOptions | None = None,
                   *, limit: int = DEFAULT_LIMIT, after: SearchHit | None = None,
                   progress: Callable[[int], None] | None = None) -> SearchPage:
    """One page of hits: at most `limit`, after `after` if given."""
    if limit < 1:
        raise TawsimError(f"the limit must be at least 1, not {limit}")
    hits: list[SearchHit] = []
    more = False
    for hit in iter_search_hits(project, query, options, after=after, progress=progress):
        if len(hits) == limit:
            more = True
            break
        hits.append(hit)
    return SearchPage(hits, more)


def count_matching_documents(project: ProjectStore, query: str,
                             progress: Callable[[int], None] | None = None) -> int:
    """How many documents hold the query, from the index alone (milliseconds, for a "in N
    documents" line): exact for the default comparison; with whole words or exact letters,
    an upper bound. Queries shorter than three letters count every document."""
    key = candidate_key(query_key(query, INDEX_FOLDING))
    if not key:
        raise TawsimError(f"nothing to search for in {query!r}: it has no letters or digits")
    index = SearchIndex(project)
    index.update(progress)
    return index.count(key)


def count_documents_holding(project: ProjectStore, query: str) -> tuple[int, bool]:
    """count_matching_documents, and whether the count is exact (False: at most that many;
    the default comparison above CONFIRM_LIMIT candidates, or a query too short to index)."""
    key = candidate_key(query_key(query, INDEX_FOLDING))
    if not key:
        raise TawsimError(f"nothing to search for in {query!r}: it has no letters or digits")
    index = SearchIndex(project)
    index.update()
    return index.count_bound(key)


def count_search_hits(project: ProjectStore, query: str, options: SearchOptions | None = None,
                      cancelled: Callable[[], bool] | None = None) -> tuple[int, int]:
    """(hits, documents) for the whole project. Reads every candidate document: run it in the
    background on a large project; returns the counts so far if cancelled."""
    hits = 0
    documents: set[str] = set()
    for hit in iter_search_hits(project, query, options, cancelled=cancelled):
        hits += 1
        documents.add(hit.doc_id)
    return hits, len(documents)
