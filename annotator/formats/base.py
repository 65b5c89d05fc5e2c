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
    scheme: Any = None  # the project's Scheme, so readers can refuse a bad label at its line
    # The stored text of a project document by id (None when absent): token formats align
    # their tokens to it instead of rebuilding a text.
    document_text: Callable[[str], str | None] | None = None
    warnings: list[str] = field(default_factory=list)  # what a reader could not carry

    def advance(self, count: int) -> None:
        if self.progress is not None and count:
            self.progress(count)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


@dataclass
class WriteOptions:
    scheme: Any = None  # the project's Scheme, for formats that need label kinds
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SpanIssue:
    """One span a format could not write as it is, and what the writer did instead."""

    document: str | None
    span: str | None
    label: str
    start: int
    end: int
    problem: str
    action: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


MAX_ISSUES = 10_000  # listed one by one; beyond that only counted, so memory stays bounded


@dataclass
class WriteReport:
    """What an export wrote, and what the format could not carry (never dropped silently).

    `warnings` are one-line summaries for a person; `issues` list the spans concerned (the
    first MAX_ISSUES of them; `issue_count` counts them all).
    """

    documents: int = 0
    spans: int = 0
    relations: int = 0
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    issues: list[SpanIssue] = field(default_factory=list)
    issue_count: int = 0

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def note(self, issue: SpanIssue) -> None:
        self.issue_count += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(issue)

    def add(self, other: WriteReport, prefix: str = "") -> None:
        """Fold another report in (an export written as several parts)."""
        self.documents += other.documents
        self.spans += other.spans
        self.relations += other.relations
        self.warnings.extend(prefix + w for w in other.warnings)
        self.files.extend(other.files)
        self.issues.extend(other.issues[:max(0, MAX_ISSUES - len(self.issues))])
        self.issue_count += other.issue_count

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "spans": self.spans,
                "relations": self.relations, "files": list(self.files),
                "warnings": list(self.warnings), "issue_count": self.issue_count,
                "issues": [issue.as_dict() for issue in self.issues]}


Reader = Callable[[Path, ReadOptions], Iterator[ReadItem]]
Writer = Callable[[Iterable[DocumentRecord], Path, WriteOptions], WriteReport]


@dataclass(frozen=True)
class OptionSpec:
    """A writer setting, for `--option NAME=VALUE` and the export dialog."""

    name: str
    help: str
    choices: tuple[str, ...] = ()  # empty: a number or free text
    default: str = ""


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...] = ()
    reader: Reader | None = None
    writer: Writer | None = None
    writes_folder: bool = False  # brat writes a folder of files; the rest write one file
    # Formats that choose a file or a folder by the output's name and options (docbin).
    folder_for: Callable[[Path, dict[str, Any]], bool] | None = None
    carries_layers: bool = False  # each record names its layer (native JSONL)
    streams: bool = False  # one text file, written front to back: `-o -` can be stdout
    # Recognises a file for --format auto; raises TawsimError when the file could be this
    # format or another and only --format can say which.
    sniff: Callable[[Path], bool] | None = None
    options: tuple[OptionSpec, ...] = ()  # what the writer's WriteOptions.extra accepts

    def makes_folder(self, out: Path, extra: dict[str, Any]) -> bool:
        """Whether writing to `out` with these options makes a folder rather than a file."""
        if self.folder_for is not None:
            return self.folder_for(out, extra)
        return self.writes_folder
