"""Curation: annotators' layers lined up with gold, and the edits that build gold from them.

alignment.align() groups one document's spans of every layer into items, each with a kind
(agreed, gold_differs, annotators_disagree, missing_in_gold, only_in_gold) and the aspects
that differ; commands holds the edits (AcceptSpan, Decision) and CuratedSpan, a span that
records the id of the span it was accepted from. services.curation reads and writes with
them.
"""

from annotator.core.curation.alignment import (
    AGREED,
    ANNOTATORS_DISAGREE,
    ASPECTS,
    GOLD_DIFFERS,
    KINDS,
    MISSING_IN_GOLD,
    ONLY_IN_GOLD,
    CurationItem,
    ItemWalk,
    Link,
    Version,
    align,
)
from annotator.core.curation.commands import (
    AcceptSpan,
    CuratedSpan,
    Decision,
    DecisionRecord,
    curated,
)

__all__ = [
    "AGREED",
    "ANNOTATORS_DISAGREE",
    "ASPECTS",
    "GOLD_DIFFERS",
    "KINDS",
    "MISSING_IN_GOLD",
    "ONLY_IN_GOLD",
    "AcceptSpan",
    "CuratedSpan",
    "CurationItem",
    "Decision",
    "DecisionRecord",
    "ItemWalk",
    "Link",
    "Version",
    "align",
    "curated",
]
