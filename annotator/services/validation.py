"""Checking a JSONL dataset without importing it: shape (JSON Schema) and contents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import jsonschema

from annotator.core.datafiles import schema_file
from annotator.core.errors import InvariantError, TawsimError
from annotator.core.records import prepare_record
from annotator.core.scheme import Scheme
from annotator.formats.base import ReadOptions
from annotator.formats.files import json_lines
from annotator.formats.native import record_from_json


@cache
def record_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(schema_file("record.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _where(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "the record"


def validate_dataset(path: str | Path, scheme: Scheme,
                     encoding: str | None = None) -> Iterator[TawsimError]:
    """Every problem of a Tawsim JSONL dataset, one per bad line, each naming file and line;
    `encoding` reads the file in that encoding, as `tawsim import --encoding` would."""
    path = Path(path)
    if not path.is_file():
        raise TawsimError("no such file", path=str(path))
    validator = record_validator()
    for origin, value in json_lines(path, ReadOptions(encoding=encoding)):
        if isinstance(value, TawsimError):
            yield value
            continue
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        if errors:
            first = errors[0]
            yield InvariantError(f"{_where(first)}: {first.message}", path=origin.path,
                                 line=origin.line)
            continue
        try:
            record = record_from_json(value)
            record.origin = origin
            prepare_record(record, scheme)
        except TawsimError as error:
            yield error.located(origin.path, origin.line)
