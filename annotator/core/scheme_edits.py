"""Scheme changes as values: each edit turns a scheme's JSON into the next one and says where
old names went (see scheme_migration), so the storage layer can carry the annotations along.

An edit never checks annotations; it only refuses what makes no sense in the scheme itself
(an unknown name, a name already taken, removing the last label). The result is validated
like any scheme file before anything is stored.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from annotator.core.errors import SchemeError
from annotator.core.scheme import Scheme
from annotator.core.scheme_migration import Renames, check_renames

LABEL_SETTINGS = frozenset(("color", "hotkey", "names", "description", "example", "style",
                            "proclitics"))
ATTRIBUTE_SETTINGS = frozenset(("names", "description", "example", "default", "required"))
VALUE_SETTINGS = frozenset(("hotkey", "names", "description", "example"))
RELATION_SETTINGS = frozenset(("hotkey", "names", "description", "example"))
SCHEME_SETTINGS = frozenset(("name", "version", "description", "rules", "claims"))
_LOCALISED = frozenset(("names", "description"))


@dataclass(frozen=True)
class SchemeEdit:
    data: dict[str, Any]  # the new scheme's JSON
    renames: Renames
    summary: str


class SchemeOp(ABC):
    """One change of a scheme. Subclasses are frozen dataclasses, so an op is plain data that
    the audit trail can record (`as_dict`); `summary` says what it does."""

    @property
    @abstractmethod
    def summary(self) -> str:
        """What the change does, in a few words ("rename label ACTOR to SPEAKER")."""

    @abstractmethod
    def _apply(self, data: dict[str, Any], scheme: Scheme) -> Renames:
        """Change `data` (a private copy of the scheme's JSON) in place."""

    def edit(self, scheme: Scheme) -> SchemeEdit:
        data = scheme.to_dict()  # a fresh copy
        renames = self._apply(data, scheme)
        return SchemeEdit(data, renames, self.summary)

    def as_dict(self) -> dict[str, Any]:
        return {"op": type(self).__name__, **asdict(self)}  # type: ignore[call-overload]


# -- finding things in the JSON ---------------------------------------------------------------


def _find(items: list[dict], name: str) -> dict | None:
    return next((item for item in items if item.get("name") == name), None)


def _label(data: dict, name: str) -> dict:
    item = _find(data["labels"], name)
    if item is None:
        raise SchemeError(f"the scheme has no label {name!r}")
    return item


def _relation(data: dict, name: str) -> dict:
    item = _find(data.setdefault("relations", []), name)
    if item is None:
        raise SchemeError(f"the scheme has no relation type {name!r}")
    return item


def _owner(data: dict, name: str) -> dict:
    item = _find(data["labels"], name) or _find(data.get("relations", []), name)
    if item is None:
        raise SchemeError(f"the scheme has no label or relation type {name!r}")
    return item


def _attribute(data: dict, owner: str, name: str) -> dict:
    item = _find(_owner(data, owner).get("attributes", []), name)
    if item is None:
        raise SchemeError(f"{owner} has no attribute {name!r}")
    return item


def _value(data: dict, owner: str, attribute: str, name: str) -> dict:
    item = _find(_attribute(data, owner, attribute)["values"], name)
    if item is None:
        raise SchemeError(f"{owner}'s {attribute} has no value {name!r}")
    return item


def _name_is_free(data: dict, name: str) -> None:
    if _find(data["labels"], name):
        raise SchemeError(f"the scheme already has a label {name!r}")
    if _find(data.get("relations", []), name):
        raise SchemeError(f"the scheme already has a relation type {name!r}")


def _settings(item: dict, changes: Mapping[str, Any], allowed: frozenset[str],
              what: str) -> None:
    """Apply `changes` to `item`: names and description merge per language (an empty text
    removes that language); None or an empty text removes any other setting."""
    for key, value in changes.items():
        if key not in allowed:
            raise SchemeError(f"{what} has no setting {key!r} "
                              f"(settings: {', '.join(sorted(allowed))})")
        if key in _LOCALISED:
            if not isinstance(value, Mapping):
                raise SchemeError(f"{key} of {what} is given per language, like "
                                  "{'ar': ..., 'en': ...}")
            texts = dict(item.get(key, {}))
            for language, text in value.items():
                if text:
                    texts[language] = text
                else:
                    texts.pop(language, None)
            item[key] = texts
        elif value is None or value == "":
            item.pop(key, None)
        else:
            item[key] = value


def _changed(changes: Mapping[str, Any]) -> str:
    return ", ".join(sorted(changes)) or "nothing"


def _claims(data: dict, scheme: Scheme) -> dict | None:
    """The claims section, made explicit first (a structural change must not lose roles that
    the scheme only had by the default names)."""
    if "claims" not in data and scheme.claim_roles is not None:
        roles = scheme.claim_roles
        data["claims"] = {k: v for k, v in asdict(roles).items() if v is not None}
    return data.get("claims")


def _values(items: Sequence[str | Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"name": item} if isinstance(item, str) else dict(item) for item in items]


def _insert(items: list, item: Any, position: int | None) -> None:
    if position is None:
        items.append(item)
    else:
        items.insert(max(0, min(position, len(items))), item)


def _replace_in_ends(data: dict, old: str, new: str | None) -> list[str]:
    """Put `new` where relation ends name `old` (or drop `old`); returns relation types left
    with an empty end, which are removed."""
    emptied = []
    for relation in data.get("relations", []):
        for end in ("from", "to"):
            labels: list[str] = []
            for label in relation[end]:
                label = new if label == old else label
                if label is not None and label not in labels:
                    labels.append(label)
            relation[end] = labels
        if not relation["from"] or not relation["to"]:
            emptied.append(relation["name"])
    data["relations"] = [r for r in data.get("relations", []) if r["name"] not in emptied]
    return emptied


# -- labels ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddLabel(SchemeOp):
    name: str
    color: str
    hotkey: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""
    style: str = "background"
    proclitics: str = "keep"
    position: int | None = None  # where in the label list; None: at the end

    @property
    def summary(self) -> str:
        return f"add label {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        _name_is_free(data, self.name)
        item: dict[str, Any] = {"name": self.name, "color": self.color}
        _settings(item, {"hotkey": self.hotkey, "names": self.names,
                         "description": self.description, "example": self.example,
                         "style": self.style, "proclitics": self.proclitics},
                  LABEL_SETTINGS, f"label {self.name}")
        _insert(data["labels"], item, self.position)
        return Renames()


@dataclass(frozen=True)
class EditLabel(SchemeOp):
    """Recolour, re-hotkey, rename for display, redescribe: nothing stored changes."""

    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change label {self.name} ({_changed(self.changes)})"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        _settings(_label(data, self.name), self.changes, LABEL_SETTINGS, f"label {self.name}")
        return Renames()


@dataclass(frozen=True)
class MoveLabel(SchemeOp):
    name: str
    position: int

    @property
    def summary(self) -> str:
        return f"move label {self.name} to place {self.position + 1}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _label(data, self.name)
        data["labels"].remove(item)
        _insert(data["labels"], item, self.position)
        return Renames()


@dataclass(frozen=True)
class RenameLabel(SchemeOp):
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename label {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _label(data, self.old)
        if self.new != self.old:
            _name_is_free(data, self.new)
        claims = _claims(data, scheme)
        item["name"] = self.new
        _replace_in_ends(data, self.old, self.new)
        if claims and claims["label"] == self.old:
            claims["label"] = self.new
        return Renames(labels={self.old: self.new})


@dataclass(frozen=True)
class MergeLabel(SchemeOp):
    """Every span of `old` becomes a span of `into`; `into` takes `old`'s place in relation
    types. Attribute values `into` does not define are cleared (a loss, to be confirmed)."""

    old: str
    into: str

    @property
    def summary(self) -> str:
        return f"merge label {self.old} into {self.into}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _label(data, self.old)
        target = _label(data, self.into)
        if item is target:
            raise SchemeError(f"label {self.old} cannot be merged into itself")
        claims = _claims(data, scheme)
        data["labels"].remove(item)
        _replace_in_ends(data, self.old, self.into)
        if claims and claims["label"] == self.old:
            claims["label"] = self.into
            if claims.get("stance") and not _find(target.get("attributes", []),
                                                  claims["stance"]):
                del claims["stance"]
        return Renames(labels={self.old: self.into})


@dataclass(frozen=True)
class RemoveLabel(SchemeOp):
    """Spans of the label are deleted with their links; relation types left with no label at
    one end are removed too."""

    name: str

    @property
    def summary(self) -> str:
        return f"remove label {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _label(data, self.name)
        if len(data["labels"]) == 1:
            raise SchemeError("a scheme needs at least one label; add another first")
        claims = _claims(data, scheme)
        data["labels"].remove(item)
        emptied = _replace_in_ends(data, self.name, None)
        if claims and claims["label"] == self.name:
            del data["claims"]
        elif claims and claims.get("source") in emptied:
            del claims["source"]
        return Renames()


# -- attributes and their values ---------------------------------------------------------------


@dataclass(frozen=True)
class AddAttribute(SchemeOp):
    owner: str  # a label or a relation type
    name: str
    values: Sequence[str | Mapping[str, Any]]
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""
    default: str | None = None
    required: bool = False

    @property
    def summary(self) -> str:
        return f"add attribute {self.name} to {self.owner}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        owner = _owner(data, self.owner)
        attributes = owner.setdefault("attributes", [])
        if _find(attributes, self.name):
            raise SchemeError(f"{self.owner} already has an attribute {self.name!r}")
        item: dict[str, Any] = {"name": self.name, "values": _values(self.values)}
        _settings(item, {"names": self.names, "description": self.description,
                         "example": self.example, "default": self.default},
                  ATTRIBUTE_SETTINGS, f"attribute {self.name}")
        if self.required:
            item["required"] = True
        attributes.append(item)
        return Renames()


@dataclass(frozen=True)
class EditAttribute(SchemeOp):
    owner: str
    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change {self.owner}'s attribute {self.name} ({_changed(self.changes)})"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        _settings(_attribute(data, self.owner, self.name), self.changes, ATTRIBUTE_SETTINGS,
                  f"attribute {self.name}")
        return Renames()


@dataclass(frozen=True)
class RenameAttribute(SchemeOp):
    owner: str
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename {self.owner}'s attribute {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _attribute(data, self.owner, self.old)
        if self.new != self.old and _find(_owner(data, self.owner)["attributes"], self.new):
            raise SchemeError(f"{self.owner} already has an attribute {self.new!r}")
        claims = _claims(data, scheme)
        item["name"] = self.new
        if claims and claims["label"] == self.owner and claims.get("stance") == self.old:
            claims["stance"] = self.new
        return Renames(attributes={(self.owner, self.old): self.new})


@dataclass(frozen=True)
class RemoveAttribute(SchemeOp):
    owner: str
    name: str

    @property
    def summary(self) -> str:
        return f"remove {self.owner}'s attribute {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _attribute(data, self.owner, self.name)
        claims = _claims(data, scheme)
        _owner(data, self.owner)["attributes"].remove(item)
        if claims and claims["label"] == self.owner and claims.get("stance") == self.name:
            del claims["stance"]
        return Renames()


@dataclass(frozen=True)
class AddValue(SchemeOp):
    owner: str
    attribute: str
    name: str
    hotkey: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""
    position: int | None = None

    @property
    def summary(self) -> str:
        return f"add value {self.name} to {self.owner}'s {self.attribute}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        values = _attribute(data, self.owner, self.attribute)["values"]
        if _find(values, self.name):
            raise SchemeError(f"{self.owner}'s {self.attribute} already has a value "
                              f"{self.name!r}")
        item: dict[str, Any] = {"name": self.name}
        _settings(item, {"hotkey": self.hotkey, "names": self.names,
                         "description": self.description, "example": self.example},
                  VALUE_SETTINGS, f"value {self.name}")
        _insert(values, item, self.position)
        return Renames()


@dataclass(frozen=True)
class EditValue(SchemeOp):
    owner: str
    attribute: str
    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return (f"change {self.owner}'s {self.attribute} value {self.name} "
                f"({_changed(self.changes)})")

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        _settings(_value(data, self.owner, self.attribute, self.name), self.changes,
                  VALUE_SETTINGS, f"value {self.name}")
        return Renames()


@dataclass(frozen=True)
class RenameValue(SchemeOp):
    owner: str
    attribute: str
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename {self.owner}'s {self.attribute} value {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        attribute = _attribute(data, self.owner, self.attribute)
        item = _value(data, self.owner, self.attribute, self.old)
        if self.new != self.old and _find(attribute["values"], self.new):
            raise SchemeError(f"{self.owner}'s {self.attribute} already has a value "
                              f"{self.new!r}")
        item["name"] = self.new
        if attribute.get("default") == self.old:
            attribute["default"] = self.new
        return Renames(values={(self.owner, self.attribute, self.old): self.new})


@dataclass(frozen=True)
class MergeValue(SchemeOp):
    owner: str
    attribute: str
    old: str
    into: str

    @property
    def summary(self) -> str:
        return f"merge {self.owner}'s {self.attribute} value {self.old} into {self.into}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        attribute = _attribute(data, self.owner, self.attribute)
        item = _value(data, self.owner, self.attribute, self.old)
        target = _value(data, self.owner, self.attribute, self.into)
        if item is target:
            raise SchemeError(f"value {self.old} cannot be merged into itself")
        attribute["values"].remove(item)
        if attribute.get("default") == self.old:
            attribute["default"] = self.into
        return Renames(values={(self.owner, self.attribute, self.old): self.into})


@dataclass(frozen=True)
class RemoveValue(SchemeOp):
    owner: str
    attribute: str
    name: str

    @property
    def summary(self) -> str:
        return f"remove value {self.name} from {self.owner}'s {self.attribute}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        attribute = _attribute(data, self.owner, self.attribute)
        item = _value(data, self.owner, self.attribute, self.name)
        if len(attribute["values"]) == 1:
            raise SchemeError(f"{self.owner}'s {self.attribute} needs at least one value; "
                              "remove the attribute instead")
        attribute["values"].remove(item)
        if attribute.get("default") == self.name:
            attribute["default"] = None
        return Renames()


# -- relation types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AddRelation(SchemeOp):
    name: str
    heads: Sequence[str]
    tails: Sequence[str]
    hotkey: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    example: str = ""

    @property
    def summary(self) -> str:
        return (f"add relation type {self.name} ({'/'.join(self.heads)} → "
                f"{'/'.join(self.tails)})")

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        _name_is_free(data, self.name)
        item: dict[str, Any] = {"name": self.name, "from": list(self.heads),
                                "to": list(self.tails)}
        _settings(item, {"hotkey": self.hotkey, "names": self.names,
                         "description": self.description, "example": self.example},
                  RELATION_SETTINGS, f"relation type {self.name}")
        data.setdefault("relations", []).append(item)
        return Renames()


@dataclass(frozen=True)
class EditRelation(SchemeOp):
    name: str
    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change relation type {self.name} ({_changed(self.changes)})"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        _settings(_relation(data, self.name), self.changes, RELATION_SETTINGS,
                  f"relation type {self.name}")
        return Renames()


