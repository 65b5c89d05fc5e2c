"""A lead project with two (or more) annotators' layers, built through the edit services.

Every article (tests.services.team_data.article) is annotated by each annotator through an
AnnotationSession writing to a layer named after them, as merged work would leave it: the
same five spans (a WEAPON, two LOCATIONs, an ACTOR and a CLAIM with a stance and a SOURCE
link to the ACTOR), each annotator varying by a seeded draw: a span left out, the place
name taken with the word before it, حلب called an ACTOR, another stance.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from annotator.core.ids import new_id
from annotator.core.model import LayerKind, Status
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord, prepare_record
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from tests.services.team_data import add_articles, article

STANCES = ("asserted", "reported", "denied")


def find(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def annotate(session: AnnotationSession, doc_id: str, text: str, rng: random.Random,
             vary: bool = True) -> None:
    """The five spans of an article, with this annotator's variations when `vary`."""
    def roll(chance: float) -> bool:
        return vary and rng.random() < chance

    if not roll(0.2):
        session.add_span(doc_id, *find(text, "مدفعي"), "WEAPON")
    place = "بلدة الزهراء" if roll(0.3) else "الزهراء"
    session.add_span(doc_id, *find(text, place), "LOCATION")
    session.add_span(doc_id, *find(text, "حلب"), "ACTOR" if roll(0.2) else "LOCATION")
    actor = session.add_span(doc_id, *find(text, "المتحدث"), "ACTOR")
    stance = STANCES[rng.randrange(3)] if roll(0.5) else "asserted"
    claim = session.add_span(doc_id, *find(text, "الطريق مفتوح"), "CLAIM",
                             {"stance": stance})
    if not roll(0.15):
        session.link("SOURCE", claim.id, actor.id)


def lead_project(path, annotators: Sequence[str] = ("amal", "basel"), documents: int = 12,
                 *, identical: bool = False, done: bool = True, seed: int = 7
                 ) -> ProjectStore:
    """A lead project at `path` with `documents` articles annotated by every annotator (the
    same way by all when `identical`), each marked done when `done`."""
    project = ProjectStore.create(path, name="حملة الربيع")
    add_articles(project, documents)
    for number, name in enumerate(annotators):
        session = AnnotationSession(project, name)
        for index in range(documents):
            doc_id = f"a{index:03d}"
            rng = random.Random(seed * 1000 + (0 if identical else number) * 100 + index)
            annotate(session, doc_id, article(index), rng)
            if done:
                session.set_status(doc_id, Status.DONE)
    return project


def bulk_lead_project(path, annotators: Sequence[str] = ("amal", "basel"),
                      documents: int = 1000, seed: int = 3) -> ProjectStore:
    """The same kind of lead project, written by bulk imports (one per annotator layer, every
    document done): for projects too large to build edit by edit."""
    project = ProjectStore.create(path, name="حملة الربيع")
    add_articles(project, documents)
    for number, name in enumerate(annotators):
        with BulkImport(project, actor="t", source="merge", layer=name,
                        layer_kind=LayerKind.ANNOTATOR) as bulk:
            for index in range(documents):
                rng = random.Random(seed * 1000 + number * 100_000 + index)
                text = article(index)
                record = DocumentRecord(text=text, id=f"a{index:03d}", status="done",
                                        meta={"title": f"الخبر {index}"},
                                        **_records(text, rng))
                bulk.add(prepare_record(record, project.scheme))
    return project


def _records(text: str, rng: random.Random) -> dict:
    spans = []
    if rng.random() >= 0.2:
        spans.append(SpanRecord(*find(text, "مدفعي"), "WEAPON"))
    spans.append(SpanRecord(*find(text, "بلدة الزهراء" if rng.random() < 0.3 else "الزهراء"),
                            "LOCATION"))
    spans.append(SpanRecord(*find(text, "حلب"), "ACTOR" if rng.random() < 0.2 else "LOCATION"))
    spans.append(SpanRecord(*find(text, "المتحدث"), "ACTOR", id=new_id()))
    spans.append(SpanRecord(*find(text, "الطريق مفتوح"), "CLAIM", id=new_id(),
                            attrs={"stance": STANCES[rng.randrange(3)]}))
    relations = [RelationRecord("SOURCE", spans[-1].id, spans[-2].id)] \
        if rng.random() >= 0.15 else []
    return {"spans": spans, "relations": relations}
