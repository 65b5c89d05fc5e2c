"""What a format provides: a reader that yields records, a writer that streams them out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.records import DocumentRecord, Origin


@dataclass(frozen=True)
class BadRecord:
    """A record a reader could not build; the importer stops or skips it (--skip-bad)."""

    origin: Origin
    error: TawsimError


ReadItem = DocumentRecord | BadRecord
Progress = Callable[[int], None]


@dataclass
class ReadOptions:
    encoding: str | None = None  # force a text encoding instead of detecting it
    fields: dict[str, str] = field(default_factory=dict)  # record key -> source field name
    progress: Progress | None = None  # called with the number of bytes just read
    extra: dict[str, Any] = field(default_factory=dict)  # format-specific options

    def advance(self, count: int) -> None:
        if self.progress is not None and count:
            self.progress(count)


@dataclass
class WriteOptions:
    scheme: Any = None  # the project's Scheme, for formats that need label kinds
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class WriteReport:
    """What an export wrote, and what the format could not carry (never dropped silently)."""

    documents: int = 0
    spans: int = 0
    relations: int = 0
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


Reader = Callable[[Path, ReadOptions], Iterator[ReadItem]]
Writer = Callable[[Iterable[DocumentRecord], Path, WriteOptions], WriteReport]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...] = ()
    reader: Reader | None = None
    writer: Writer | None = None
    writes_folder: bool = False  # brat writes a folder of files; the rest write one file
    sniff: Callable[[Path], bool] | None = None  # recognises a file for --format auto
