"""Counted phrases: English singular and plural, Arabic's six counting forms."""

from __future__ import annotations

import pytest

from annotator.ui.common import i18n
from annotator.ui.common.plurals import documents, hits, spans


@pytest.fixture
def arabic():
    i18n.set_language("ar")
    yield
    i18n.set_language("en")


@pytest.fixture
def english():
    i18n.set_language("en")  # an earlier test may have left the Arabic interface on


@pytest.mark.parametrize(("count", "category"), [
    (0, "zero"), (1, "one"), (2, "two"), (3, "few"), (10, "few"), (11, "many"), (99, "many"),
    (100, "other"), (101, "other"), (102, "other"), (103, "few"), (110, "few"), (111, "many"),
    (1000, "other"), (1011, "many"),
])
def test_arabic_counting_forms(count, category):
    assert i18n.plural_category(count, "ar") == category


def test_english_has_one_and_other():
    assert [i18n.plural_category(n, "en") for n in (0, 1, 2, 21)] == \
        ["other", "one", "other", "other"]


def test_english_phrases(english):
    assert [spans(n) for n in (0, 1, 2)] == ["0 spans", "1 span", "2 spans"]
    assert documents(1) == "1 document"
    assert i18n.tr("{hits} shown, in {articles}.", hits=hits(1), articles="x") == \
        "1 hit shown, in x."


def test_arabic_phrases(arabic):
    assert [documents(n) for n in (1, 2, 3, 11, 100, 0)] == [
        "مستند واحد", "مستندان", "3 مستندات", "11 مستندًا", "100 مستند", "0 مستند"]
    assert [spans(n) for n in (2, 7, 25, 102)] == ["مقطعان", "7 مقاطع", "25 مقطعًا", "102 مقطع"]
    assert i18n.tr("Imported {documents}.", documents=documents(2)) == "استُورد مستندان."
