"""The label scheme: which labels, attributes and relation types a project allows.

A scheme is JSON (schema/scheme.default.json is the default) checked in two steps when it is
loaded: its shape against schema/scheme.schema.json, then the rules a JSON Schema cannot say
(unique names and hotkeys, relations that name existing labels, defaults among the values).
Every refusal says what is wrong and where: the JSON path, and for a file the line.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema

from annotator.core.datafiles import schema_file
from annotator.core.errors import SchemeError
from annotator.core.jsonpos import line_of

STYLES = ("background", "underline")
PROCLITIC_POLICIES = ("trim", "suggest", "keep")
LANGUAGES = ("ar", "en")
FALLBACK_LANGUAGE = "en"

Pointer = tuple[str | int, ...]


# The standard Arabic (101) PC layout: the letter each Latin key types. Hotkeys are Latin
# letters and digits; an annotator typing on the Arabic layout presses the same keys.
_ARABIC_LAYOUT = dict(zip("ضصثقفغعهخحجدشسيبلاتنمكطئءؤرىةوزظ",
                          "qwertyuiop[]asdfghjkl;'zxcvnm,./", strict=True))


def hotkey_of(text: str) -> str:
    """The hotkey a typed character stands for: Latin letters lower-cased, Arabic-Indic and
    Persian digits as ASCII, Arabic-layout letters as the Latin key under them."""
    if len(text) != 1:
        return text.lower()
    if text.isdigit():
        return str(unicodedata.digit(text, text))
    return _ARABIC_LAYOUT.get(text, text.lower())


def _localised(data: Mapping[str, Any] | None) -> dict[str, str]:
    return dict(data or {})


def localise(texts: Mapping[str, str], language: str, default: str = "") -> str:
    """The text in `language`, else in English, else `default`."""
    return texts.get(language) or texts.get(FALLBACK_LANGUAGE) or default


class InvalidScheme(SchemeError):
    """A scheme that breaks the JSON Schema or a rule; `pointer` is the JSON path at fault."""

    def __init__(self, message: str, *, path: str | None = None,
                 pointer: Pointer = ()) -> None:
        super().__init__(message, path=path)
        self.pointer = pointer


@dataclass(frozen=True)
class AttributeValue:
    name: str
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    example: str = ""
    hotkey: str | None = None

    def display(self, language: str = "en") -> str:
        return localise(self.names, language, self.name)


@dataclass(frozen=True)
class AttributeDef:
    name: str
    values: tuple[AttributeValue, ...]
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    default: str | None = None
    required: bool = False
    example: str = ""

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.values)

    def value(self, name: str) -> AttributeValue | None:
        return next((v for v in self.values if v.name == name), None)

    def display(self, language: str = "en") -> str:
        return localise(self.names, language, self.name)


@dataclass(frozen=True)
class LabelDef:
    name: str
    color: str
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    example: str = ""
    hotkey: str | None = None
    style: str = "background"
    proclitics: str = "keep"
    attributes: tuple[AttributeDef, ...] = ()

    def display(self, language: str = "en") -> str:
        return localise(self.names, language, self.name)

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True)
class RelationDef:
    name: str
    heads: tuple[str, ...]  # labels allowed at the head ("from")
    tails: tuple[str, ...]  # labels allowed at the tail ("to")
    names: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    example: str = ""
    hotkey: str | None = None
    attributes: tuple[AttributeDef, ...] = ()

    def display(self, language: str = "en") -> str:
        return localise(self.names, language, self.name)

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)

    def connects(self, head_label: str, tail_label: str) -> bool:
        return head_label in self.heads and tail_label in self.tails


@dataclass(frozen=True)
class ClaimRoles:
    """Which label holds claims, which relation type names a claim's source, and which of the
    claim label's attributes is its stance: what the claims panel reads."""

    label: str
    source: str | None = None
    stance: str | None = None


