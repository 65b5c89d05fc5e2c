"""Which text a brat .ann file's offsets were counted on, and how to move them onto the
document's text.

brat reads a .txt as UTF-8 with universal newlines: CRLF is one character, and a BOM is a
character of the text, counted by the offsets. Other tools count every CR of a CRLF file, or
drop the BOM. The reader tries, in this order, the file's characters (BOM and every CR
counted), the same with CRLF as one character (brat's way), and both again without the BOM,
and takes the first under which every T line's covered text matches; when none does (or the
lines give no covered text) the first is used. The spans are then placed on the document's
text (the file's characters without the BOM), and the import canonicalises its line endings
and shifts them with it.
"""

from __future__ import annotations

import codecs
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from annotator.core.text import BOM


def file_characters(data: bytes, encoding: str) -> str:
    """The .txt decoded as decode_source decoded it, with its line endings as they are and
    its BOM, if it has one, kept as U+FEFF (brat counts it as a character)."""
    codec = codecs.lookup(encoding).name
    if codec == "utf-8-sig":
        codec = "utf-8"
    elif codec in ("utf-16", "utf-32"):
        big_endian = data.startswith(codecs.BOM_UTF32_BE if codec == "utf-32"
                                     else codecs.BOM_UTF16_BE)
        codec += "-be" if big_endian else "-le"
    return data.decode(codec)


@dataclass(frozen=True)
class Reading:
    """A text the .ann offsets may have been counted on, and the way from its offsets to the
    document's (the file's characters without the BOM, line endings as they are)."""

    text: str
    to_document: Callable[[int], int]


def readings_of(characters: str) -> list[Reading]:
    """The texts tools count .ann offsets on, in the order they are tried.

    brat reads the .txt as UTF-8 with universal newlines: a BOM is a character of the text
    and CRLF is one. Other tools count every CR, or drop the BOM. For a file without CR or
    BOM these are all the same text.
    """
    body = characters.removeprefix(BOM)
    line_endings = [(body, _unchanged)]
    if "\r" in body:
        universal = body.replace("\r\n", "\n").replace("\r", "\n")
        # Where each CRLF's LF stands in the universal text: offsets after it move right by
        # one more CR.
        folded: list[int] = []
        position = body.find("\r\n")
        while position != -1:
            folded.append(position - len(folded))
            position = body.find("\r\n", position + 2)
        line_endings.append((universal, lambda offset: offset + bisect_left(folded, offset)))
    line_endings.reverse()  # brat's own (universal newlines) first
    readings = []
    if characters.startswith(BOM):
        for text, to_document in line_endings:
            readings.append(Reading(BOM + text, _after_bom(to_document)))
    readings.extend(Reading(text, to_document) for text, to_document in line_endings)
    return readings


def _unchanged(offset: int) -> int:
    return offset


def _after_bom(to_document: Callable[[int], int]) -> Callable[[int], int]:
    return lambda offset: to_document(max(offset - 1, 0))
