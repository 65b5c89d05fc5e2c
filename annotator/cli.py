"""The `tawsim` command: a thin click layer over the same services the desktop app calls.

Errors a user can cause print one line to stderr, naming the file and line, and exit 1;
nothing is changed. Anything else escaping is a bug and shows its traceback.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import orjson

from annotator import __version__
from annotator.core.errors import TawsimError
from annotator.core.evaluation import Scores
from annotator.core.model import LayerKind, Status
from annotator.core.scheme import default_scheme, load_scheme
from annotator.services import scheme as schemes
from annotator.services.audit import ErrorRow, audit_layers
from annotator.services.audit_report import write_html
from annotator.services.catalog import export_format_names, formats, import_format_names
from annotator.services.exporting import export_dataset, export_to_stream, write_report
from annotator.services.importing import import_paths, input_size
from annotator.services.projects import (
    as_user_error,
    default_actor,
    init_project,
    open_project,
)
from annotator.services.search import DEFAULT_LIMIT, SearchOptions, index_state, search_project
from annotator.services.validation import validate_dataset

STATUSES = [s.value for s in Status]
PROGRESS_DELAY = 0.5  # seconds of silence before a progress bar appears


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class TawsimGroup(click.Group):
    """Turns user errors into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TawsimError as error:
            click.echo(f"tawsim: error: {error}", err=True)
            ctx.exit(1)
        except Exception as error:
            translated = as_user_error(error)
            if translated is None:
                raise
            click.echo(f"tawsim: error: {translated}", err=True)
            ctx.exit(1)


@contextmanager
def lazy_progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress callback that shows a bar only once the work has taken a moment."""
    started = time.monotonic()
    state: dict[str, Any] = {"bar": None, "done": 0}

    def advance(count: int) -> None:
        state["done"] += count
        bar = state["bar"]
        if bar is None:
            if time.monotonic() - started < PROGRESS_DELAY:
                return
            bar = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            bar.__enter__()
            bar.update(state["done"] - count)
            state["bar"] = bar
        bar.update(count)

    try:
        yield advance
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)


@click.group(cls=TawsimGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tawsim")
def cli() -> None:
    """Tawsim (توسيم): annotate Arabic news offline, export datasets, audit extractors."""


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scheme", "scheme_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A label scheme JSON file (default: LOCATION, ACTOR, WEAPON, CLAIM).")
@click.option("--name", help="A display name for the project (default: the file name).")
def init(project: Path, scheme_file: Path | None, name: str | None) -> None:
    """Create a new project file."""
    with init_project(project, scheme_file, name) as store:
        labels = ", ".join(store.scheme.label_names)
    click.echo(f"Created {project} (labels: {labels})")


def _fields(values: tuple[str, ...]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for value in values:
        key, sep, name = value.partition("=")
        if not sep or key not in ("text", "id", "title") or not name:
            raise TawsimError(f"--field takes text=NAME, id=NAME or title=NAME, not {value!r}")
        fields[key] = name
    return fields


@cli.command("import")
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
def import_(project: Path, paths: tuple[Path, ...], fmt: str, layer: str | None,
            layer_kind: str | None, encoding: str | None, fields: tuple[str, ...],
            label_map: tuple[str, ...], drop_unknown_labels: bool, skip_bad: bool) -> None:
    """Import articles or datasets: all or nothing unless --skip-bad."""
    mapping = _fields(fields)
    skipped: list[str] = []

    def report_skip(error: TawsimError) -> None:
        skipped.append(str(error))
        click.echo(f"tawsim: skipped: {error}", err=True)

    with open_project(project) as store:
        total = input_size(list(paths))
        with lazy_progress(total, "Importing") as progress:
            counts = import_paths(
                store, list(paths), actor=default_actor(), format=fmt, layer=layer,
                layer_kind=LayerKind(layer_kind) if layer_kind else None, skip_bad=skip_bad,
                encoding=encoding, fields=mapping, progress=progress, on_skip=report_skip,
                label_map=label_map, drop_unknown_labels=drop_unknown_labels,
            )
    for warning in counts.warnings:
        click.echo(f"tawsim: warning: {warning}", err=True)
    matched = f" ({counts.documents_matched} already present)" if counts.documents_matched else ""
    layers = f" into layer {', '.join(sorted(counts.layers))}" if counts.layers else ""
    click.echo(
        f"Imported {plural(counts.documents_new, 'new document')}{matched}, "
        f"{plural(counts.spans_new, 'span')} and {plural(counts.relations_new, 'relation')}"
        f"{layers}" + (f"; skipped {plural(len(skipped), 'bad record')}" if skipped else "")
    )


def _options(values: tuple[str, ...]) -> dict[str, str]:
    options: dict[str, str] = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip():
            raise TawsimError(f"--option takes KEY=VALUE, not {value!r}")
        options[key.strip()] = setting.strip()
    return options


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="The file (or, for folder formats and --split, the folder) to write; - "
                   "writes jsonl, doccano, spacy or conll to standard output (once the whole "
                   "export has succeeded, from a temporary file).")
@click.option("--format", "fmt", default="jsonl", show_default=True,
              type=click.Choice(export_format_names()))
@click.option("--layer", help="Export this layer only (one record per document). Needed when "
                              "the project has several layers, except for jsonl, which writes "
                              "one record per document and layer.")
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
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the full report (every span a format changed) as JSON.")
def export(project: Path, out: Path, fmt: str, layer: str | None, status: str | None,
           labels: tuple[str, ...], relations: bool, split: str | None,
           extra: tuple[str, ...], report_file: Path | None) -> None:
    """Export a dataset."""
    options: dict[str, Any] = _options(extra)
    if report_file is not None and not report_file.parent.is_dir():
        raise TawsimError("the folder for the report does not exist", path=str(report_file))
    if relations:
        options["relations"] = True
    to_stdout = str(out) == "-"
    with open_project(project) as store, lazy_progress(store.count_documents(),
                                                        "Exporting") as progress:
        settings: dict[str, Any] = dict(layer=layer, status=status, labels=set(labels) or None,
                                        progress=progress, options=options, split=split)
        if to_stdout:
            try:
                report = export_to_stream(store, sys.stdout.buffer,
                                          format=fmt, **settings)
            except BrokenPipeError:  # the reader (head, less) stopped early: not an error
                _silence_stdout()
                return
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
    """Point stdout at nothing, so Python's flush at exit does not fail on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(project: Path, as_json: bool) -> None:
    """Documents, spans per label and layer, and statuses."""
    with open_project(project) as store:
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


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scheme", "scheme_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Check labels against this scheme file instead of the default one.")
@click.option("--project", "project", type=click.Path(dir_okay=False, path_type=Path),
              help="Check labels against this project's scheme.")