@dataclass(frozen=True)
class Scheme:
    name: str
    labels: tuple[LabelDef, ...]
    relations: tuple[RelationDef, ...] = ()
    version: int = 1
    description: dict[str, str] = field(default_factory=dict)
    claims: ClaimRoles | None = None  # as the scheme states them; see claim_roles
    rules: tuple[dict[str, str], ...] = ()  # general annotation rules, localised
    source: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(relation.name for relation in self.relations)

    def label(self, name: str) -> LabelDef:
        for label in self.labels:
            if label.name == name:
                return label
        raise SchemeError(
            f"unknown label {name!r} (the scheme has {', '.join(self.label_names)})"
        )

    def relation(self, name: str) -> RelationDef:
        for relation in self.relations:
            if relation.name == name:
                return relation
        known = ", ".join(self.relation_names) or "no relation types"
        raise SchemeError(f"unknown relation type {name!r} (the scheme has {known})")

    def has_label(self, name: str) -> bool:
        return any(label.name == name for label in self.labels)

    def has_relation(self, name: str) -> bool:
        return any(relation.name == name for relation in self.relations)

    def owner(self, name: str) -> LabelDef | RelationDef:
        """The label or relation type called `name` (the two share one namespace)."""
        if self.has_label(name):
            return self.label(name)
        if self.has_relation(name):
            return self.relation(name)
        raise SchemeError(f"the scheme has no label or relation type {name!r}")

    def relations_from(self, label: str) -> tuple[RelationDef, ...]:
        """Relation types a span of `label` can start (the desk's link keys for it)."""
        return tuple(r for r in self.relations if label in r.heads)

    def relation_for_hotkey(self, head_label: str, key: str) -> RelationDef | None:
        """The relation type a key starts from a span of `head_label`; `key` may be the
        character typed (see hotkey_of)."""
        key = hotkey_of(key)
        return next((r for r in self.relations_from(head_label)
                     if r.hotkey and r.hotkey.lower() == key), None)

    def label_for_hotkey(self, key: str) -> LabelDef | None:
        key = hotkey_of(key)
        return next((lb for lb in self.labels if lb.hotkey and lb.hotkey.lower() == key), None)

    def value_for_hotkey(self, owner: str, key: str) -> tuple[AttributeDef, AttributeValue] | None:
        """The attribute value a key sets on a selected span of label `owner` (or relation)."""
        key = hotkey_of(key)
        for attribute in self.owner(owner).attributes:
            for value in attribute.values:
                if value.hotkey and value.hotkey.lower() == key:
                    return attribute, value
        return None

    @property
    def claim_roles(self) -> ClaimRoles | None:
        """The claim roles the scheme states; a scheme without the section but with a CLAIM
        label gets CLAIM, SOURCE and stance wherever they exist."""
        if self.claims is not None:
            return self.claims
        if not self.has_label("CLAIM"):
            return None
        source = "SOURCE" if self.has_relation("SOURCE") and "CLAIM" in (
            *self.relation("SOURCE").heads, *self.relation("SOURCE").tails) else None
        stance = "stance" if self.label("CLAIM").attribute("stance") else None
        return ClaimRoles("CLAIM", source, stance)

    def check_attrs(self, owner: str, defs: Iterable[AttributeDef], attrs: Mapping) -> None:
        """Every attribute name and value must exist in the scheme for this label or relation."""
        by_name = {a.name: a for a in defs}
        for name, value in attrs.items():
            definition = by_name.get(name)
            if definition is None:
                known = ", ".join(by_name) or "none"
                raise SchemeError(f"{owner} has no attribute {name!r} (allowed: {known})")
            if value is None:
                continue
            if value not in definition.value_names:
                raise SchemeError(
                    f"{value!r} is not a value of {owner}'s {name} "
                    f"(allowed: {', '.join(definition.value_names)})"
                )

    def check_span_label(self, label: str, attrs: Mapping) -> None:
        definition = self.label(label)
        self.check_attrs(label, definition.attributes, attrs)

    def check_relation(self, type_: str, head_label: str, tail_label: str, attrs: Mapping) -> None:
        definition = self.relation(type_)
        if not definition.connects(head_label, tail_label):
            raise SchemeError(
                f"a {type_} relation goes from {'/'.join(definition.heads)} to "
                f"{'/'.join(definition.tails)}, not from {head_label} to {tail_label}"
            )
        self.check_attrs(type_, definition.attributes, attrs)

    @cached_property
    def allowed_attribute_values(self) -> dict[str, dict[str, frozenset[str]]]:
        """label -> attribute -> allowed values: the fast lookup behind bulk checks."""
        return {
            label.name: {a.name: frozenset(a.value_names) for a in label.attributes}
            for label in self.labels
        }

    def to_dict(self) -> dict[str, Any]:
        """The scheme as JSON-ready data (what is stored in the project and exported)."""
        return json.loads(json.dumps(self.source))  # a deep copy: callers may edit it


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
    problem = _rule_problem(scheme)
    if problem is not None:
        pointer, message = problem
        raise InvalidScheme(
            f"invalid scheme at {_show_pointer(pointer)}{_named_context(data, pointer)}: "
            f"{message}",
            path=origin, pointer=pointer,
        )
    return scheme


