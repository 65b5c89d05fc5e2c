"""Who is working: a person's stable id and display name, and the layer that is theirs.

A person is known by an id (a UUID made on their first run, kept in the desk's settings) and
a display name. Every annotator layer records its owner's id, so two people who both chose
"amal" never share a layer: the second gets "amal (2)" (`distinct_layer_name`). A work
package carries the identity the lead gave its annotator (`package_identity`), so the desk
opens it as that person with no question asked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import orjson

from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind
from annotator.storage import ProjectStore

PACKAGE_META = "package"  # project meta key: the package's annotator, person id and lead


@dataclass(frozen=True)
class Person:
    id: str
    name: str


@dataclass(frozen=True)
class PackageIdentity:
    """What a work package says about itself: whose it is and which lead project made it."""

    annotator: str
    person: str
    lead: str  # the lead project's id
    created_at: str

    def as_dict(self) -> dict[str, str]:
        return {"annotator": self.annotator, "person": self.person, "lead": self.lead,
                "created_at": self.created_at}


def new_person_id() -> str:
    return str(uuid.uuid4())


def package_identity(project: ProjectStore) -> PackageIdentity | None:
    """The identity a work package carries, None for any other project."""
    raw = project.meta(PACKAGE_META)
    if not raw:
        return None
    try:
        data = orjson.loads(raw)
        return PackageIdentity(str(data["annotator"]), str(data["person"]), str(data["lead"]),
                               str(data.get("created_at", "")))
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise TawsimError("the work package's identity is damaged; ask the lead for a new "
                          "package", path=str(project.path)) from None


def layer_owners(project: ProjectStore) -> dict[str, str | None]:
    return {layer.name: layer.owner for layer in project.layers()}


def distinct_layer_name(project: ProjectStore, name: str) -> str:
    """`name` if no layer has it yet, else "name (2)", "name (3)"…: the first that is free."""
    taken = set(layer_owners(project))
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"


def own_layer(project: ProjectStore, person: Person) -> str:
    """The name of `person`'s annotator layer in `project`, made if it has none yet.

    Their layer is the one that records their id. A layer named after them that records no
    one (made before people had ids) becomes theirs. Otherwise a new layer is made under
    their name, or under a distinct one when another person's (or a model's) layer has it.
    """
    name = person.name.strip()
    if not name:
        raise TawsimError("an annotator name is needed")
    layers = project.layers()
    mine = [layer for layer in layers if layer.owner == person.id
            and layer.kind == LayerKind.ANNOTATOR]
    if mine:
        return mine[0].name
    unclaimed = next((layer for layer in layers if layer.name == name and layer.owner is None
                      and layer.kind == LayerKind.ANNOTATOR), None)
    if unclaimed is not None:
        project.set_layer_owner(name, person.id)
        return name
    layer = distinct_layer_name(project, name)
    project.ensure_layer(layer, LayerKind.ANNOTATOR, owner=person.id)
    return layer


def layers_of_kind(project: ProjectStore, kind: LayerKind) -> list[str]:
    """The names of the project's layers of `kind`, in the order they were made."""
    return [layer.name for layer in project.layers() if layer.kind == kind]
