"""Telling Label Studio's files from others, for `--format auto`.

A JSON file is Label Studio's when its leading objects are tasks (`data` with annotations or
predictions, or `data` holding the only text) or JSON_MIN records (regions under a control's
name, `annotation_id` and `lead_time`); see json_shapes. A JSON array of articles, of doccano
records, or a mix, is not, and a file whose objects cannot tell is refused with the formats
it could be. A CSV or TSV file is Label Studio's when it has the annotation's bookkeeping
columns or a column of regions (see tables).
"""

from __future__ import annotations

from pathlib import Path

from annotator.formats.json_sniff import SNIFF_BYTES, SNIFFED_ITEMS, json_shape
from annotator.formats.labelstudio.tables import TABLE_SUFFIXES, looks_like_table

__all__ = ["SNIFFED_ITEMS", "SNIFF_BYTES", "sniff"]


def sniff(path: Path) -> bool:
    if path.suffix.lower() in TABLE_SUFFIXES:
        return looks_like_table(path)
    return json_shape(path) == "labelstudio"
