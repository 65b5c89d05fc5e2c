"""A composed news article annotated the way an annotator would, for the format tests.

Claims with sources and stances, a claim crossing a line break, entities nested in claims,
a location behind a proclitic (بسوريا), emoji and an NBSP before spans. Written for Tawsim.
"""

from __future__ import annotations

from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore, scan

ARTICLE = (
    "أفادت وكالة أنباء محلية 🚀 مساء السبت بسقوط قذائف هاون قرب بلدة الزهراء.\n"
    "وقال المتحدث باسم الدفاع المدني إن “فرق الإنقاذ وصلت إلى الموقع\n"
    "وأخلت الجرحى”.\n"
    "\n"
    "ونفت وزارة الدفاع وجود أي طائرة مسيرة فوق حمص، بينما أكد شاهد عيان\u00a0أن "
    "“الانفجارات استمرت ساعة كاملة” 👍🏽.\n"
    "وذكرت مصادر أمنية أن منصة إطلاق صواريخ ضُبطت بسوريا.\n"
)
DOC_ID = "zahraa-1"

ENTITIES = [
    ("وكالة أنباء محلية", "ACTOR"),
    ("قذائف هاون", "WEAPON"),
    ("الزهراء", "LOCATION"),
    ("المتحدث باسم الدفاع المدني", "ACTOR"),
    ("وزارة الدفاع", "ACTOR"),
    ("طائرة مسيرة", "WEAPON"),
    ("حمص", "LOCATION"),
    ("شاهد عيان", "ACTOR"),
    ("مصادر أمنية", "ACTOR"),
    ("منصة إطلاق صواريخ", "WEAPON"),
    ("سوريا", "LOCATION"),  # inside بسوريا: the proclitic stays out
]
CLAIMS = [  # claim text, stance, source actor, note
    ("فرق الإنقاذ وصلت إلى الموقع\nوأخلت الجرحى", "asserted", "المتحدث باسم الدفاع المدني",
     "اقتباس مباشر يمتد على سطرين"),
    ("وجود أي طائرة مسيرة فوق حمص", "denied", "وزارة الدفاع", ""),
    ("الانفجارات استمرت ساعة كاملة", "asserted", "شاهد عيان", ""),
    ("منصة إطلاق صواريخ ضُبطت بسوريا", "reported", "مصادر أمنية", ""),
]


def where(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def annotated_project(path, layer: str = "gold") -> ProjectStore:
    """A new project holding the article, annotated through an AnnotationSession."""
    project = ProjectStore.create(path)
    with BulkImport(project, actor="tester", source="sample") as bulk:
        bulk.add(prepare_record(DocumentRecord(text=ARTICLE, id=DOC_ID), project.scheme))
    session = AnnotationSession(project, "amal", layer=layer)
    actors = {}
    for part, label in ENTITIES:
        span = session.add_span(DOC_ID, *where(ARTICLE, part), label)
        actors[part] = span
    for part, stance, source, note in CLAIMS:
        claim = session.add_span(DOC_ID, *where(ARTICLE, part), "CLAIM", {"stance": stance},
                                 note=note)
        session.link("SOURCE", claim.id, actors[source].id)
    return project


def contents(project: ProjectStore, layer: str, *, attrs: bool = True,
             relations: bool = True) -> dict[str, tuple]:
    """Each document's text -> (spans, relations) as comparable sets, ids left out."""
    result = {}
    for record in scan(project, layer=layer):
        keys = {s.id: (s.start, s.end, s.label) for s in record.spans}
        spans = {(s.start, s.end, s.label, tuple(sorted(s.attrs.items())) if attrs else (),
                  s.note if attrs else "") for s in record.spans}
        links = {(r.type, keys[r.head], keys[r.tail]) for r in record.relations}
        result[record.text] = (spans, links if relations else set())
    return result
