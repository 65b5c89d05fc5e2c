"""`tawsim package` and `tawsim progress`: handing out work packages and following the team."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from annotator.cli.common import STATUSES, lazy_progress
from annotator.services.packaging import make_packages, plan_packages
from annotator.services.progress import team_progress
from annotator.services.projects import open_project


def _names(value: str) -> list[str]:
    """amal,basel,chadi -> the names, spaces around commas dropped."""
    return [name.strip() for name in value.split(",")]


@click.command()
@click.argument("lead", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder for the packages (DIR/NAME.tawsim); made if missing.")
@click.option("--annotators", required=True, metavar="NAME,NAME,...",
              help="Who gets a package, comma-separated.")
@click.option("--overlap", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Fraction of the documents that also go to a second annotator, spread so "
                   "that every pair of annotators shares some.")
@click.option("--per-annotator", type=click.IntRange(min=1), metavar="N",
              help="At most N primary documents per annotator (overlap ones come on top).")
@click.option("--status", type=click.Choice(STATUSES),
              help="Only documents whose furthest status in any person's layer is this "
                   "(new: nobody has started them).")
@click.option("--with-layer", metavar="LAYER",
              help="Copy this model layer's predictions into each package to start from.")
@click.option("--with-feedback", metavar="GOLD",
              help="Also carry back, read-only, this gold layer on each annotator's documents "
                   "the lead has reviewed, with their own work on them.")
@click.option("--reassign", is_flag=True,
              help="Also hand out documents that are assigned already.")
@click.option("--dry-run", is_flag=True, help="Show who would get what; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def package(lead: Path, out_dir: Path, annotators: str, overlap: float,
            per_annotator: int | None, status: str | None, with_layer: str | None,
            with_feedback: str | None, reassign: bool, dry_run: bool, as_json: bool) -> None:
    """Write one work package per annotator from a LEAD project."""
    options = {"overlap": overlap, "per_annotator": per_annotator, "status": status,
               "with_layer": with_layer, "reassign": reassign}
    with open_project(lead) as store:
        plan = plan_packages(store, _names(annotators), out_dir=out_dir, **options)
        if dry_run:
            data, lines = plan.as_dict(), plan.summary_lines()
        else:
            with lazy_progress(plan.documents_written, "Writing packages") as progress:
                report = make_packages(store, out_dir, _names(annotators), progress=progress,
                                       with_feedback=with_feedback, **options)
            data, lines = report.as_dict(), report.summary_lines()
    if as_json:
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
    else:
        click.echo("\n".join(lines))


@click.command()
@click.argument("lead", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def progress(lead: Path, as_json: bool) -> None:
    """Per annotator: documents assigned, started and done, active time, last merge."""
    with open_project(lead) as store:
        result = team_progress(store)
    if as_json:
        click.echo(orjson.dumps(result.as_dict(), option=orjson.OPT_INDENT_2).decode())
    else:
        click.echo("\n".join(result.summary_lines()))
