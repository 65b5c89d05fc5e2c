"""`tawsim merge`: annotators' project files into the lead's project, as synchronisation.

Each file's annotator layers go into the lead's layer of the same person; merging a newer
file of the same annotator leaves exactly their current work (services.merging). The report
lists, per file and layer, the documents and the spans and links added, changed and removed.
`tawsim import LEAD FILE.tawsim` comes here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click
import orjson

from annotator.cli.common import lazy_progress
from annotator.services.merging import MergeReport, merge_files, merge_size
from annotator.services.merging_report import name_gold_places
from annotator.services.projects import default_actor, open_project

FORCE_HELP = ("Merge a file that is not a newer state of what was merged from it before (an "
              "older copy, or the layer edited on two machines): the file's state wins.")
MAP_HELP = ("Give the file's label another name from the lead's scheme (ORG=ACTOR), or leave "
            "its spans out (DATE=). Repeat it, or separate items by commas.")


def run_merge(lead: Path, files: Sequence[Path], *, dry_run: bool = False,
              force: bool = False, label_map: Sequence[str] = (),
              as_json: bool = False) -> None:
    """Merge `files` into `lead` with a progress bar, and print the report."""
    with open_project(lead) as store, \
            lazy_progress(merge_size(files), "Merging") as progress:
        report = merge_files(store, list(files), dry_run=dry_run, force=force,
                             label_map=list(label_map), progress=progress,
                             actor=default_actor())
        name_gold_places(store, report)
    echo_report(report, as_json)


def echo_report(report: MergeReport, as_json: bool) -> None:
    if as_json:
        click.echo(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2).decode())
        return
    for line in report.summary_lines():
        click.echo(line)


@click.command("merge")
@click.argument("lead", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what the merge would change; write nothing.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--map", "label_map", multiple=True, metavar="SOURCE=LABEL", help=MAP_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def merge(lead: Path, files: tuple[Path, ...], dry_run: bool, force: bool,
          label_map: tuple[str, ...], as_json: bool) -> None:
    """Merge annotators' project files into the lead's: each file all or nothing."""
    run_merge(lead, files, dry_run=dry_run, force=force, label_map=label_map,
              as_json=as_json)