def validate(file: Path, scheme_file: Path | None, project: Path | None) -> None:
    """Check a JSONL dataset: its shape, offsets, covered text, labels and links."""
    if project is not None:
        with open_project(project) as store:
            scheme = store.scheme
    else:
        scheme = load_scheme(scheme_file) if scheme_file else default_scheme()
    problems = 0
    for problem in validate_dataset(file, scheme):
        problems += 1
        click.echo(f"tawsim: invalid: {problem}", err=True)
    if problems:
        raise TawsimError(f"{problems} invalid records", path=str(file))
    click.echo(f"{file}: valid")


# -- search (Arabic-aware matching) -------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("query")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON array of hits: document, start, end (code points) and text.")
@click.option("--limit", default=DEFAULT_LIMIT, show_default=True, type=click.IntRange(min=1),
              help="Stop after this many hits.")
@click.option("--whole-word", is_flag=True,
              help="Match whole words only (proclitics such as ب or و may precede them).")
@click.option("--exact-letters", is_flag=True,
              help="Tell ة from ه and ى from ي (other spelling differences stay ignored).")
def search(project: Path, query: str, as_json: bool, limit: int, whole_word: bool,
           exact_letters: bool) -> None:
    """Find QUERY in every document, ignoring harakat, tatweel, hamza and alef forms, and
    finding words behind proclitics (سوريا finds بسوريا)."""
    options = SearchOptions(exact_letters=exact_letters, whole_word=whole_word)
    with open_project(project) as store:
        state = index_state(store)
        with lazy_progress(state.pending, "Indexing for search") as progress:
            page = search_project(store, query, options, limit=limit, progress=progress)
    if as_json:
        click.echo(orjson.dumps([hit.as_json() for hit in page.hits]).decode())
        return
    for hit in page.hits:
        click.echo(f"{hit.doc_id}:{hit.start}-{hit.end}: …{_one_line(hit.context_before)[-30:]} "
                   f"[{hit.text}] {_one_line(hit.context_after)[:30]}…")
    more = " (more after these; raise --limit)" if page.more else ""
    click.echo(f"{len(page.hits)} hits{more}", err=True)


