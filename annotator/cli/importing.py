"""`tawsim import`: articles and datasets into a project, all or nothing unless --skip-bad.

Tawsim project files among the inputs (recognised by their content whatever their names,
or named *.tawsim) are annotators' work: they go to the merge (`tawsim merge`), on their
own. `--replace` makes each layer hold exactly what the input says for its documents.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.common import lazy_progress, plural
from annotator.cli.merge import FORCE_HELP, run_merge
from annotator.core.errors import TawsimError
from annotator.core.model import LayerKind
from annotator.services.catalog import import_format_names
from annotator.services.fitting import BoundaryFitter, write_report
from annotator.services.importing import import_paths, input_size
from annotator.services.merging import is_merge_input
from annotator.services.projects import default_actor, open_project


def _fields(values: tuple[str, ...]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for value in values:
        key, sep, name = value.partition("=")
        if not sep or key not in ("text", "id", "title") or not name:
            raise TawsimError(f"--field takes text=NAME, id=NAME or title=NAME, not {value!r}")
        fields[key] = name
    return fields


@click.command("import")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(["auto", *import_format_names()]))
@click.option("--layer", help="Put the records' spans and relations into this layer "
                              "(an extractor's predictions, or gold).")
@click.option("--layer-kind", type=click.Choice([k.value for k in LayerKind]),
              help="Kind of a new layer (default: gold for 'gold', else model).")
@click.option("--encoding", help="Read text files in this encoding (utf-8, utf-16, cp1256).")
@click.option("--field", "fields", multiple=True, metavar="KEY=NAME",
              help="Map a JSON field: text=content, id=url, title=headline.")
@click.option("--map", "label_map", multiple=True, metavar="SOURCE=LABEL",
              help="Give the source's label another name from the scheme (ORG=ACTOR), or "
                   "leave its spans out (DATE=). Repeat it, or separate items by commas.")
@click.option("--drop-unknown-labels", is_flag=True,
              help="Leave out spans whose label the scheme lacks (counted) instead of "
                   "refusing the file.")
@click.option("--skip-bad", is_flag=True,
              help="Skip bad records (each is reported) instead of importing nothing.")
@click.option("--replace", is_flag=True,
              help="Make each layer hold exactly what the input says for its documents: "
                   "spans and links the input lacks are removed, changed ones updated (by "
                   "span id, else by place and label).")
@click.option("--force", is_flag=True, help="For Tawsim project files: " + FORCE_HELP)
@click.option("--fit-boundaries", is_flag=True,
              help="Move span edges to the scheme's conventions: whole grapheme clusters, no "
                   "spaces or punctuation at the edges, proclitics as each label says.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="With --fit-boundaries: list every span it moved (.csv, else JSON Lines).")
def import_(project: Path, paths: tuple[Path, ...], fmt: str, layer: str | None,
            layer_kind: str | None, encoding: str | None, fields: tuple[str, ...],
            label_map: tuple[str, ...], drop_unknown_labels: bool, skip_bad: bool,
            replace: bool, force: bool, fit_boundaries: bool, report: Path | None) -> None:
    """Import articles or datasets: all or nothing unless --skip-bad. Tawsim project files
    (annotators' work) are merged, as by `tawsim merge`."""
    if report is not None and not fit_boundaries:
        raise TawsimError("--report lists the spans --fit-boundaries moved: add --fit-boundaries")
    projects = [path for path in paths if is_merge_input(path)]
    if projects:
        _refuse_mixing(paths, projects, layer=layer, layer_kind=layer_kind,
                       encoding=encoding, fields=fields, skip_bad=skip_bad, replace=replace,
                       drop_unknown_labels=drop_unknown_labels,
                       fit_boundaries=fit_boundaries, other_format=fmt != "auto")
        run_merge(project, projects, force=force, label_map=label_map)
        return
    mapping = _fields(fields)
    moved: list = []
    skipped: list[str] = []

    def report_skip(error: TawsimError) -> None:
        skipped.append(str(error))
        click.echo(f"tawsim: skipped: {error}", err=True)

    with open_project(project) as store:
        fitter = BoundaryFitter(store.scheme, moved.append) if fit_boundaries else None
        total = input_size(list(paths))
        with lazy_progress(total, "Importing") as progress:
            counts = import_paths(
                store, list(paths), actor=default_actor(), format=fmt, layer=layer,
                layer_kind=LayerKind(layer_kind) if layer_kind else None, skip_bad=skip_bad,
                encoding=encoding, fields=mapping, progress=progress, on_skip=report_skip,
                label_map=label_map, drop_unknown_labels=drop_unknown_labels,
                replace=replace, fit=fitter,
            )
    for warning in counts.warnings:
        click.echo(f"tawsim: warning: {warning}", err=True)
    matched = f" ({counts.documents_matched} already present)" if counts.documents_matched else ""
    replaced = ""
    if replace:
        replaced = (f"; changed {plural(counts.spans_changed, 'span')} and "
                    f"{plural(counts.relations_changed, 'relation')}, removed "
                    f"{plural(counts.spans_removed, 'span')} and "
                    f"{plural(counts.relations_removed, 'relation')}")
    layers = f" into layer {', '.join(sorted(counts.layers))}" if counts.layers else ""
    click.echo(
        f"Imported {plural(counts.documents_new, 'new document')}{matched}, "
        f"{plural(counts.spans_new, 'span')} and {plural(counts.relations_new, 'relation')}"
        f"{layers}{replaced}"
        + (f"; skipped {plural(len(skipped), 'bad record')}" if skipped else "")
    )
    if fitter is not None:
        if report is not None:
            write_report(moved, report)
        click.echo(f"Fitted {plural(fitter.moved, 'span')} to the scheme's boundaries; "
                   f"{fitter.kept} listed but kept" + (f" (see {report})" if report else ""))


def _refuse_mixing(paths: tuple[Path, ...], projects: list[Path], *, other_format: bool,
                   **options: object) -> None:
    """Project files are merged, with only --map and --force; anything else given with them
    is refused rather than ignored."""
    if len(projects) != len(paths):
        others = next(path for path in paths if path not in projects)
        raise TawsimError(f"{projects[0]} is a Tawsim project and {others} is not; import "
                          "project files on their own (they are merged, as by tawsim merge)")
    given = [name for name, value in options.items() if value]
    if other_format:
        given.insert(0, "format")
    if given:
        flag = "--" + given[0].replace("_", "-")
        raise TawsimError(f"{projects[0]} is a Tawsim project, merged as by tawsim merge; "
                          f"{flag} does not apply to it")
