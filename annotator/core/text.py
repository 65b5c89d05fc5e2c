"""Source bytes to stored text, and the one canonicalisation the stored text ever gets.

The stored text is the decoded source with its byte-order mark removed (once, when bytes are
decoded) and CRLF or CR turned into LF. Nothing else changes: no NFC, no NBSP, tatweel or
tashkeel removal, because every offset an annotator or an extractor produces points into exactly
this text. Canonicalising a stored text again changes nothing: a U+FEFF inside a text (or at the
start of a JSON string) is content, not a byte-order mark.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import regex

from annotator.core.errors import DecodeError, translatable
from annotator.core.utf8_damage import utf8_damage

BOM = "\ufeff"
LF_BYTE = b"\n"

# Encodings a user may name with --encoding, by the names they are likely to type.
ENCODING_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf16": "utf-16",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16-le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "utf-16-be": "utf-16-be",
    "cp1256": "cp1256",
    "windows-1256": "cp1256",
    "win1256": "cp1256",
}
SUPPORTED_ENCODINGS = ("utf-8", "utf-16", "cp1256")


@dataclass(frozen=True)
class DecodedText:
    """The stored text of one source, with how it was read and fingerprints of both sides."""

    text: str
    encoding: str
    source_sha256: str
    text_sha256: str


def sha256_text(text: str) -> str:
    """Fingerprint of a stored text (UTF-8 bytes); documents are matched by it on import."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def needs_canonicalising(raw: str) -> bool:
    return "\r" in raw


def canonicalise(raw: str) -> str:
    """Turn CRLF and lone CR into LF; change nothing else."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw


def canonicalise_with_map(raw: str) -> tuple[str, Callable[[int], int]]:
    """Canonicalise `raw` and return a function mapping raw offsets to stored offsets.

    Spans that arrive with a record were measured on the raw text; shifting them through the
    same removal keeps them on the same characters. A raw offset moves left by the number of
    removed characters (the CR of each CRLF) that stand before it.
    """
    removed: list[int] = []
    if "\r" in raw:
        start = 0
        while (i := raw.find("\r\n", start)) != -1:
            removed.append(i)
            start = i + 2
    text = canonicalise(raw)
    if not removed:
        return text, _identity
    return text, lambda offset: offset - bisect_left(removed, offset)


def _identity(offset: int) -> int:
    return offset


def normalise_encoding_name(name: str) -> str:
    key = name.strip().lower().replace("_", "-")
    if key in ENCODING_ALIASES:
        return ENCODING_ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        raise DecodeError(
            f"unknown encoding {name!r} (supported: {', '.join(SUPPORTED_ENCODINGS)})"
        ) from None


def decode_source(data: bytes, *, source: str, encoding: str | None = None) -> DecodedText:
    """Decode a file's bytes into stored text, or refuse with a message naming the file.

    Without `encoding`: a BOM decides (UTF-8 or UTF-16); else strict UTF-8; else UTF-16
    without a BOM or Windows-1256 when the result clearly reads as text. Anything else is
    refused: silent mojibake would poison every offset after it. Nearly valid UTF-8 (see
    core.utf8_damage) is refused with the byte, line and column of its first bad sequence,
    never read as Windows-1256.
    """
    if not data:
        raise DecodeError(translatable("the file is empty"), path=source)
    if encoding is not None:
        chosen = normalise_encoding_name(encoding)
        decoded = _decode_strict(data, _keeping_bom(chosen, data), source)
        _check_forced(data, chosen, decoded, source)
    else:
        chosen, decoded = _detect(data, source)
    if decoded.startswith(BOM) and data.startswith(_BOM_BYTES):
        decoded = decoded[1:]  # the byte-order mark, exactly once; a second U+FEFF is content
    text = canonicalise(decoded)
    if not text.strip():
        raise DecodeError(translatable("the file holds no text, only white space"), path=source)
    if "\x00" in text:
        raise DecodeError(translatable("the file contains NUL characters; it is not {encoding} "
                                       "text"), fields={"encoding": chosen}, path=source)
    return DecodedText(
        text=text,
        encoding=chosen,
        source_sha256=hashlib.sha256(data).hexdigest(),
        text_sha256=sha256_text(text),
    )


_BOM_BYTES = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _keeping_bom(encoding: str, data: bytes) -> str:
    """The codec that reads `encoding` without dropping a byte-order mark itself, so that
    decode_source removes exactly one, whatever the codec's habits."""
    if encoding == "utf-8-sig":
        return "utf-8"
    if encoding == "utf-16":
        if data.startswith(codecs.BOM_UTF16_LE):
            return "utf-16-le"
        if data.startswith(codecs.BOM_UTF16_BE):
            return "utf-16-be"
    return encoding


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-8") and (damage := utf8_damage(data)) is not None:
            raise DecodeError(damage.describe(), path=source, line=damage.line) from None
        # Lines are only counted where a line break is the byte 0x0A (not in UTF-16).
        if encoding.startswith("utf-16"):
            raise DecodeError(translatable("the file is not valid {encoding} (bad byte at "
                                           "position {position})"),
                              fields={"encoding": encoding, "position": exc.start},
                              path=source) from None
        raise DecodeError(
            translatable("the file is not valid {encoding} (bad byte at position {position}, "
                         "line {line})"),
            fields={"encoding": encoding, "position": exc.start,
                    "line": data.count(LF_BYTE, 0, exc.start) + 1},
            path=source,
        ) from None


