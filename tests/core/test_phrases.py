"""Refusals written as templates: `str()` is the English line the command line always printed,
and the same template and fields can be said in another language (core.phrases)."""

from __future__ import annotations

from string import Formatter

import pytest

from annotator.core.errors import (
    InvariantError,
    Phrase,
    ProjectError,
    TawsimError,
    translatable,
    translatable_plural,
)
from annotator.core.utf8_damage import utf8_damage
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.team_data import add_articles

UPPER = {"span {number}: {problem}": "SPAN {number}: {problem}",
         "unknown label {label!r} (the scheme has {labels})": "UNKNOWN {label!r} ({labels})",
         "none": "NOTHING"}


def _capitals(template: str) -> str:
    return "".join(literal.upper() + ("" if name is None else "{" + name + (
        f"!{conversion}" if conversion else "") + "}")
        for literal, name, _spec, conversion in Formatter().parse(template))


def upper(template: str, **fields: object) -> str:
    """A made-up language: the English in capitals (or as UPPER says), data as it is."""
    text = UPPER.get(template) or _capitals(template)
    return text.format(**fields) if fields else text


def upper_counted(one: str, other: str, count: int, **fields: object) -> str:
    """Its counted phrases have a form for two."""
    return ("PAIR OF " + _capitals(other) if count == 2 else
            _capitals(one if count == 1 else other)).format(count=count, **fields)


def test_a_template_error_reads_as_the_english_it_replaced():
    label, start, end = "LOCATION", 31, 36
    error = InvariantError(translatable("this layer already has a {label} span at {start}-{end}"),
                           fields={"label": label, "start": start, "end": end},
                           path="notes.jsonl", line=2)
    assert str(error) == "notes.jsonl:2: this layer already has a LOCATION span at 31-36"
    assert error.message == f"this layer already has a {label} span at {start}-{end}"
    assert error.phrase is not None and error.phrase.fields["label"] == "LOCATION"


def test_a_duplicate_span_is_refused_in_the_same_words_as_before(tmp_path):
    with ProjectStore.create(tmp_path / "p.tawsim") as store:
        add_articles(store, 1)
        session = AnnotationSession(store, "amal")
        session.add_span("a000", 0, 3, "WEAPON")
        with pytest.raises(InvariantError) as refused:
            session.add_span("a000", 0, 3, "WEAPON")
    assert str(refused.value) == "this layer already has a WEAPON span at 0-3"
    assert refused.value.phrase is not None


def test_a_plain_message_has_no_phrase_and_stays_as_written():
    error = TawsimError("cannot {do} this", path="x.txt")
    assert error.phrase is None
    assert str(error) == "x.txt: cannot {do} this"


def test_a_fieldless_template_is_still_translatable():
    error = ProjectError(translatable("no such project file"), path="p.tawsim")
    assert str(error) == "p.tawsim: no such project file"
    assert error.phrase is not None and error.phrase.fill(upper, upper_counted) == \
        "NO SUCH PROJECT FILE"


@pytest.mark.parametrize(("count", "words"), [(1, "1 damaged byte sequence,"),
                                              (2, "2 damaged byte sequences,")])
def test_a_counted_message_counts_in_english(count, words):
    data = "سطر أول\n".encode() + ("كلمة " * 20).encode()
    damaged = bytearray(data)
    damaged[20] = 0xFF
    if count == 2:
        damaged[40] = 0xFF
    damage = utf8_damage(bytes(damaged))
    assert damage is not None and damage.bad_sequences == count
    said = str(damage.describe())
    assert said.startswith(f"the file is UTF-8 with {words} the first at byte 20")
    assert said.endswith("repair it, or import it again naming its real encoding with "
                         "tawsim import --encoding")


def test_a_counted_phrase_takes_the_form_of_its_count_in_the_other_language():
    things = translatable_plural("{count} {kind} thing", "{count} {kind} things")
    assert [str(Phrase(things, {"count": n, "kind": "red"})) for n in (1, 2, 5)] == \
        ["1 red thing", "2 red things", "5 red things"]
    assert Phrase(things, {"count": 2, "kind": "red"}).fill(upper, upper_counted) == \
        "PAIR OF 2 red THINGS"


def test_a_counted_template_needs_its_count():
    with pytest.raises(TypeError):
        Phrase(translatable_plural("{count} thing", "{count} things"), {})


def test_a_wrapped_refusal_is_said_whole_in_the_other_language_but_data_stays():
    inner = InvariantError(translatable("unknown label {label!r} (the scheme has {labels})"),
                           fields={"label": "CITY", "labels": "LOCATION, ACTOR"})
    outer = InvariantError(translatable("span {number}: {problem}"),
                           fields={"number": 1, "problem": inner.said}, path="f.jsonl", line=2)
    assert str(outer) == ("f.jsonl:2: span 1: unknown label 'CITY' "
                          "(the scheme has LOCATION, ACTOR)")
    assert outer.phrase is not None
    assert outer.phrase.fill(upper, upper_counted) == \
        "SPAN 1: UNKNOWN 'CITY' (LOCATION, ACTOR)"


def test_a_template_as_a_field_is_translated_too():
    phrase = Phrase(translatable("unknown label {label!r} (the scheme has {labels})"),
                    {"label": "X", "labels": translatable("none")})
    assert str(phrase) == "unknown label 'X' (the scheme has none)"
    assert phrase.fill(upper, upper_counted) == "UNKNOWN 'X' (NOTHING)"


def test_reword_wraps_the_message_and_keeps_the_place():
    error = InvariantError(translatable("span start {start} is negative"), fields={"start": -1},
                           path="in.jsonl", line=4)
    error.reword(translatable("document {id}: {problem}"), id="d1")
    assert str(error) == "in.jsonl:4: document d1: span start -1 is negative"
    assert error.args == ("document d1: span start -1 is negative",)
    assert error.phrase is not None and error.phrase.fill(upper, upper_counted) == \
        "DOCUMENT d1: SPAN START -1 IS NEGATIVE"
