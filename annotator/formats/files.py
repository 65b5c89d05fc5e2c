"""File plumbing shared by formats: reading JSON Lines with line numbers (writing atomically is
in `atomic`, whose names are kept importable from here)."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import DecodeError, TawsimError, readable_path, translatable
from annotator.core.records import DocumentRecord, Origin
from annotator.core.text import decode_source, normalise_encoding_name
from annotator.core.utf8_damage import place_of, utf8_damage
from annotator.formats import json_limits
from annotator.formats.atomic import EXPORT_MARKER as EXPORT_MARKER  # kept importable from here
from annotator.formats.atomic import atomic_folder as atomic_folder
from annotator.formats.atomic import atomic_output as atomic_output
from annotator.formats.base import BadRecord, ReadOptions
from annotator.formats.json_limits import check_json_depth, may_nest_deeply, too_large
from annotator.formats.json_syntax import json_line_problem, json_syntax_problem

UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian BOM begins with UTF-16's.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SNIFF_BYTES = 1 << 20  # how much of a file recognising its format may read


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 when the bytes begin with its BOM: JSON in those encodings is told
    by the BOM, as text files are, without --encoding."""
    return next((name for bom, name in _WIDE_BOMS if head.startswith(bom)), None)


def _file_head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def first_json_line(path: Path) -> Any:
    """The first non-blank line of a JSON Lines file, parsed for its shape only (the text may
    be in any encoding; UTF-16 and UTF-32 are told by their BOM). None when the file has no
    such line or it is not JSON."""
    try:
        with path.open("rb") as handle:
            wide = wide_encoding(handle.read(4))
            handle.seek(0)
            lines: Iterable[bytes | str] = (
                handle.read(SNIFF_BYTES).decode(wide, "replace").split("\n") if wide
                else handle)
            for line in lines:
                if isinstance(line, bytes):  # only the shape matters, whatever the encoding
                    line = line.removeprefix(UTF8_BOM).decode("utf-8", "replace")
                if line.strip():
                    return orjson.loads(line)
    except (OSError, orjson.JSONDecodeError):
        return None
    return None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TawsimError(f"cannot read the file: {exc.strerror}", path=str(path)) from None


def json_lines(path: Path, options: ReadOptions) -> Iterator[tuple[Origin, Any | TawsimError]]:
    """Each non-blank line of a JSON Lines file, parsed, or the error that line has.

    Lines are read as bytes and parsed by orjson directly; CRLF and a leading BOM are allowed.
    An explicit --encoding (options.encoding) decodes each line first; an encoding whose
    line breaks are not the byte 0x0A (UTF-16) decodes the whole file. Yields (origin,
    value) where value is a TawsimError for a broken line, so that callers can stop there or
    skip it.
    """
    codec = (wide_encoding(_file_head(path, 4)) if options.encoding is None
             else normalise_encoding_name(options.encoding))
    seen_content = False
    shown = display_path(path)  # once, not for every line
    for number, line_start, raw in _numbered_json_lines(path, options, codec):
        line = raw.strip()
        if not line:
            continue
        # Where the stripped line begins in the file and on its line (white space is ASCII).
        lead = len(raw) - len(raw.lstrip())
        offset = line_start + lead
        seen_content = True
        origin = Origin(shown, number)
        if isinstance(line, bytes) and codec is not None:
            try:
                line = line.decode(codec)
            except UnicodeDecodeError as exc:
                yield origin, DecodeError(
                    translatable("the line is not valid {encoding} text (bad byte at byte "
                                 "{byte} of the file)"),
                    fields={"encoding": codec, "byte": offset + exc.start},
                    path=str(path), line=number)
                continue
        nul = "\x00" if isinstance(line, str) else b"\x00"
        if nul in line:
            yield origin, DecodeError(
                translatable("the line contains NUL bytes; the file is not {encoding} JSON "
                             "Lines"), fields={"encoding": codec or "UTF-8"},
                path=str(path), line=number)
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield origin, TawsimError(json_line_problem(exc, line, offset, lead),
                                      path=str(path), line=number)
            continue
        if not may_nest_deeply(line):
            yield origin, value
            continue
        try:
            yield origin, check_json_depth(value, str(path), number)
        except TawsimError as error:
            yield origin, error
    if not seen_content:
        raise TawsimError("the file is empty", path=str(path))


