"""`tawsim export`: a project's annotations as a dataset file, folder or stream."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from annotator.cli.common import STATUSES, lazy_progress, plural
from annotator.core.errors import TawsimError
from annotator.services.catalog import export_format_names
from annotator.services.export_jobs import default_jobs
from annotator.services.exporting import export_dataset, export_to_stream, write_report
from annotator.services.projects import open_project


def _options(values: tuple[str, ...]) -> dict[str, str]:
    options: dict[str, str] = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip():
            raise TawsimError(f"--option takes KEY=VALUE, not {value!r}")
        options[key.strip()] = setting.strip()
    return options


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="The file (or, for folder formats and --split, the folder) to write; - "
                   "writes jsonl, doccano, spacy or conll to standard output (once the whole "
                   "export has succeeded, from a temporary file).")
@click.option("--format", "fmt", default="jsonl", show_default=True,
              type=click.Choice(export_format_names()))
@click.option("--layer", help="Export this layer only (one record per document). Needed when "
                              "the project has several layers, except for jsonl and parquet, "
                              "which write one record per document and layer.")
@click.option("--status", type=click.Choice(STATUSES), help="Only documents in this status.")
@click.option("--label", "labels", multiple=True, help="Only spans with this label (repeat).")
@click.option("--relations", is_flag=True,
              help="doccano: write the entities-and-relations form.")
@click.option("--split", "split", metavar="NAME=SHARE,...",
              help="Write parts chosen by a hash of the document id, one file (or folder) "
                   "per part inside OUTPUT: train=0.8,dev=0.1,test=0.1.")
@click.option("--option", "extra", multiple=True, metavar="KEY=VALUE",
              help="A format setting (tawsim formats lists them): proclitics=keep, "
                   "misaligned=expand, nesting=2, families=..., shard=N, target=predictions.")
@click.option("--jobs", type=click.IntRange(min=1), default=default_jobs,
              show_default="the cores",
              help="Processes writing a jsonl export of one file (the file is the same "
                   "whatever their number); for parquet, what --option jobs=N sets.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the full report (every span a format changed) as JSON.")
def export(project: Path, out: Path, fmt: str, layer: str | None, status: str | None,
           labels: tuple[str, ...], relations: bool, split: str | None,
           extra: tuple[str, ...], jobs: int, report_file: Path | None) -> None:
    """Export a dataset."""
    options: dict[str, Any] = _options(extra)
    if report_file is not None and not report_file.parent.is_dir():
        raise TawsimError("the folder for the report does not exist", path=str(report_file))
    if relations:
        options["relations"] = True
    given = click.get_current_context().get_parameter_source("jobs")
    if fmt == "parquet" and "jobs" not in options and given is ParameterSource.COMMANDLINE:
        options["jobs"] = str(jobs)
    to_stdout = str(out) == "-"
    with open_project(project) as store, lazy_progress(store.count_documents(),
                                                        "Exporting") as progress:
        settings: dict[str, Any] = dict(layer=layer, status=status, labels=set(labels) or None,
                                        progress=progress, options=options, split=split,
                                        jobs=jobs)
        if to_stdout:
            try:
                report = export_to_stream(store, sys.stdout.buffer,
                                          format=fmt, **settings)
            except BrokenPipeError:  # the reader (head, less) stopped early: not an error
                _silence_stdout()
                return
            except TawsimError:  # what could not be written stays buffered: drop it
                _silence_stdout()
                raise
        else:
            report = export_dataset(store, out, format=fmt, **settings)
    for warning in report.warnings:
        click.echo(f"tawsim: warning: {warning}", err=True)
    if report_file is not None:
        write_report(report, report_file)
    elif report.issue_count:
        click.echo(f"tawsim: warning: --report FILE lists the {report.issue_count} spans "
                   "concerned and what was done with each", err=True)
    click.echo(f"Wrote {plural(report.documents, 'record')} with {plural(report.spans, 'span')}"
               f" and {plural(report.relations, 'relation')} to "
               + ("standard output" if to_stdout else str(out)), err=to_stdout)


def _silence_stdout() -> None:
    """Point stdout at nothing, so Python's flush at exit does not fail again on the closed
    pipe or the full disk (a stdout with no file behind it, as in tests, holds nothing)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