# -- scheme ------------------------------------------------------------------------------------


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


@cli.group("scheme")
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


# -- formats and extractor audit -----------------------------------------------------------


@cli.command("formats")
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


def _score_lines(title: str, scores: Scores, names: tuple[str, ...]) -> list[str]:
    lines = [title, f"  {'':<14}{'precision':>10}{'recall':>10}{'F1':>8}{'TP':>7}{'FP':>7}"
                    f"{'FN':>7}"]
    for name, item in scores.as_dict(names).items():
        lines.append(f"  {name:<14}{item['precision']:>10.3f}{item['recall']:>10.3f}"
                     f"{item['f1']:>8.3f}{item['tp']:>7}{item['fp']:>7}{item['fn']:>7}")
    return lines


def _error_line(row: ErrorRow) -> str:
    def show(span: dict | None) -> str:
        return "—" if span is None else f"{span['label']} {span['start']}-{span['end']} " \
                                        f"«{span['text']}»"

    return f"  {row.document}: gold {show(row.gold)} | predicted {show(row.predicted)}"


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--gold", required=True, help="The reference layer.")
@click.option("--pred", "predicted", required=True, help="The layer to score (predictions).")
@click.option("--label", "labels", multiple=True, help="Only this label (repeat).")
@click.option("--status", type=click.Choice(STATUSES),
              help="Only documents whose gold layer is in this status.")
@click.option("--all-documents", is_flag=True,
              help="Also documents the gold layer has not annotated (no spans, status new).")
@click.option("--json", "as_json", is_flag=True,
              help="Print exact, overlap and relations scores as JSON.")
@click.option("--details", is_flag=True,
              help="With --json: add every error (false positives and negatives, boundary "
                   "and label errors) and attribute agreement.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML report with a per-label chart.")
@click.option("--errors", "shown", default=10, show_default=True, type=click.IntRange(min=0),
              help="Errors of each kind listed in the text output.")
def audit(project: Path, gold: str, predicted: str, labels: tuple[str, ...],
          status: str | None, all_documents: bool, as_json: bool, details: bool,
          html_file: Path | None, shown: int) -> None:
    """Score a prediction layer against a gold layer: P, R, F1 per label and overall."""
    with open_project(project) as store, lazy_progress(store.count_documents(),
                                                        "Comparing") as progress:
        result = audit_layers(store, gold, predicted, labels=set(labels) or None,
                              status=status, documents="all" if all_documents else "annotated",
                              keep_errors=details or html_file is not None or not as_json,
                              progress=progress)
    if html_file is not None:
        write_html(result, html_file)
    if as_json:
        click.echo(orjson.dumps(result.as_dict(details=details),
                                option=orjson.OPT_INDENT_2).decode())
        return
    lines = [f"{predicted} against {gold}: {result.documents} documents", ""]
    lines += _score_lines("exact (same start, end and label)", result.exact, result.labels)
    lines += _score_lines("overlap (same label, overlapping)", result.overlap, result.labels)
    lines += _score_lines("relations (same type, exactly matched ends)", result.relations,
                          result.relation_types)
    for kind, title in (("spurious", "false positives"), ("missed", "false negatives"),
                        ("boundary", "boundary errors"), ("wrong_label", "wrong labels")):
        rows = result.errors_of(kind)
        lines.append(f"\n{title}: {len(rows)}")
        lines += [_error_line(row) for row in rows[:shown]]
        if len(rows) > shown:
            lines.append(f"  ... {len(rows) - shown} more (--errors N, --html FILE)")
    if html_file is not None:
        lines.append(f"\nWrote the report to {html_file}")
    click.echo("\n".join(lines))


def main() -> None:
    cli(prog_name="tawsim")


if __name__ == "__main__":
    main()
