"""Messages that an interface can say in another language: an English template and its fields.

A refusal is written once, in English, as a template marked with `translatable()` (a counted
one with `translatable_plural()`), and filled from named fields:

    raise InvariantError(translatable("this layer already has a {label} span at {start}-{end}"),
                         fields={"label": label, "start": start, "end": end})

`str()` of the error is the English text, as the command line prints it. The desk looks the
template up in its catalogue and fills in the same fields (`Phrase.fill`), so the catalogue
extraction (babel.cfg, the README's `pybabel extract -k translatable -k
translatable_plural:1,2`) must find every template: the markers take string literals only.

Field values are data (paths, labels, span text, numbers) and are shown as they are, except a
field that is itself a Phrase or a `translatable()` string: it is said in the interface's
language too, so one refusal can wrap another ("span 2: {problem}").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


class Template(str):
    """An English message template the catalogue holds. A plain `str` in every other way: an
    f-string or a join of it is a plain string again, said in English everywhere."""

    __slots__ = ()


@dataclass(frozen=True)
class CountedTemplate:
    """A message counted by its `count` field: `one` in English for 1, `other` otherwise;
    languages that count otherwise take their forms from their catalogue."""

    one: str
    other: str


def translatable(text: str) -> Template:
    """Marks `text` as a message the catalogue holds; the same text, as a Template."""
    return Template(text)


def translatable_plural(one: str, other: str) -> CountedTemplate:
    """Marks a counted message (singular and plural, both with `{count}`) for the catalogue."""
    return CountedTemplate(one, other)


# How an interface says a template: `say(template, **fields)` and
# `say_counted(one, other, count, **fields)`, the shapes of the desk's tr() and trn().
Say = Callable[..., str]
SayCounted = Callable[..., str]


def say_in_english(template: str, **fields: object) -> str:
    return template.format(**fields) if fields else template


def say_counted_in_english(one: str, other: str, count: int, **fields: object) -> str:
    return (one if count == 1 else other).format(count=count, **fields)


def counted(count: int, noun: str) -> str:
    """"1 document", "2 documents": an English count, for the command line's lines."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass(frozen=True)
class Phrase:
    """A template with the fields that fill it; `str()` is the English text."""

    template: str | CountedTemplate
    fields: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.template, CountedTemplate) and not isinstance(
                self.fields.get("count"), int):
            raise TypeError("a counted template needs a whole-number `count` field")

    def fill(self, say: Say, say_counted: SayCounted) -> str:
        """The phrase in the language `say` and `say_counted` speak."""
        fields = {name: said(value, say, say_counted) for name, value in self.fields.items()}
        if isinstance(self.template, CountedTemplate):
            count = fields.pop("count")
            return say_counted(self.template.one, self.template.other, count, **fields)
        return say(self.template, **fields)

    def __str__(self) -> str:
        return self.fill(say_in_english, say_counted_in_english)


def said(value: object, say: Say, say_counted: SayCounted) -> object:
    """A field's value as shown: a Phrase or a Template in the language of `say`, data as it
    is."""
    if isinstance(value, Phrase):
        return value.fill(say, say_counted)
    if isinstance(value, Template):
        return say(value)
    return value
