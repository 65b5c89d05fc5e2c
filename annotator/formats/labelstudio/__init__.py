"""Label Studio tasks JSON: spans as `labels` results, links as `relation` results.

Each task is `{"data": {"text", "doc_id"}, "annotations": [{"result": [...]}]}` (or
`predictions`, for a model layer). A span is a region `{"id", "type": "labels", "value":
{"start", "end", "text", "labels"}}`; its attributes are per-region `choices` results and its
note a per-region `textarea`, both carrying the region's id. Offsets are code points, as Label
Studio has stored them since it stopped counting UTF-16 units; a file whose offsets only make
sense as UTF-16 units (an emoji before the span) is converted, and the import says so.

The export also writes the matching labelling config beside the tasks (`NAME.config.xml`).
The import also reads Label Studio's JSON_MIN export (one object per task and annotation, the
task's fields at the top and each control's regions as `{"start", "end", "text", "labels"}`)
and its CSV and TSV exports (the same fields as columns).

The modules: `detection` (Label Studio's files told from others), `reader` (tasks into
records), `minimal` (JSON_MIN records and table rows into records), `tables` (CSV and TSV),
`regions` (a region's results), `units` (UTF-16 offsets), `writer` (records into tasks),
`config` (the labelling config).
"""

from annotator.formats.labelstudio.config import LABELS, NOTE, TEXT, labelling_config
from annotator.formats.labelstudio.detection import SNIFF_BYTES, SNIFFED_ITEMS, sniff
from annotator.formats.labelstudio.reader import read, record_from_task
from annotator.formats.labelstudio.writer import NAME, write

__all__ = [
    "LABELS",
    "NAME",
    "NOTE",
    "SNIFFED_ITEMS",
    "SNIFF_BYTES",
    "TEXT",
    "labelling_config",
    "read",
    "record_from_task",
    "sniff",
    "write",
]
