"""Finding and changing things in a scheme's JSON: the steps the scheme edits are made of.

Every lookup refuses an unknown name with a SchemeError that says which name is missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from annotator.core.errors import SchemeError
from annotator.core.scheme import Scheme

_LOCALISED = frozenset(("names", "description"))


def find_named(items: list[dict], name: str) -> dict | None:
    return next((item for item in items if item.get("name") == name), None)


def label_item(data: dict, name: str) -> dict:
    item = find_named(data["labels"], name)
    if item is None:
        raise SchemeError(f"the scheme has no label {name!r}")
    return item


def relation_item(data: dict, name: str) -> dict:
    item = find_named(data.setdefault("relations", []), name)
    if item is None:
        raise SchemeError(f"the scheme has no relation type {name!r}")
    return item


def owner_item(data: dict, name: str) -> dict:
    item = find_named(data["labels"], name) or find_named(data.get("relations", []), name)
    if item is None:
        raise SchemeError(f"the scheme has no label or relation type {name!r}")
    return item


def attribute_item(data: dict, owner: str, name: str) -> dict:
    item = find_named(owner_item(data, owner).get("attributes", []), name)
    if item is None:
        raise SchemeError(f"{owner} has no attribute {name!r}")
    return item


def value_item(data: dict, owner: str, attribute: str, name: str) -> dict:
    item = find_named(attribute_item(data, owner, attribute)["values"], name)
    if item is None:
        raise SchemeError(f"{owner}'s {attribute} has no value {name!r}")
    return item


def check_name_free(data: dict, name: str) -> None:
    if find_named(data["labels"], name):
        raise SchemeError(f"the scheme already has a label {name!r}")
    if find_named(data.get("relations", []), name):
        raise SchemeError(f"the scheme already has a relation type {name!r}")


def apply_settings(item: dict, changes: Mapping[str, Any], allowed: frozenset[str],
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


def changed_settings(changes: Mapping[str, Any]) -> str:
    return ", ".join(sorted(changes)) or "nothing"


def explicit_claims(data: dict, scheme: Scheme) -> dict | None:
    """The claims section, made explicit first (a structural change must not lose roles that
    the scheme only had by the default names)."""
    if "claims" not in data and scheme.claim_roles is not None:
        roles = scheme.claim_roles
        data["claims"] = {k: v for k, v in asdict(roles).items() if v is not None}
    return data.get("claims")


def value_items(items: Sequence[str | Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"name": item} if isinstance(item, str) else dict(item) for item in items]


def insert_at(items: list, item: Any, position: int | None) -> None:
    if position is None:
        items.append(item)
    else:
        items.insert(max(0, min(position, len(items))), item)


def replace_in_ends(data: dict, old: str, new: str | None) -> list[str]:
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
