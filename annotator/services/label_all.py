"""Label all occurrences, and proclitic trimming of a selection, by the label's policy.

Each label of the scheme says what to do with proclitics (و ف ب ك ل) at the start of a span
(`LabelDef.proclitics`): "trim" leaves them out automatically, "suggest" keeps them but offers
the trimmed range, "keep" never touches them (CLAIM: a statement is quoted as written).

Label-all finds the entity of one span elsewhere in the document or the project, as whole words
behind any proclitics (a LOCATION on سوريا finds بسوريا and covers its سوريا), previews them
as candidates, and the desk accepts some or all: one undoable edit per document, and never a
span the layer already has.

Whether letters before a word are proclitics is core.proclitics.decide_proclitics: the
project's evidence judged by a morphological analyser. Where it is uncertain, the selection or
candidate keeps the letters and the trim is offered, whatever the policy (except "keep").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from annotator.core.boundaries import trim_span, word_end
from annotator.core.matching import TextMatch, find_matches, query_key
from annotator.core.model import Span
from annotator.core.normalise import normalise
from annotator.core.proclitics import decide_proclitics, split_proclitics
from annotator.services.lexicon import remember_readings
from annotator.services.search import (
    CONTEXT_CHARS,
    SearchOptions,
    candidate_key,
)
from annotator.services.session import AnnotationSession
from annotator.services.whole_words import WholeWords
from annotator.storage import ProjectStore
from annotator.storage.search_index import INDEX_FOLDING, SearchIndex

Scope = Literal["document", "project"]
DEFAULT_LIMIT = 1000
# How many candidate documents are read to learn whether a word stands on its own somewhere.
KNOWN_WORD_DOCUMENTS = 50


@dataclass(frozen=True)
class ProcliticTrim:
    """A selection after trimming, and what the label's policy made of its proclitics."""

    start: int  # the range to use: without the proclitics when the policy is "trim"
    end: int
    policy: str  # the label's policy: trim, suggest or keep
    word_start: int  # where the selected word begins, proclitics included
    stem_start: int  # where it begins without them (== word_start when there are none)
    # Where the word would begin without letters that may or may not be proclitics (the
    # decision was "uncertain": وسقطت with no سقطت in the project); None when sure.
    uncertain_stem_start: int | None = None

    @property
    def proclitics(self) -> tuple[int, int] | None:
        """The range of the proclitics found, if any (sure ones only)."""
        return (self.word_start, self.stem_start) if self.stem_start > self.word_start else None

    @property
    def suggestion(self) -> tuple[int, int] | None:
        """The range without the proclitics, to offer (not applied): for "suggest", and for
        "trim" too when the proclitics are uncertain."""
        if self.policy == "keep":
            return None
        if self.policy == "suggest" and self.proclitics is not None:
            return self.stem_start, self.end
        if self.uncertain_stem_start is not None:
            return self.uncertain_stem_start, self.end
        return None


