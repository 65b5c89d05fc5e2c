"""Who is at the desk, project by project.

A person is their settings' id and name. `tawsim-gui --annotator NAME` works as NAME for that
launch only: a person of its own on this machine (an id derived from the settings' id and the
name, so the same name finds the same layer next time), never written to the settings. A
work package opens as the annotator the lead made it for, whatever the settings say.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from annotator.services.identity import Person, package_identity
from annotator.ui.common.i18n import tr
from annotator.ui.common.settings import Settings

SETTINGS, LAUNCH, PACKAGE = "settings", "launch", "package"


@dataclass(frozen=True)
class DeskIdentity:
    person: Person
    source: str  # SETTINGS, LAUNCH or PACKAGE

    def note(self) -> str:
        """What the status bar says when the identity is not the settings' own."""
        if self.source == LAUNCH:
            return tr("Working as {name} for this launch only (--annotator).",
                      name=self.person.name)
        if self.source == PACKAGE:
            return tr("This work package opens as its annotator, {name}.",
                      name=self.person.name)
        return ""


def launch_person(settings: Settings, name: str) -> Person:
    name = name.strip()
    if name == settings.annotator:
        return Person(settings.person_id, name)
    return Person(str(uuid.uuid5(uuid.UUID(settings.person_id), name)), name)


def identity_for(project: Any, settings: Settings,
                 launch: Person | None) -> DeskIdentity | None:
    """Who works in `project`: its package's annotator, the launch's name, or the settings'
    person; None when nobody is known yet (the desk asks the name)."""
    package = package_identity(project)
    if package is not None:
        return DeskIdentity(Person(package.person, package.annotator), PACKAGE)
    if launch is not None:
        return DeskIdentity(launch, LAUNCH)
    if settings.annotator:
        return DeskIdentity(Person(settings.person_id, settings.annotator), SETTINGS)
    return None
