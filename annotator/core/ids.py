"""Identifiers that merge: time-ordered UUIDs (version 7 layout).

Projects from different annotators are merged later, so every document, span and relation
carries a UUID. Putting the millisecond clock first keeps SQLite's unique index appending
at its end instead of splitting random pages, which matters for million-span imports.
"""

from __future__ import annotations

import os
import time
import uuid

_RAND_62 = (1 << 62) - 1


def new_id() -> str:
    """A new UUIDv7 string: 48 bits of Unix milliseconds, version 7, 74 random bits."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & _RAND_62
    return str(uuid.UUID(int=value))


def is_valid_id(value: object) -> bool:
    """True for a non-empty string without control characters, at most 200 characters.

    Imported records may bring their own ids (article numbers, doccano ids, brat T1); we keep
    them as they are, only refusing ones that cannot travel through every export format.
    """
    if not isinstance(value, str) or not value or len(value) > 200:
        return False
    return value.isprintable() and value.strip() == value


def all_valid_ids(values: list[str]) -> bool:
    """`is_valid_id` for every item of a list of strings, checked in a few passes over the
    joined text rather than one call per id (imports check a million span ids)."""
    if not values:
        return True
    if min(map(len, values)) == 0 or max(map(len, values)) > 200:
        return False
    if not "".join(values).isprintable():
        return False
    # Printable text has no whitespace but the space: an id must not begin or end with one.
    joined = "\x00" + "\x00".join(values) + "\x00"
    return " \x00" not in joined and "\x00 " not in joined
