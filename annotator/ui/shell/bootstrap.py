"""Which project the desk opens, and the default project a new user starts with."""

from __future__ import annotations

from pathlib import Path

from annotator.core.datafiles import resource_file
from annotator.services.importing import import_paths
from annotator.services.projects import init_project

SAMPLE_ACTOR = "tawsim"


def sample_folder() -> Path:
    return resource_file("samples")


def create_default_project(path: Path) -> None:
    """A project holding the sample articles that ship with Tawsim, so there is something to
    annotate on the very first run. Built beside the target and moved in place at the end,
    so an interrupted first run never leaves a half-made project behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    store = init_project(partial, name="Tawsim samples")
    try:
        import_paths(store, [sample_folder()], actor=SAMPLE_ACTOR)
    finally:
        store.close()
    partial.replace(path)


def choose_project(requested: str | None, last: Path | None, default: Path) -> Path:
    """The project to open: the one asked for, else the last one used (if it is still
    there), else the default project, made with the samples if it does not exist yet."""
    if requested:
        return Path(requested).expanduser()
    if last is not None and last.is_file():
        return last
    if not default.exists():
        create_default_project(default)
    return default