@dataclass(frozen=True)
class SetRelationEnds(SchemeOp):
    """Which labels a relation type connects. Links that no longer fit are deleted (a loss,
    to be confirmed)."""

    name: str
    heads: Sequence[str]
    tails: Sequence[str]

    @property
    def summary(self) -> str:
        return (f"let {self.name} link {'/'.join(self.heads)} to {'/'.join(self.tails)}")

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _relation(data, self.name)
        claims = _claims(data, scheme)
        item["from"], item["to"] = list(self.heads), list(self.tails)
        if claims and claims.get("source") == self.name \
                and claims["label"] not in (*self.heads, *self.tails):
            del claims["source"]
        return Renames()


@dataclass(frozen=True)
class RenameRelation(SchemeOp):
    old: str
    new: str

    @property
    def summary(self) -> str:
        return f"rename relation type {self.old} to {self.new}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _relation(data, self.old)
        if self.new != self.old:
            _name_is_free(data, self.new)
        claims = _claims(data, scheme)
        item["name"] = self.new
        if claims and claims.get("source") == self.old:
            claims["source"] = self.new
        return Renames(relations={self.old: self.new})


@dataclass(frozen=True)
class MergeRelation(SchemeOp):
    old: str
    into: str

    @property
    def summary(self) -> str:
        return f"merge relation type {self.old} into {self.into}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _relation(data, self.old)
        target = _relation(data, self.into)
        if item is target:
            raise SchemeError(f"relation type {self.old} cannot be merged into itself")
        claims = _claims(data, scheme)
        data["relations"].remove(item)
        if claims and claims.get("source") == self.old:
            if claims["label"] in (*target["from"], *target["to"]):
                claims["source"] = self.into
            else:
                del claims["source"]
        return Renames(relations={self.old: self.into})


