"""Reading a scheme: from a file, from bytes or from parsed JSON to a checked Scheme.

A scheme is JSON (schema/scheme.default.json is the default) checked in two steps when it is
loaded: its shape against schema/scheme.schema.json, then the rules a JSON Schema cannot say
(see rules). Every refusal says what is wrong and where: the JSON path, and for a file the
line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from annotator.core.datafiles import schema_file
from annotator.core.errors import SchemeError
from annotator.core.jsonpos import line_of
from annotator.core.scheme.definitions import (
    AttributeDef,
    AttributeValue,
    ClaimRoles,
    LabelDef,
    RelationDef,
    Scheme,
)
from annotator.core.scheme.rules import Pointer, rule_problem


class InvalidScheme(SchemeError):
    """A scheme that breaks the JSON Schema or a rule; `pointer` is the JSON path at fault."""

    def __init__(self, message: str, *, path: str | None = None,
                 pointer: Pointer = ()) -> None:
        super().__init__(message, path=path)
        self.pointer = pointer


def _localised(data: Mapping[str, Any] | None) -> dict[str, str]:
    return dict(data or {})


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(schema_file("scheme.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _show_pointer(pointer: Sequence[str | int]) -> str:
    return "/".join(str(p) for p in pointer) if pointer else "the top level"


def _named_context(data: Any, pointer: Sequence[str | int]) -> str:
    """' (label 'ACTOR')': the innermost named label, relation, attribute or value on the path."""
    kinds = {"labels": "label", "relations": "relation", "attributes": "attribute",
             "values": "value"}
    node, context, parent_key = data, "", None
    for step in pointer:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, int) and parent_key in kinds and isinstance(node, dict) \
                and isinstance(node.get("name"), str):
            context = f" ({kinds[parent_key]} {node['name']!r})"
        parent_key = step
    return context


_HINTED = {"pattern", "type", "enum", "minLength", "minItems", "const"}


def _schema_message(error: jsonschema.ValidationError) -> str:
    message = error.message
    hint = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in _HINTED and hint:
        message += f" ({hint[0].lower()}{hint[1:].rstrip('.')})"
    return message


def _line_pointer(error: jsonschema.ValidationError, pointer: Pointer) -> Pointer:
    """Where to look for the line: an unexpected key's own line rather than its object's."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        unexpected = [key for key in error.instance if key not in allowed]
        if unexpected:
            return (*pointer, unexpected[0])
    return pointer


def _attribute(data: Mapping[str, Any]) -> AttributeDef:
    values = tuple(
        AttributeValue(
            name=v["name"],
            names=_localised(v.get("names")),
            description=_localised(v.get("description")),
            example=v.get("example", ""),
            hotkey=v.get("hotkey"),
        )
        for v in data["values"]
    )
    return AttributeDef(
        name=data["name"],
        values=values,
        names=_localised(data.get("names")),
        description=_localised(data.get("description")),
        default=data.get("default"),
        required=bool(data.get("required", False)),
        example=data.get("example", ""),
    )


def scheme_from_dict(data: Any, *, origin: str = "scheme") -> Scheme:
    """Build a scheme from parsed JSON, or raise InvalidScheme saying what is wrong and where."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        pointer = tuple(first.absolute_path)
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise InvalidScheme(
            f"invalid scheme at {_show_pointer(pointer)}{_named_context(data, pointer)}: "
            f"{_schema_message(first)}{more}",
            path=origin, pointer=_line_pointer(first, pointer),
        )
    labels = tuple(
        LabelDef(
            name=item["name"],
            color=item["color"].lower(),
            names=_localised(item.get("names")),
            description=_localised(item.get("description")),
            example=item.get("example", ""),
            hotkey=item.get("hotkey"),
            style=item.get("style", "background"),
            proclitics=item.get("proclitics", "keep"),
            attributes=tuple(_attribute(a) for a in item.get("attributes", ())),
        )
        for item in data["labels"]
    )
    relations = tuple(
        RelationDef(
            name=item["name"],
            heads=tuple(item["from"]),
            tails=tuple(item["to"]),
            names=_localised(item.get("names")),
            description=_localised(item.get("description")),
            example=item.get("example", ""),
            hotkey=item.get("hotkey"),
            attributes=tuple(_attribute(a) for a in item.get("attributes", ())),
        )
        for item in data.get("relations", ())
    )
    roles = data.get("claims")
    scheme = Scheme(
        name=data["name"],
        labels=labels,
        relations=relations,
        version=int(data.get("version", 1)),
        description=_localised(data.get("description")),
        claims=ClaimRoles(roles["label"], roles.get("source"), roles.get("stance"))
        if roles else None,
        rules=tuple(_localised(rule) for rule in data.get("rules", ())),
        source={k: v for k, v in data.items() if k != "$schema"},
    )
    problem = rule_problem(scheme)
    if problem is not None:
        pointer, message = problem
        raise InvalidScheme(
            f"invalid scheme at {_show_pointer(pointer)}{_named_context(data, pointer)}: "
            f"{message}",
            path=origin, pointer=pointer,
        )
    return scheme


def parse_scheme_text(raw: bytes, origin: str) -> Scheme:
    """A scheme from the bytes of a JSON file; every failure is one line naming file and line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SchemeError("the scheme file is not UTF-8 text", path=origin) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemeError(
            f"the scheme is not valid JSON: {exc.msg} (column {exc.colno})",
            path=origin,
            line=exc.lineno,
        ) from None
    try:
        return scheme_from_dict(data, origin=origin)
    except InvalidScheme as error:
        error.line = line_of(text, error.pointer)
        raise


def load_scheme(path: str | Path) -> Scheme:
    """Read and validate a scheme file; every failure is a one-line SchemeError naming it."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemeError(f"cannot read the scheme file: {exc.strerror}", path=str(path)) from None
    return parse_scheme_text(raw, str(path))


@cache
def default_scheme() -> Scheme:
    return load_scheme(schema_file("scheme.default.json"))
