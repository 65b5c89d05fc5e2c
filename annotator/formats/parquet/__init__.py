"""Apache Parquet: a dataset for DuckDB, Spark, Polars and Hugging Face `datasets`.

One row per document and layer, the fields of a native JSONL record (ids, text and its
SHA-256, meta, layer and its owner, status, active time), spans and relations as nested
list<struct> columns with code-point offsets, and the project's scheme, Tawsim's version and
`offset_unit: codepoint` in each file's key-value metadata. An export is a folder of shards
(part-00000.parquet ...) in document order, written by parallel processes into a temporary
folder that is moved into place at the end; a path ending in .parquet gets one file. Import
reads a file or such a folder back losslessly. Needs pyarrow (pip install 'tawsim[parquet]').

The modules: `layout` (schema, metadata, pyarrow imported lazily), `columns` (records into
Arrow columns), `shards` (files, row groups, worker processes), `writer` (the export),
`schema_check` (is a file a Tawsim dataset), `reader` (files and folders into records),
`prepared` (rows checked once into compact documents, for a bulk import).
"""

from annotator.formats.parquet.layout import OFFSET_UNIT, load_pyarrow
from annotator.formats.parquet.reader import EXTENSIONS, read, sniff
from annotator.formats.parquet.writer import (
    COMPRESSIONS,
    DEFAULT_COMPRESSION,
    DEFAULT_SHARD,
    write,
    writes_folder,
)

__all__ = [
    "COMPRESSIONS",
    "DEFAULT_COMPRESSION",
    "DEFAULT_SHARD",
    "EXTENSIONS",
    "OFFSET_UNIT",
    "load_pyarrow",
    "read",
    "sniff",
    "write",
    "writes_folder",
]