@dataclass(frozen=True)
class RemoveRelation(SchemeOp):
    name: str

    @property
    def summary(self) -> str:
        return f"remove relation type {self.name}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        item = _relation(data, self.name)
        claims = _claims(data, scheme)
        data["relations"].remove(item)
        if claims and claims.get("source") == self.name:
            del claims["source"]
        return Renames()


# -- the scheme as a whole ---------------------------------------------------------------------


@dataclass(frozen=True)
class EditScheme(SchemeOp):
    """The scheme's name, version, description, general rules or claim roles."""

    changes: Mapping[str, Any]

    @property
    def summary(self) -> str:
        return f"change the scheme's {_changed(self.changes)}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        _settings(data, self.changes, SCHEME_SETTINGS, "the scheme")
        return Renames()


@dataclass(frozen=True)
class ReplaceScheme(SchemeOp):
    """Another scheme altogether (a scheme file loaded into the project), with the renames
    that carry old names to new ones. Anything else the new scheme lacks is a loss."""

    scheme: Scheme
    renames: Renames = field(default_factory=Renames)

    @property
    def summary(self) -> str:
        return f"load scheme {self.scheme.name!r}"

    def _apply(self, data: dict, scheme: Scheme) -> Renames:
        check_renames(scheme, self.scheme, self.renames)
        data.clear()
        data.update(self.scheme.to_dict())
        return self.renames

    def as_dict(self) -> dict[str, Any]:
        return {"op": "ReplaceScheme", "scheme": self.scheme.name,
                "renames": self.renames.as_dict()}
