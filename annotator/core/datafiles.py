"""Finding the data folders the project ships (schema/, resources/).

In a source checkout they sit beside the package; in an installed wheel the build copies them
into annotator/_data/. Everything that reads a shipped file asks here.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The shipped folder `name` ("schema" or "resources")."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder is missing from this installation of Tawsim")


def schema_file(name: str) -> Path:
    return data_dir("schema") / name


def resource_file(*parts: str) -> Path:
    return data_dir("resources").joinpath(*parts)
