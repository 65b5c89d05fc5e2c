"""`tawsim formats` and `tawsim validate`: the formats Tawsim reads and writes, and checking a
JSONL dataset against the native record shape and a scheme."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.core.errors import TawsimError
from annotator.core.scheme import default_scheme, load_scheme
from annotator.services.catalog import formats
from annotator.services.projects import open_project
from annotator.services.validation import validate_dataset


@click.command("formats")
def formats_() -> None:
    """The formats Tawsim reads and writes, with their export options."""
    for info in formats():
        ways = "/".join(w for w, ok in (("import", info.can_import),
                                        ("export", info.can_export)) if ok)
        click.echo(f"{info.name:<12} {ways:<14} {info.description}")
        for spec in info.options:
            choices = f" ({'|'.join(spec.choices)})" if spec.choices else ""
            default = f", default {spec.default}" if spec.default else ""
            click.echo(f"{'':<14}--option {spec.name}=...{choices}{default}: {spec.help}")

@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scheme", "scheme_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Check labels against this scheme file instead of the default one.")
@click.option("--project", "project", type=click.Path(dir_okay=False, path_type=Path),
              help="Check labels against this project's scheme.")
@click.option("--encoding", help="Read the file in this encoding (utf-8, utf-16, cp1256), as "
              "tawsim import --encoding would.")
def validate(file: Path, scheme_file: Path | None, project: Path | None,
             encoding: str | None) -> None:
    """Check a JSONL dataset: its shape, offsets, covered text, labels and links."""
    if project is not None:
        with open_project(project) as store:
            scheme = store.scheme
    else:
        scheme = load_scheme(scheme_file) if scheme_file else default_scheme()
    problems = 0
    for problem in validate_dataset(file, scheme, encoding):
        problems += 1
        click.echo(f"tawsim: invalid: {problem}", err=True)
    if problems:
        raise TawsimError(f"{problems} invalid records", path=str(file))
    click.echo(f"{file}: valid")
