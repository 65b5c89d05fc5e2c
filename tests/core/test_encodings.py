"""Encoding detection cases found while checking real files (see also test_text.py)."""

import pytest

from annotator.core.errors import DecodeError
from annotator.core.text import decode_source
from tests.texts import ARTICLE_LF, SHORT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_on_one_line_takes_the_right_byte_order(codec):
    # Without a newline, both byte orders decode to assigned characters; only one reads as
    # Arabic.
    decoded = decode_source(SHORT.encode(codec), source="a.txt")
    assert (decoded.encoding, decoded.text) == (codec, SHORT)


def test_cp1256_english_report_quoting_arabic_is_read():
    text = "Reuters said the base in Syria (القاعدة الأمريكية) came under rocket fire."
    decoded = decode_source(text.encode("cp1256"), source="wire.txt")
    assert (decoded.encoding, decoded.text) == ("cp1256", text)


@pytest.mark.parametrize("text", ["Grüße aus Köln, schöne Straße", "¿Qué tal, señor? Mañana"])
def test_latin1_in_other_languages_is_refused(text):
    with pytest.raises(DecodeError, match=r"^latin\.txt: the file is not UTF-8"):
        decode_source(text.encode("latin-1"), source="latin.txt")


def test_forcing_an_encoding_that_would_garble_utf8_is_refused():
    data = ARTICLE_LF.encode("utf-8")
    with pytest.raises(DecodeError, match=r"^a\.txt: the file is UTF-8 text.*cp1256"):
        decode_source(data, source="a.txt", encoding="cp1256")
    # ASCII reads the same in every supported encoding: nothing to refuse.
    assert decode_source(b"plain text", source="b.txt", encoding="cp1256").text == "plain text"


def test_forced_utf16_that_reads_as_control_characters_is_refused():
    with pytest.raises(DecodeError, match="control or unassigned"):
        decode_source("\x01\x02abc".encode("utf-16-le"), source="c.txt", encoding="utf-16-le")
