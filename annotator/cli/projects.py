"""`tawsim init`, `tawsim stats` and `tawsim backup`: creating a project file, counting what it
holds, and copying it whole."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from annotator.cli.common import plural
from annotator.services.backup import backup_project
from annotator.services.projects import init_project, open_project


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scheme", "scheme_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A label scheme JSON file (default: LOCATION, ACTOR, WEAPON, CLAIM).")
@click.option("--name", help="A display name for the project (default: the file name).")
def init(project: Path, scheme_file: Path | None, name: str | None) -> None:
    """Create a new project file."""
    with init_project(project, scheme_file, name) as store:
        labels = ", ".join(store.scheme.label_names)
    click.echo(f"Created {project} (labels: {labels})")


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--check", is_flag=True,
              help="Check every page of the file first, however large (SQLite's "
                   "integrity_check: minutes for a million articles).")
def stats(project: Path, as_json: bool, check: bool) -> None:
    """Documents, spans per label and layer, and statuses (after checking that the file is
    sound: a damaged one is refused; a file over 256 MB only with --check)."""
    with open_project(project) as store:
        if check or not store.large:
            store.verify()
        data = store.stats()
    if as_json:
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(f"{plural(data['documents'], 'document')} in {project}")
    if not data["layers"]:
        click.echo("no annotations yet")
    for name, info in data["layers"].items():
        click.echo(f"\nlayer {name} ({info['kind']})")
        for label, count in sorted(info["spans"].items()):
            click.echo(f"  {label:<12} {count:>8} {'span' if count == 1 else 'spans'}")
        for type_, count in sorted(info["relations"].items()):
            click.echo(f"  {type_:<12} {count:>8} {'relation' if count == 1 else 'relations'}")
        states = ", ".join(f"{k} {v}" for k, v in info["status"].items() if v)
        click.echo(f"  status: {states}")


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("copy", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace COPY if it exists.")
def backup(project: Path, copy: Path, force: bool) -> None:
    """Copy PROJECT into the new file COPY: complete and consistent even while the project
    is open and being edited, and one file (a copy made with the file manager lacks the
    edits of the last moment while Tawsim is running)."""
    made = backup_project(project, copy, force=force)
    click.echo(f"Copied {project} to {made.path} ({made.size / 1e6:.1f} MB)")
