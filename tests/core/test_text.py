import codecs

import pytest
from hypothesis import given

from annotator.core.errors import DecodeError
from annotator.core.text import canonicalise, canonicalise_with_map, decode_source, sha256_text
from tests.texts import ARTICLE_CRLF, ARTICLE_LF, SHORT, arabic_text


def test_utf8_is_read_and_only_line_endings_change():
    decoded = decode_source(ARTICLE_CRLF.encode("utf-8"), source="a.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == ARTICLE_LF
    # NBSP, tatweel, harakat, marks and emoji are untouched.
    for kept in ("\u00a0", "ـ", "ُ", "ّ", "\u200f", "👍🏽"):
        assert kept in decoded.text
    assert decoded.text_sha256 == sha256_text(ARTICLE_LF)
    assert decoded.source_sha256 != decoded.text_sha256


def test_utf8_bom_is_dropped():
    decoded = decode_source(codecs.BOM_UTF8 + SHORT.encode(), source="a.txt")
    assert decoded.text == SHORT
    assert decoded.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(codec):
    data = ARTICLE_CRLF.encode(codec)
    assert decode_source(data, source="a.txt").text == ARTICLE_LF


def test_cp1256_is_detected_when_it_reads_as_arabic():
    decoded = decode_source(SHORT.encode("cp1256"), source="legacy.txt")
    assert decoded.encoding == "cp1256"
    assert decoded.text == SHORT


def test_cp1256_can_be_forced():
    assert decode_source(SHORT.encode("cp1256"), source="x", encoding="windows-1256").text == SHORT


def test_latin1_bytes_are_refused_rather_than_misread():
    data = "Déjà vu à Montréal, où l'été est chaud.".encode("latin-1")
    with pytest.raises(DecodeError, match=r"^latin\.txt: the file is not UTF-8, UTF-16"):
        decode_source(data, source="latin.txt")


def test_binary_and_empty_files_are_refused_with_their_names():
    with pytest.raises(DecodeError) as binary:
        decode_source(bytes(range(256)) * 4, source="image.png")
    assert str(binary.value).startswith("image.png: ")
    assert "\n" not in str(binary.value)
    with pytest.raises(DecodeError, match=r"^empty\.txt: the file is empty$"):
        decode_source(b"", source="empty.txt")
    with pytest.raises(DecodeError, match="only white space"):
        decode_source(b" \r\n\t", source="blank.txt")


def test_forced_wrong_encoding_says_where_it_failed():
    with pytest.raises(DecodeError, match="not valid utf-8"):
        decode_source(SHORT.encode("cp1256"), source="x.txt", encoding="utf-8")
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode_source(b"abc", source="x.txt", encoding="klingon")


@given(arabic_text)
def test_canonicalising_keeps_every_character_but_cr(raw):
    text = canonicalise(raw)
    assert "\r" not in text
    assert text.replace("\n", "") == raw.replace("\r", "").replace("\n", "")


@given(arabic_text)
def test_offset_map_keeps_spans_on_the_same_characters(raw):
    text, shift = canonicalise_with_map(raw)
    assert text == canonicalise(raw)
    for start in range(len(raw) + 1):
        mapped = shift(start)
        assert 0 <= mapped <= len(text)
        # Every non-CR character keeps its identity at the shifted position.
        if start < len(raw) and raw[start] != "\r":
            assert text[mapped] == raw[start]
        if start < len(raw) and raw[start] == "\r":
            assert text[mapped] == "\n"  # a CR or CRLF becomes the LF at that place


@given(arabic_text)
def test_canonicalising_twice_changes_nothing(raw):
    once = canonicalise("\ufeff" + raw)
    assert canonicalise(once) == once
    assert once.startswith("\ufeff")  # in a string, U+FEFF is content, not a byte-order mark


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16"])
def test_exactly_one_byte_order_mark_is_dropped(codec):
    text = "\ufeff" + SHORT  # the file's own text starts with a ZWNBSP
    data = text.encode(codec)  # the codec adds the byte-order mark in front
    assert decode_source(data, source="x").text == text
    assert decode_source(data, source="x", encoding=codec).text == text
