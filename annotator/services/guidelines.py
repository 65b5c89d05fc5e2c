"""Built-in guidelines: each label, attribute, value and relation type of the project's scheme
with its name, definition and Arabic example, in Arabic or English, for tooltips and the help
panel. The words are the scheme's own, so editing the scheme edits the help.

Entries are keyed like `tawsim scheme rename` targets: `CLAIM`, `CLAIM.stance`,
`CLAIM.stance:denied`, `SOURCE`. A text missing in the asked language falls back to English,
then to the machine name.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.errors import SchemeError
from annotator.core.scheme import (
    FALLBACK_LANGUAGE,
    LANGUAGES,
    AttributeDef,
    LabelDef,
    RelationDef,
    Scheme,
    localise,
)

_WORDS = {
    "en": {"example": "Example", "key": "key", "from": "From {heads} to {tails}",
           "rules": "General rules", "labels": "Labels", "relations": "Links",
           "or": " or "},
    "ar": {"example": "مثال", "key": "المفتاح", "from": "من {heads} إلى {tails}",
           "rules": "قواعد عامة", "labels": "التسميات", "relations": "الروابط",
           "or": " أو "},
}


def interface_language(language: str | None) -> str:
    """'ar' or 'en' from a locale name such as 'ar_IQ' or 'en-GB'; English otherwise."""
    code = (language or "").replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


@dataclass(frozen=True)
class GuideEntry:
    kind: str  # "label", "attribute", "value" or "relation"
    key: str  # CLAIM, CLAIM.stance, CLAIM.stance:denied, SOURCE
    name: str  # the machine name
    title: str  # the name in the asked language
    definition: str
    example: str  # an Arabic example ("" when the scheme gives none)
    hotkey: str | None = None
    color: str | None = None  # labels only
    connects: str = ""  # relations only: "From Claim to Actor"
    children: tuple[GuideEntry, ...] = ()  # a label's or relation's attributes, their values


@dataclass(frozen=True)
class Guide:
    language: str
    direction: str  # "rtl" or "ltr", for the panel
    title: str
    description: str
    rules: tuple[str, ...]
    labels: tuple[GuideEntry, ...]
    relations: tuple[GuideEntry, ...]

    def entries(self) -> Iterator[GuideEntry]:
        stack = [*reversed(self.labels + self.relations)]
        while stack:
            entry = stack.pop()
            yield entry
            stack.extend(reversed(entry.children))

    def entry(self, key: str) -> GuideEntry:
        for entry in self.entries():
            if entry.key == key:
                return entry
        raise SchemeError(f"the scheme has nothing called {key!r}")


def _attribute_entries(owner: str, attributes: tuple[AttributeDef, ...],
                       language: str) -> tuple[GuideEntry, ...]:
    entries = []
    for attribute in attributes:
        key = f"{owner}.{attribute.name}"
        values = tuple(
            GuideEntry("value", f"{key}:{value.name}", value.name, value.display(language),
                       localise(value.description, language), value.example, value.hotkey)
            for value in attribute.values
        )
        entries.append(GuideEntry("attribute", key, attribute.name, attribute.display(language),
                                  localise(attribute.description, language), attribute.example,
                                  children=values))
    return tuple(entries)


def _label_entry(label: LabelDef, language: str) -> GuideEntry:
    return GuideEntry("label", label.name, label.name, label.display(language),
                      localise(label.description, language), label.example, label.hotkey,
                      label.color, children=_attribute_entries(label.name, label.attributes,
                                                               language))


def _relation_entry(scheme: Scheme, relation: RelationDef, language: str) -> GuideEntry:
    words = _WORDS[language]

    def titles(labels: tuple[str, ...]) -> str:
        return words["or"].join(scheme.label(name).display(language) for name in labels)

    connects = words["from"].format(heads=titles(relation.heads), tails=titles(relation.tails))
    return GuideEntry("relation", relation.name, relation.name, relation.display(language),
                      localise(relation.description, language), relation.example,
                      relation.hotkey, connects=connects,
                      children=_attribute_entries(relation.name, relation.attributes, language))


def scheme_guide(scheme: Scheme, language: str = "ar") -> Guide:
    language = interface_language(language)
    return Guide(
        language=language,
        direction="rtl" if language == "ar" else "ltr",
        title=scheme.name,
        description=localise(scheme.description, language),
        rules=tuple(text for rule in scheme.rules if (text := localise(rule, language))),
        labels=tuple(_label_entry(label, language) for label in scheme.labels),
        relations=tuple(_relation_entry(scheme, relation, language)
                        for relation in scheme.relations),
    )


def tooltip(scheme: Scheme, key: str, language: str = "ar") -> str:
    """A few plain lines: the name (and key), what it connects, the definition, the example."""
    guide = scheme_guide(scheme, language)
    entry = guide.entry(key)
    words = _WORDS[guide.language]
    first = entry.title
    if entry.hotkey:
        first += f" — {words['key']} {entry.hotkey}"
    lines = [first]
    if entry.connects:
        lines.append(entry.connects)
    if entry.definition:
        lines.append(entry.definition)
    if entry.example:
        lines.append(f"{words['example']}: {entry.example}")
    return "\n".join(lines)


def _html_entry(entry: GuideEntry, words: dict[str, str], level: int) -> str:
    escape = html.escape
    swatch = (f'<span style="background:{entry.color}">&nbsp;&nbsp;&nbsp;</span> '
              if entry.color else "")
    key = f" <kbd>{escape(entry.hotkey)}</kbd>" if entry.hotkey else ""
    heading = f"h{min(level, 6)}"
    parts = [f"<{heading}>{swatch}{escape(entry.title)} <small>({escape(entry.name)})</small>"
             f"{key}</{heading}>"]
    if entry.connects:
        parts.append(f"<p><i>{escape(entry.connects)}</i></p>")
    if entry.definition:
        parts.append(f"<p>{escape(entry.definition)}</p>")
    if entry.example:
        parts.append(f'<p>{escape(words["example"])}: <span dir="rtl">'
                     f"{escape(entry.example)}</span></p>")
    parts += [_html_entry(child, words, level + 1) for child in entry.children]
    return "\n".join(parts)


def guide_html(scheme: Scheme, language: str = "ar") -> str:
    """The help panel's page: rules, then every label and relation type with their attributes
    and values (simple HTML a QTextBrowser shows, right to left in Arabic)."""
    guide = scheme_guide(scheme, language)
    words = _WORDS[guide.language]
    escape = html.escape
    parts = [f'<div dir="{guide.direction}">', f"<h1>{escape(guide.title)}</h1>"]
    if guide.description:
        parts.append(f"<p>{escape(guide.description)}</p>")
    if guide.rules:
        parts.append(f"<h2>{escape(words['rules'])}</h2><ul>")
        parts += [f"<li>{escape(rule)}</li>" for rule in guide.rules]
        parts.append("</ul>")
    for title, entries in ((words["labels"], guide.labels),
                           (words["relations"], guide.relations)):
        if entries:
            parts.append(f"<h2>{escape(title)}</h2>")
            parts += [_html_entry(entry, words, 3) for entry in entries]
    parts.append("</div>")
    return "\n".join(parts)