def _repeated(items: Iterable[tuple[Any, Pointer]]) -> tuple[Any, Pointer] | None:
    """The first item whose key was seen before, with the pointer of the repeat."""
    seen: set[Any] = set()
    for key, pointer in items:
        if key in seen:
            return key, pointer
        seen.add(key)
    return None


def _rule_problem(scheme: Scheme) -> tuple[Pointer, str] | None:
    """The first rule the scheme breaks, as (JSON pointer, message), or None."""
    labels = [("labels", i, label) for i, label in enumerate(scheme.labels)]
    relations = [("relations", i, rel) for i, rel in enumerate(scheme.relations)]

    if hit := _repeated((lb.name, ("labels", i, "name")) for _, i, lb in labels):
        return hit[1], f"label {hit[0]!r} is defined twice"
    if hit := _repeated((r.name, ("relations", i, "name")) for _, i, r in relations):
        return hit[1], f"relation type {hit[0]!r} is defined twice"
    for _, i, relation in relations:
        if scheme.has_label(relation.name):
            return ("relations", i, "name"), \
                f"{relation.name!r} is both a label and a relation type"

    # Keys pressed with a span selected: label and relation hotkeys form one set; each
    # label's (or relation's) attribute values add their own keys, which must not clash.
    owners = [*labels, *relations]
    taken: dict[str, str] = {}  # hotkey -> the label or relation type it belongs to
    for kind, i, item in owners:
        if item.hotkey:
            key = item.hotkey.lower()
            if key in taken:
                return (kind, i, "hotkey"), \
                    f"hotkey {key!r} is given to both {taken[key]} and {item.name}"
            taken[key] = item.name

    for kind, i, owner in owners:
        attrs = owner.attributes
        if hit := _repeated((a.name, (kind, i, "attributes", j, "name"))
                            for j, a in enumerate(attrs)):
            return hit[1], f"{owner.name} defines attribute {hit[0]!r} twice"
        value_keys: list[tuple[str, Pointer]] = []
        value_names: dict[Pointer, str] = {}
        for j, attribute in enumerate(attrs):
            base: Pointer = (kind, i, "attributes", j)
            if hit := _repeated((v.name, (*base, "values", k, "name"))
                                for k, v in enumerate(attribute.values)):
                return hit[1], f"{owner.name}'s {attribute.name} lists value {hit[0]!r} twice"
            if attribute.default is not None and attribute.default not in attribute.value_names:
                return (*base, "default"), (f"{owner.name}'s {attribute.name} default "
                                            f"{attribute.default!r} is not one of its values")
            for k, value in enumerate(attribute.values):
                if value.hotkey:
                    pointer = (*base, "values", k, "hotkey")
                    value_keys.append((value.hotkey.lower(), pointer))
                    value_names[pointer] = f"{owner.name}'s {attribute.name} {value.name!r}"
        if hit := _repeated(value_keys):
            return hit[1], f"{owner.name}'s attribute values give hotkey {hit[0]!r} twice"
        for key, pointer in value_keys:
            if key in taken:
                return pointer, (f"hotkey {key!r} of {value_names[pointer]} is already "
                                 f"{taken[key]}'s hotkey")

    for _, i, relation in relations:
        for end, end_labels in (("from", relation.heads), ("to", relation.tails)):
            if hit := _repeated((lb, ("relations", i, end, k))
                                for k, lb in enumerate(end_labels)):
                return hit[1], f"relation {relation.name} {end} names {hit[0]!r} twice"
            for k, label in enumerate(end_labels):
                if not scheme.has_label(label):
                    return ("relations", i, end, k), \
                        f"relation {relation.name} {end} names unknown label {label!r}"

    return _claims_problem(scheme)


def _claims_problem(scheme: Scheme) -> tuple[Pointer, str] | None:
    roles = scheme.claims
    if roles is None:
        return None
    if not scheme.has_label(roles.label):
        return ("claims", "label"), f"the claim label {roles.label!r} is not a label"
    if roles.source is not None:
        if not scheme.has_relation(roles.source):
            return ("claims", "source"), f"the source {roles.source!r} is not a relation type"
        relation = scheme.relation(roles.source)
        if roles.label not in (*relation.heads, *relation.tails):
            return ("claims", "source"), \
                f"relation {roles.source} does not connect {roles.label} spans"
    if roles.stance is not None and scheme.label(roles.label).attribute(roles.stance) is None:
        return ("claims", "stance"), f"{roles.label} has no attribute {roles.stance!r}"
    return None


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