def _numbered_json_lines(path: Path, options: ReadOptions,
                         codec: str | None) -> Iterator[tuple[int, int, bytes | str]]:
    """(line number, byte offset of the line in the file, line) without a leading BOM:
    bytes, or text when the encoding cannot be split into lines as bytes (then the whole file
    is decoded at once, and the offset is 0)."""
    if codec is not None and "\n{}".encode(codec) != b"\n{}":
        data = read_bytes(path)
        options.advance(len(data))
        if not data.strip():
            raise TawsimError("the file is empty", path=str(path))
        text = decode_source(data, source=str(path), encoding=codec).text
        for number, line in enumerate(text.split("\n"), start=1):
            yield number, 0, line
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise TawsimError(f"cannot read the file: {exc.strerror}", path=str(path)) from None
    with handle:
        number = offset = 0
        limit = json_limits.MAX_JSON_LINE_BYTES
        while raw := handle.readline(limit + 1):
            number += 1
            if len(raw) > limit:
                raise too_large(limit, "the line", str(path), number)
            options.advance(len(raw))
            line_offset, offset = offset, offset + len(raw)
            if number == 1 and raw.startswith(UTF8_BOM):
                raw = raw[len(UTF8_BOM):]
                line_offset += len(UTF8_BOM)
            yield number, line_offset, raw


def parse_json_document(path: Path, data: bytes, encoding: str | None = None) -> Any:
    """A whole-file JSON document, with the line and column of a syntax error; `encoding`
    (an explicit --encoding) decodes it first, else it must be UTF-8 (or UTF-16 or UTF-32
    with a BOM)."""
    if len(data) > json_limits.MAX_JSON_FILE_BYTES:
        raise too_large(json_limits.MAX_JSON_FILE_BYTES, "the JSON document", str(path))
    encoding = encoding or wide_encoding(data)
    if encoding is not None:
        text = decode_source(data, source=str(path), encoding=encoding).text
        try:
            return check_json_depth(orjson.loads(text), str(path))
        except orjson.JSONDecodeError as exc:
            message, line = json_syntax_problem(exc, text)
            raise TawsimError(message, path=str(path), line=line) from None
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    try:
        return check_json_depth(orjson.loads(data), str(path))
    except orjson.JSONDecodeError as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line, column = place_of(data, bad.start)
            damaged = utf8_damage(data) is not None
            raise DecodeError(
                translatable("the file is not UTF-8 JSON (bad byte at byte {byte}, column "
                             "{column}); it looks like UTF-8 with a damaged byte: repair it, "
                             "or name its real encoding with --encoding") if damaged
                else translatable("the file is not UTF-8 JSON (bad byte at byte {byte}, column "
                                  "{column}); name its encoding with --encoding"),
                fields={"byte": bad.start, "column": column},
                path=str(path), line=line) from None
        message, line = json_syntax_problem(exc, data)
        raise TawsimError(message, path=str(path), line=line) from None


def display_path(path: Path | str) -> str:
    """A path as text that can be stored and shown (see readable_path)."""
    return readable_path(str(path))


def display_name(path: Path) -> str:
    """The file's name, safe to store (see display_path)."""
    return display_path(path.name)


def name_is_text(name: str) -> bool:
    """Whether a file name decodes as UTF-8, so that it can serve as a document id."""
    try:
        os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def numbered_lines(data: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of a decoded text, split at LF only: a U+2028 or a form feed
    inside a span's text is part of the line, not a break."""
    yield from enumerate(data.split("\n"), start=1)


def records_from_json_lines(
    path: Path, options: ReadOptions, build: Callable[[Any], DocumentRecord]
) -> Iterator[DocumentRecord | BadRecord]:
    """Each line of a JSON Lines file made into a record by `build`, or the error it has,
    placed at its line; the loop every line-based reader shares."""
    for origin, value in json_lines(path, options):
        if isinstance(value, TawsimError):
            yield BadRecord(origin, value)
            continue
        try:
            record = build(value)
        except TawsimError as error:
            yield BadRecord(origin, error.located(origin.path, origin.line))
            continue
        record.origin = origin
        record.source = display_path(path)
        yield record


def records_of_items(path: Path, items: Iterable[Any], noun: str,
                     convert: Callable[[Any, ReadOptions], DocumentRecord],
                     options: ReadOptions) -> Iterator[DocumentRecord | BadRecord]:
    """Each item of a whole-file collection (a JSON array, a DocBin's Docs) as a record, or
    the item's error placed at "(noun N)" in the file (such a file has no lines to name)."""
    for index, item in enumerate(items, start=1):
        origin = Origin(f"{display_path(path)} ({noun} {index})")
        try:
            record = convert(item, options)
        except TawsimError as error:
            yield BadRecord(origin, error.located(origin.path))
            continue
        record.origin = origin
        record.source = display_path(path)
        yield record
