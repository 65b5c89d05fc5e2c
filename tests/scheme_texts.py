"""A composed report of conflicting claims, and a custom scheme, for the scheme and claims tests.

The passage is written for Tawsim's tests: several sources disagree about where rockets were
launched from and whether aircraft were overhead, the situation the claims panel is for.
"""

from __future__ import annotations

import copy
from typing import Any

from annotator.core.scheme import default_scheme

CONFLICTING = (
    "قال مصدر أمني إن «الصواريخ أُطلقت من أطراف الموصل باتجاه قاعدة عسكرية في سوريا».\n"
    "لكن مسؤولًا محليًا أكد أن الإطلاق جرى من بلدة زمار القريبة من الحدود 🚀.\n"
    "ونفى المتحدث باسم التحالف وجود أي طائرات حربية في سماء المنطقة ليلة الهجوم.\n"
    "فيما نقلت قناة محلية عن شاهد عيان أنه رأى طائرة مسيّرة تحلق فوق الشاحنة قبل انفجارها.\n"
)

DENIAL = "وجود أي طائرات حربية في سماء المنطقة ليلة الهجوم"
DENIER = "المتحدث باسم التحالف"
LAUNCH_MOSUL = "الصواريخ أُطلقت من أطراف الموصل باتجاه قاعدة عسكرية في سوريا"
LAUNCH_ZUMMAR = "الإطلاق جرى من بلدة زمار القريبة من الحدود"
WITNESS_CLAIM = "رأى طائرة مسيّرة تحلق فوق الشاحنة قبل انفجارها"


def at(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    """Code-point offsets of the `occurrence`-th `words` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def custom_scheme_data() -> dict[str, Any]:
    """The default scheme plus a custom label (EVENT, with a kind) and two custom relation
    types: RELAYED_BY (a claim passed on by an outlet, with a manner) and HAPPENED_IN (an
    event's place)."""
    data = copy.deepcopy(default_scheme().to_dict())
    data["name"] = "conflict-events"
    data["labels"].append({
        "name": "EVENT",
        "names": {"en": "Event", "ar": "حدث"},
        "color": "#c5b0f0",
        "hotkey": "5",
        "description": {"en": "Something that happened: a launch, a strike, an explosion.",
                        "ar": "واقعة حدثت: إطلاق أو قصف أو انفجار."},
        "example": "أدى الانفجار إلى احتراق الشاحنة → الانفجار",
        "attributes": [{
            "name": "kind",
            "names": {"en": "Kind", "ar": "نوع"},
            "values": [{"name": "launch", "hotkey": "l"}, {"name": "explosion", "hotkey": "x"},
                       {"name": "strike", "hotkey": "k"}],
        }],
    })
    data["relations"].append({
        "name": "RELAYED_BY",
        "names": {"en": "Relayed by", "ar": "نقلته"},
        "from": ["CLAIM"],
        "to": ["ACTOR"],
        "hotkey": "n",
        "description": {"en": "The outlet that passed the claim on.",
                        "ar": "الجهة التي نقلت الادعاء عن قائله."},
        "example": "نقلت قناة محلية عن شاهد → نقلته: قناة محلية",
        "attributes": [{"name": "manner", "values": [{"name": "quoted"},
                                                     {"name": "paraphrased"}]}],
    })
    data["relations"].append({
        "name": "HAPPENED_IN",
        "from": ["EVENT"],
        "to": ["LOCATION"],
    })
    return data
