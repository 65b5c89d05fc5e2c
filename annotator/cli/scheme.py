"""`tawsim scheme ...`: show, export, load and change a project's label scheme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from annotator.core.errors import TawsimError
from annotator.services import scheme as schemes
from annotator.services.projects import default_actor, open_project


def _scheme_change(run: Callable[[], schemes.SchemeChangeReport]) -> None:
    try:
        report = run()
    except schemes.SchemeChangeRefused as refused:
        raise TawsimError(f"{refused.message}: pass --delete to confirm, or --dry-run to see "
                          "the whole change") from None
    click.echo(report.describe())


def _apply_op(project: Path, make_op: Callable[[Any], Any], delete: bool,
              dry_run: bool) -> None:
    with open_project(project) as store:
        op = make_op(store.scheme)
        _scheme_change(lambda: schemes.change_scheme(store, op, actor=default_actor(),
                                                     delete=delete, dry_run=dry_run))


@click.group("scheme")
def scheme_group() -> None:
    """Show, export, load and change a project's label scheme.

    \b
    Names: a label or relation type (ACTOR), an attribute (CLAIM.stance), a value
    (CLAIM.stance:denied, or stance:denied when one label has that attribute).
    Annotations in use are renamed with the scheme; a change that would delete annotations
    or clear attribute values is refused with their number unless --delete is given.
    """


@scheme_group.command("show")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scheme as JSON.")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "ar"]),
              help="Language of the display names.")
def scheme_show(project: Path, as_json: bool, lang: str) -> None:
    """The labels, attributes and relation types, with how many annotations use each."""
    with open_project(project) as store:
        scheme, usage = store.scheme, schemes.scheme_usage(store)
    if as_json:
        click.echo(schemes.scheme_json(scheme), nl=False)
        return
    click.echo(f"Scheme {scheme.name} (version {scheme.version}) of {project}")
    click.echo("labels:")
    for label in scheme.labels:
        key = label.hotkey or " "
        count = usage.spans.get(label.name, 0)
        click.echo(f"  {key} {label.name:<12} {label.display(lang):<12} {label.color}  "
                   f"{count:>7} span{'' if count == 1 else 's'}")
        for attribute in label.attributes:
            values = ", ".join(
                f"{v.name}{f' ({v.hotkey})' if v.hotkey else ''} "
                f"{usage.values.get((label.name, attribute.name, v.name), 0)}"
                for v in attribute.values)
            click.echo(f"      {attribute.name}: {values}")
    if scheme.relations:
        click.echo("relation types:")
    for relation in scheme.relations:
        key = relation.hotkey or " "
        ends = f"{'/'.join(relation.heads)} -> {'/'.join(relation.tails)}"
        count = usage.relations.get(relation.name, 0)
        click.echo(f"  {key} {relation.name:<12} {ends:<24} "
                   f"{count:>7} link{'' if count == 1 else 's'}")
    roles = scheme.claim_roles
    if roles is not None:
        click.echo(f"claims: {roles.label} spans, source {roles.source or '-'}, "
                   f"stance {roles.stance or '-'}")


@scheme_group.command("export")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The JSON file to write.")
def scheme_export(project: Path, out: Path) -> None:
    """Write the project's scheme to a JSON file (for init --scheme or scheme import)."""
    with open_project(project) as store:
        schemes.export_scheme(store, out)
    click.echo(f"Wrote the scheme of {project} to {out}")


_DELETE = click.option("--delete", is_flag=True,
                       help="Confirm deleting the annotations the change cannot keep.")
_DRY_RUN = click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")


@scheme_group.command("import")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rename", "renames", multiple=True, metavar="OLD=NEW",
              help="Carry an old name to the file's: a label or relation type (ACTOR=SPEAKER), "
                   "an attribute (CLAIM.stance=position) or a value (stance:reported=relayed). "
                   "Repeat as needed.")
@_DELETE
@_DRY_RUN
def scheme_import(project: Path, file: Path, renames: tuple[str, ...], delete: bool,
                  dry_run: bool) -> None:
    """Load a scheme file into an existing project, migrating the annotations."""
    with open_project(project) as store:
        _scheme_change(lambda: schemes.import_scheme(store, file, renames=renames,
                                                     actor=default_actor(), delete=delete,
                                                     dry_run=dry_run))


@scheme_group.command("rename")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("name")
@click.argument("new")
@_DRY_RUN
def scheme_rename(project: Path, name: str, new: str, dry_run: bool) -> None:
    """Rename a label, relation type, attribute or value, and every annotation using it."""
    _apply_op(project, lambda scheme: schemes.rename_op(scheme, name, new), False, dry_run)


@scheme_group.command("merge")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("name")
@click.argument("into")
@_DELETE
@_DRY_RUN
def scheme_merge(project: Path, name: str, into: str, delete: bool, dry_run: bool) -> None:
    """Fold a label, relation type or value into another; its annotations move over."""
    _apply_op(project, lambda scheme: schemes.merge_op(scheme, name, into), delete, dry_run)


@scheme_group.command("remove")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("name")
@_DELETE
@_DRY_RUN
def scheme_remove(project: Path, name: str, delete: bool, dry_run: bool) -> None:
    """Remove a label, relation type, attribute or value (refused while in use, unless
    --delete)."""
    _apply_op(project, lambda scheme: schemes.remove_op(scheme, name), delete, dry_run)