def _detect(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        raise DecodeError(translatable("UTF-32 files are not supported; save it as UTF-8"),
                          path=source)
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", _decode_strict(data, "utf-8", source)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", _decode_strict(data, _keeping_bom("utf-16", data), source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" not in text:
            return "utf-8", text
    if b"\x00" in data:
        # UTF-16 without a BOM: both byte orders often decode; keep the one that reads as
        # text in the scripts a news file holds (the other gives CJK and unassigned code points).
        readings = [(candidate, text) for candidate in ("utf-16-le", "utf-16-be")
                    if (text := _try_decode(data, candidate)) is not None
                    and _reads_as_text(text)]
        if readings:
            candidate, text = max(readings, key=lambda reading: _plausible_share(reading[1]))
            if _plausible_share(text) >= PLAUSIBLE_SHARE:
                return candidate, text
        raise DecodeError(
            translatable("the file looks binary (it contains NUL bytes and is not UTF-16 "
                         "text)"), path=source
        )
    # Damaged UTF-8 is refused where it is damaged: read as Windows-1256 it would be mojibake.
    damage = utf8_damage(data)
    if damage is not None:
        raise DecodeError(damage.describe(), path=source, line=damage.line)
    text = _try_decode(data, "cp1256")
    if text is not None and _reads_as_text(text) and _mostly_arabic(text):
        return "cp1256", text
    raise DecodeError(
        translatable("the file is not UTF-8, UTF-16 or Windows-1256 text; if you know its "
                     "encoding, pass it with --encoding"),
        path=source,
    )


def _check_forced(data: bytes, chosen: str, decoded: str, source: str) -> None:
    """Refuse a forced encoding that would garble the text rather than read it."""
    if not _reads_as_text(decoded):
        raise DecodeError(
            f"read as {chosen}, the file holds control or unassigned characters; it is not "
            f"{chosen} text",
            path=source,
        )
    if chosen.startswith("utf-8") or data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise DecodeError(
        f"the file is UTF-8 text, and reading it as {chosen} would garble it; "
        "import it without --encoding",
        path=source,
    )


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _reads_as_text(text: str) -> bool:
    """No control characters beyond white space, and no unassigned or private-use code points."""
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cn", "Co", "Cs") and char not in "\t\n\r\f\v":
            return False
    return True


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f"


_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _mostly_arabic(text: str) -> bool:
    """Most letters outside ASCII stand in all-Arabic words: how cp1256 is told from the
    mojibake it makes of Latin-1 text.

    ASCII letters are left out of the count, so an English report quoting an Arabic name is
    read. Latin-1 text read as cp1256 gets Arabic letters inside Latin words (Straße becomes
    Straكe): those count against it.
    """
    in_arabic_words = other = 0
    for word in _WORD.findall(text):
        letters = [c for c in word if c.isalpha() and not c.isascii()]
        if not letters:
            continue
        if all(_is_arabic(c) for c in word if c.isalpha()):
            in_arabic_words += len(letters)
        else:
            other += len(letters)
    return in_arabic_words > 0 and in_arabic_words / (in_arabic_words + other) >= 0.6


# Share of characters from the scripts and symbols of news text a UTF-16 reading must reach.
PLAUSIBLE_SHARE = 0.9
_IMPLAUSIBLE = re.compile(
    "[^\u0000-\u024f"  # ASCII, Latin-1 and Latin Extended
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"  # Arabic
    "\u2000-\u206f"  # general punctuation, spaces and direction marks
    "\ufb50-\ufdff\ufe70-\ufeff"  # Arabic presentation forms
    "\U0001f000-\U0001faff]"  # emoji
)


def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    return 1 - len(_IMPLAUSIBLE.findall(text)) / len(text)