@dataclass(frozen=True)
class LabelCandidate:
    """One occurrence label-all would label: text == the document's text[start:end]."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    context_before: str
    context_after: str
    word_start: int  # where the word begins with its proclitics (== start when none)
    suggestion: tuple[int, int] | None = None  # for "suggest": the range without proclitics


class KnownWords:
    """Whether a normalised word stands on its own (without proclitics) in a document or,
    failing that, in the project: the evidence that بسوريا is ب + سوريا."""

    def __init__(self, project: ProjectStore | None, text: str) -> None:
        self.project = project
        normalised = normalise(text).text
        self._document = {w for w in "".join(
            c if c.isalnum() else " " for c in normalised).split()}
        self._project: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        if word in self._document:
            return True
        if self.project is None:
            return False
        if word not in self._project:
            self._project[word] = self._in_project(word)
        return self._project[word]

    def _in_project(self, word: str) -> bool:
        assert self.project is not None
        index = SearchIndex(self.project)
        index.update()
        for read, document in enumerate(index.candidate_documents(word)):
            if read == KNOWN_WORD_DOCUMENTS:
                break
            for match in find_matches(normalise(document.text), word, whole_word=True):
                if not match.proclitics:
                    return True
        return False


def trim_selection(session: AnnotationSession, doc_id: str, start: int, end: int,
                   label: str, *, project_evidence: bool = True) -> ProcliticTrim:
    """Trim a selection for `label`: spaces, punctuation and invisible marks off both edges
    (core.boundaries), then proclitics at its start as the label's policy says.

    `project_evidence=False` decides from the document alone, without reading the search
    index (the desk passes it while a background job is bringing the index up to date)."""
    remember_readings()
    policy = session.scheme.label(label).proclitics
    text = session.project.annotations_writer.text_of(doc_id)
    start, end = trim_span(text, start, end)
    stem_start = start
    uncertain: int | None = None
    if start < end and policy != "keep":
        project = session.project if project_evidence else None
        decision = decide_proclitics(
            text[start:word_end(text, start, end)], known=KnownWords(project, text),
            labelled_whole=WholeWords(session, doc_id, across_project=project_evidence))
        if decision.verdict == "trim":
            stem_start = start + decision.split.stem_start
        elif decision.verdict == "uncertain" and start + decision.split.stem_start < end:
            uncertain = start + decision.split.stem_start
    applied = stem_start if policy == "trim" else start
    return ProcliticTrim(applied, end, policy, start, stem_start, uncertain)


def label_all_candidates(session: AnnotationSession, doc_id: str, start: int, end: int,
                         label: str, *, scope: Scope = "document", limit: int = DEFAULT_LIMIT,
                         options: SearchOptions | None = None) -> list[LabelCandidate]:
    """The other occurrences of the entity at [start, end) of `doc_id`, to label `label`.

    Occurrences are whole words behind any proclitics, compared after normalisation. The
    range of each follows the label's policy; candidates the layer already has (same range
    and label, or an overlapping span with the same label) are left out, as is the source.
    """
    remember_readings()
    options = options or SearchOptions()
    policy = session.scheme.label(label).proclitics
    text = session.project.annotations_writer.text_of(doc_id)
    entity = text[start:end]
    # Across the project only in its scope, which runs as a background job (the search index
    # may need bringing up to date first).
    labelled_whole = WholeWords(session, doc_id, across_project=scope == "project")
    if policy != "keep":
        split = split_proclitics(entity, known=KnownWords(None, text),
                                 labelled_whole=labelled_whole)
        entity = entity[split.stem_start:]
    key = query_key(entity, options.folding)
    if not key:
        return []
    candidates: list[LabelCandidate] = []
    for doc, doc_text in _scope_documents(session, doc_id, key, scope):
        existing = session.project.spans(doc, session.layer)
        taken = [(s.start, s.end) for s in existing if s.label == label]
        normalised = normalise(doc_text, options.folding)
        for match in find_matches(normalised, key, whole_word=True):
            verdict = _proclitic_verdict(doc_text, match, key, labelled_whole)
            if verdict == "keep":
                continue  # the letters before the match are the word's own: وادي is not و + ادي
            candidate = _candidate(doc, doc_text, match, label, policy, verdict)
            if (doc, candidate.start, candidate.end) == (doc_id, start, end):
                continue
            if any(s < candidate.end and candidate.start < e for s, e in taken):
                continue  # already labelled so, with these edges or others
            candidates.append(candidate)
            if len(candidates) == limit:
                return candidates
    return candidates


def _scope_documents(session: AnnotationSession, doc_id: str, key: str,
                     scope: Scope) -> Iterator[tuple[str, str]]:
    if scope == "document":
        yield doc_id, session.project.annotations_writer.text_of(doc_id)
        return
    if scope != "project":
        raise ValueError(f"scope must be 'document' or 'project', not {scope!r}")
    index = SearchIndex(session.project)
    index.update()
    index_key = candidate_key(query_key(key, INDEX_FOLDING))
    for document in index.candidate_documents(index_key):
        yield document.id, document.text


def _proclitic_verdict(text: str, match: TextMatch, key: str,
                       labelled_whole: Callable[[str], bool]) -> str:
    """Whether the letters a match follows in its word are proclitics: "trim" when there are
    none or they surely are, "keep" when they are the word's own, "uncertain" otherwise. The
    entity stands on its own (it is what is being labelled), the evidence the decision needs
    from the project."""
    if not match.proclitics:
        return "trim"
    entity = {key, normalise(text[match.start:match.end]).text}
    return decide_proclitics(text[match.word_start:match.end], known=entity.__contains__,
                             labelled_whole=labelled_whole).verdict


def _candidate(doc_id: str, text: str, match: TextMatch, label: str,
               policy: str, verdict: str = "trim") -> LabelCandidate:
    sure = verdict == "trim"
    start = match.start if policy == "trim" and sure else match.word_start
    offered = match.proclitics and (policy == "suggest" or (policy == "trim" and not sure))
    suggestion = (match.start, match.end) if offered else None
    return LabelCandidate(
        doc_id=doc_id, start=start, end=match.end, text=text[start:match.end], label=label,
        context_before=text[max(0, start - CONTEXT_CHARS):start],
        context_after=text[match.end:match.end + CONTEXT_CHARS], word_start=match.word_start,
        suggestion=suggestion,
    )


def accept_label_candidates(session: AnnotationSession,
                            candidates: Iterable[LabelCandidate]) -> list[Span]:
    """Label the accepted candidates: one undoable edit per document. Spans the layer already
    has are skipped (AnnotationSession.add_spans); returns the spans created."""
    by_document: dict[str, list[tuple[int, int, str]]] = {}
    for candidate in candidates:
        by_document.setdefault(candidate.doc_id, []).append(
            (candidate.start, candidate.end, candidate.label))
    created: list[Span] = []
    for doc_id, items in by_document.items():
        created.extend(session.add_spans(doc_id, items))
    return created
