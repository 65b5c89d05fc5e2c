"""Whether the team labels a word whole: its own spans as evidence for the proclitic decision.

A name the dictionary lacks (ويلسون, Wilson, which its corpus splits as و + a verb) loses its
first letter to a label key with the trim policy. Once the annotator has widened that span to
the whole word, the word's first letters are the team's reading, and core.proclitics keeps
them wherever `WholeWords` says the team labels the word whole: a span of a label that trims
or offers to (a CLAIM keeps what it quotes, whatever its letters, so it says nothing), in the
session's own layer or the gold (other annotators' layers and models' predictions are not the
session's reading), that begins where the word begins and whose first word is the word.

The current document is always asked; the rest of the project through the search index, which
names the documents that may hold the word, each of whose spans is one index look-up away.
"""

from __future__ import annotations

from functools import cached_property
from itertools import islice

from annotator.core.matching import query_key
from annotator.core.model import LayerKind
from annotator.services.search import candidate_key
from annotator.services.session import AnnotationSession
from annotator.storage.search_index import INDEX_FOLDING, SearchIndex

# How many documents that may hold a word are asked (about 8 ms for 2,000 whatever the size
# of the project, bench/bench_whole_word.py), and how many in one query.
WHOLE_WORD_DOCUMENTS = 2000
WHOLE_WORD_BATCH = 500


class WholeWords:
    """`whole(word)`: whether the team labels `word`, as written, whole (see the module)."""

    def __init__(self, session: AnnotationSession, doc_id: str, *, across_project: bool) -> None:
        # Nothing is read until a word is asked about: most key presses never ask.
        self.session = session
        self.project = session.project
        self.doc_id = doc_id
        self.across_project = across_project
        self._answers: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        if word not in self._answers:
            self._answers[word] = self._ask(word)
        return self._answers[word]

    @cached_property
    def labels(self) -> tuple[str, ...]:
        return self.session.scheme.trimming_labels

    @cached_property
    def layers(self) -> tuple[str, ...]:
        gold = (layer.name for layer in self.project.layers() if layer.kind == LayerKind.GOLD)
        return (self.session.layer, *gold)

    def _ask(self, word: str) -> bool:
        home = [self.project.document_seq(self.doc_id)]
        if self.project.labels_word_whole(word, self.labels, self.layers, home):
            return True
        if not self.across_project:
            return False
        index = SearchIndex(self.project)
        index.update()
        seqs = islice(index.candidates(candidate_key(query_key(word, INDEX_FOLDING))),
                      WHOLE_WORD_DOCUMENTS)
        while batch := list(islice(seqs, WHOLE_WORD_BATCH)):
            if self.project.labels_word_whole(word, self.labels, self.layers, batch):
                return True
        return False
