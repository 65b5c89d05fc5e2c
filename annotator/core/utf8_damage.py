"""Damaged UTF-8 told from text in another encoding, so that it is refused, never misread.

A UTF-8 file with one flipped byte, or cut inside a character, is no longer valid UTF-8; read
as Windows-1256 it would become mojibake that no later step can repair. What tells them apart
is how the bytes above 0x7F fall: in UTF-8, even damaged, almost all of them form well-formed
multi-byte sequences; in Windows-1256 Arabic, almost every word is a bad sequence, because its
letters (0xC1-0xFE) are UTF-8 lead bytes that are not followed by continuation bytes.

"Almost valid UTF-8" is defined here as: at least one bad sequence, and at least as many
well-formed multi-byte characters as bad sequences (a bad sequence is a run of bytes that do
not decode). Arabic news saved as Windows-1256 gives at most one well-formed pair for every
twelve bad sequences (a letter followed by the Arabic comma 0xA1 happens to be one), so the
margin is wide both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.phrases import Phrase, translatable, translatable_plural

_BAD_RUN = re.compile("[\udc80-\udcff]+")  # what surrogateescape makes of undecodable bytes


@dataclass(frozen=True)
class Utf8Damage:
    """Where a nearly-UTF-8 file first goes wrong, and how much of it is good."""

    offset: int  # byte offset of the first bad sequence
    line: int  # 1-based line of it (LF counted)
    column: int  # 1-based character on that line
    bad_sequences: int
    good_characters: int  # well-formed multi-byte characters
    at_end: bool  # the only damage is a character cut off by the end of the file

    def describe(self) -> Phrase:
        """What is wrong, for a DecodeError; the advice fits the desk and the command line
        alike (only `tawsim import` can name an encoding)."""
        if self.at_end:
            return Phrase(translatable("the file is UTF-8 cut off inside its last character "
                                       "(byte {offset}); it was probably truncated"),
                          {"offset": self.offset})
        return Phrase(translatable_plural(
            "the file is UTF-8 with {count} damaged byte sequence, the first at byte {offset} "
            "(column {column}); repair it, or import it again naming its real encoding with "
            "tawsim import --encoding",
            "the file is UTF-8 with {count} damaged byte sequences, the first at byte {offset} "
            "(column {column}); repair it, or import it again naming its real encoding with "
            "tawsim import --encoding"),
            {"count": self.bad_sequences, "offset": self.offset, "column": self.column})


def utf8_damage(data: bytes) -> Utf8Damage | None:
    """How `data` is damaged UTF-8, or None when it is valid UTF-8 or not nearly UTF-8."""
    decoded = data.decode("utf-8", "surrogateescape")
    runs = list(_BAD_RUN.finditer(decoded))
    if not runs:
        return None
    good = sum(1 for char in _BAD_RUN.sub("", decoded) if ord(char) > 0x7F)
    if good < len(runs):
        return None
    first = runs[0].start()
    before = decoded[:first]
    offset = len(before.encode("utf-8", "surrogateescape"))
    line_start = before.rfind("\n") + 1
    return Utf8Damage(offset=offset, line=before.count("\n") + 1, column=first - line_start + 1,
                      bad_sequences=len(runs), good_characters=good,
                      at_end=len(runs) == 1 and runs[0].end() == len(decoded))


def place_of(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line (LF counted) and character column of byte `offset` of UTF-8 `data`;
    the characters before it on its line are decoded leniently."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
