"""What the app and the CLI may offer: the registered formats, by name and purpose."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.formats import registry
from annotator.formats.base import OptionSpec


@dataclass(frozen=True)
class FormatInfo:
    name: str
    description: str
    extensions: tuple[str, ...]
    can_import: bool
    can_export: bool
    writes_folder: bool
    options: tuple[OptionSpec, ...] = ()  # the writer's settings (name, help, choices)
    carries_layers: bool = False  # one record per document and layer (else: pick one layer)


def formats() -> list[FormatInfo]:
    return [
        FormatInfo(f.name, f.description, f.extensions, f.reader is not None,
                   f.writer is not None, f.writes_folder, f.options, f.carries_layers)
        for f in (registry.get(name) for name in registry.names())
    ]


def import_format_names() -> list[str]:
    return [f.name for f in formats() if f.can_import]


def export_format_names() -> list[str]:
    return [f.name for f in formats() if f.can_export]
