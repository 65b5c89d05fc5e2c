"""`tawsim agree`, `tawsim curate` and `tawsim status`: the lead's review from the shell."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from annotator.cli.common import STATUSES, lazy_progress, plural
from annotator.core.agreement import PairAgreement
from annotator.core.commands.summary import shorten
from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.services.adjudication import working_session
from annotator.services.agreement import AgreementReport, annotator_layers, project_agreement
from annotator.services.agreement_html import write_agreement_html
from annotator.services.curation import (
    DEFAULT_GOLD,
    check_curation_layers,
    documents_to_curate,
)
from annotator.services.curation_premerge import check_votes, premerge
from annotator.services.document_names import (
    LABEL_LENGTH,
    document_labels,
    document_named,
    resolve_documents,
)
from annotator.services.projects import ProjectStore, default_actor, open_project
from annotator.services.review import (
    fully_agreed_documents,
    review_fully_agreed,
    set_status,
    statuses_by_layer,
    undecided_places,
)


def _names(value: str | None) -> list[str] | None:
    return None if value is None else [name.strip() for name in value.split(",")]


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _interval(ci: tuple[float, float] | None) -> str:
    return "" if ci is None else f" [{ci[0]:.3f}, {ci[1]:.3f}]"


def _pair_lines(pair: PairAgreement, hardest: int, labels: dict[str, str]) -> list[str]:
    exact, relaxed, blind = pair.exact, pair.relaxed, pair.label_blind
    lines = [f"{pair.a} / {pair.b}: {plural(pair.documents, 'document')} in common",
             f"  span F1   exact {_figure(exact.total.f1)}{_interval(exact.ci)}   relaxed "
             f"{_figure(relaxed.total.f1)}{_interval(relaxed.ci)}   label-blind "
             f"{_figure(blind.total.f1)}",
             f"  α_U {_figure(pair.alpha_u.overall)}   token κ "
             f"{_figure(pair.token_kappa.value)}   stance κ {_figure(pair.stance_kappa.value)} "
             f"({plural(pair.stance_kappa.items, 'matched claim')})   "
             f"{pair.source_type or 'source'} F1 {_figure(pair.source_f1)}",
             f"  boundary-only disagreements {pair.boundary_only.total} (proclitic "
             f"{pair.boundary_only.proclitic}, article {pair.boundary_only.article})",
             f"  {'label':<14}{'exact F1':>9}{'relaxed':>9}{'α_U':>8}{pair.a[:8]:>9}"
             f"{pair.b[:8]:>9}{'matched':>9}"]
    for label, tally in pair.relaxed.by_label.items():
        lines.append(f"  {label:<14}{_figure(exact.by_label[label].f1):>9}"
                     f"{_figure(tally.f1):>9}{_figure(pair.alpha_u.by_label.get(label)):>8}"
                     f"{tally.a:>9}{tally.b:>9}{tally.matched:>9}")
    shown = [score for score in pair.documents_by_f1 if score.f1 is not None][:hardest]
    if shown:
        lines.append("  hardest documents (relaxed F1):")
        lines += [f"    {score.f1:.2f}  {score.document}"
                  + (f"  {labels[score.document]}" if labels.get(score.document) else "")
                  for score in shown]
    return lines


def _hardest(report: AgreementReport, hardest: int) -> list[str]:
    return [score.document for pair in report.pairs
            for score in [item for item in pair.documents_by_f1 if item.f1 is not None][:hardest]]


def _report_lines(report: AgreementReport, hardest: int, labels: dict[str, str]
                  ) -> list[str]:
    lines: list[str] = []
    for pair in report.pairs:
        lines += [*_pair_lines(pair, hardest, labels), ""]
    lines += [f"left out: {item.reason}" for item in report.left_out]
    return lines


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--layers", metavar="A,B,...",
              help="The layers to compare, comma-separated (default: every annotator layer).")
@click.option("--status", type=click.Choice(STATUSES),
              help="Only documents both layers of a pair have at this status or further "
                   "(done also takes reviewed).")
@click.option("--label", "labels", multiple=True, help="Only this label (repeat).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML report with the figures and plots.")
@click.option("--resamples", default=1000, show_default=True, type=click.IntRange(min=1),
              help="Bootstrap resamples for the 95% intervals.")
@click.option("--hardest", default=5, show_default=True, type=click.IntRange(min=0),
              help="Hardest documents listed per pair in the text output.")
def agree(project: Path, layers: str | None, status: str | None, labels: tuple[str, ...],
          as_json: bool, html_file: Path | None, resamples: int, hardest: int) -> None:
    """Agreement between annotators: every pair of layers over their documents in common."""
    with open_project(project) as store, lazy_progress(store.count_documents(),
                                                        "Comparing") as progress:
        report = project_agreement(store, layers=_names(layers), status=status,
                                   labels=labels or None, resamples=resamples,
                                   progress=progress)
        name = store.meta("name") or store.path.stem
        labels = document_labels(store, _hardest(report, hardest)) if not as_json else {}
    for item in report.left_out:
        click.echo(f"tawsim: note: {item.reason}; that pair is left out", err=True)
    if html_file is not None:
        write_agreement_html(report, html_file, title=name)
    if as_json:
        click.echo(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2).decode())
        return
    lines = _report_lines(report, hardest, labels)
    if html_file is not None:
        lines.append(f"Wrote the report to {html_file}")
    click.echo("\n".join(lines).rstrip())


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "from_layers", required=True, metavar="A,B,...",
              help="The annotator layers to pre-merge from, comma-separated.")
@click.option("--into", "gold", default=DEFAULT_GOLD, show_default=True,
              help="The gold layer (made if missing).")
@click.option("--min-votes", type=int, metavar="N",
              help="Take a span when at least N annotators agree on it exactly "
                   "(default: all of them).")
@click.option("--document", "documents", multiple=True, metavar="DOC",
              help="Only this document, by id, title or file name (repeat; default: every "
                   "document enough of them have worked on).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def curate(project: Path, from_layers: str, gold: str, min_votes: int | None,
           documents: tuple[str, ...], as_json: bool) -> None:
    """Pre-merge into gold every span enough annotators agree on exactly."""
    names = _names(from_layers) or []
    votes = check_votes(min_votes, names)
    with open_project(project) as store:
        check_curation_layers(store, names, gold)  # before the gold layer is made
        # an unknown or ambiguous name is one line before anything is written
        chosen = resolve_documents(store, documents) if documents else \
            documents_to_curate(store, names, votes)
        session = working_session(store, default_actor(), gold)
        with lazy_progress(len(chosen), "Pre-merging") as progress:
            report = premerge(session, chosen, names, votes, progress=progress)
    if as_json:
        click.echo(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2).decode())
    else:
        click.echo("\n".join(report.summary_lines()))


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("documents", nargs=-1, metavar="[DOC]...")
@click.option("--layer", help="The layer whose status to set (with --set).")
@click.option("--set", "new_status", type=click.Choice(STATUSES),
              help="Set this status on the documents named in --layer.")
@click.option("--fully-agreed", is_flag=True,
              help="With --set reviewed: the documents every annotator of --layers has done "
                   "identically; their spans go into the gold layer first.")
@click.option("--force", is_flag=True,
              help="With --set reviewed in a gold layer: mark documents reviewed even though "
                   "curation still lists places to decide in them.")
@click.option("--layers", metavar="A,B,...",
              help="The layers to show (default: every annotator and gold layer); with "
                   "--fully-agreed, the annotators compared.")
@click.option("--dry-run", is_flag=True, help="With --fully-agreed: list them, change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def status(project: Path, documents: tuple[str, ...], layer: str | None,
           new_status: str | None, fully_agreed: bool, force: bool, layers: str | None,
           dry_run: bool, as_json: bool) -> None:
    """Each document's status in every layer, side by side; or set one layer's status.
    DOC is a document's id, title or the name of the file it was imported from."""
    if fully_agreed and new_status != "reviewed":
        raise click.UsageError("--fully-agreed goes with --set reviewed")
    with open_project(project) as store:
        chosen = resolve_documents(store, documents) if documents else []
        if new_status is None:
            table = statuses_by_layer(store, chosen or None, layers=_names(layers))
            data = table.as_dict()
            lines = ["\t".join(["document", *table.layers, "title"])]
            lines += ["\t".join([row.document, *row.statuses.values(),
                                 shorten(row.title, LABEL_LENGTH)]) for row in table.rows]
        else:
            if layer is None:
                raise click.UsageError("--set needs --layer (the layer whose status to set)")
            if fully_agreed:
                data, lines = _fully_agreed(store, layer, _names(layers), dry_run)
            else:
                if new_status == "reviewed" and not force:
                    _refuse_open_places(store, layer, chosen)
                change = set_status(store, layer, chosen, new_status, default_actor())
                data = change.as_dict()
                lines = [f"{plural(len(change.changed), 'document')} set to {change.status} in "
                         f"{change.layer}" + (f"; {len(change.unchanged)} already were"
                                              if change.unchanged else "")]
    click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() if as_json
               else "\n".join(lines))


def _refuse_open_places(store: ProjectStore, layer: str, doc_ids: list[str]) -> None:
    """One line when a document to be marked reviewed still has places to decide (one
    reviewed already is left as it is)."""
    if store.layer_id(layer) is None:
        return  # set_status names the missing layer
    pending = [doc for doc in doc_ids if store.status(doc, layer) != Status.REVIEWED]
    open_places = undecided_places(store, layer, pending)
    if not open_places:
        return
    first, count = next(iter(open_places.items()))
    others = len(open_places) - 1
    raise TawsimError(
        f"document {document_named(store, first)} still has {plural(count, 'place')} "
        f"undecided in {layer}"
        + (f" (and {plural(others, 'more document')} with places undecided)" if others else "")
        + "; decide them in the desk's curation, or add --force to mark "
        + ("them" if others else "it") + " reviewed anyway", path=str(store.path))


def _fully_agreed(store: ProjectStore, layer: str, layers: list[str] | None,
                  dry_run: bool) -> tuple[dict, list[str]]:
    names = layers or [name for name in annotator_layers(store) if name != layer]
    # Without --layers, each document is judged by the annotators who worked on it (two of
    # three, in a team with overlap); --layers asks every one named.
    found = fully_agreed_documents(store, names, layer if store.layer_id(layer) else None,
                                   those_who_worked=not layers)
    if dry_run or not found:
        labels = document_labels(store, found)
        return ({"documents": found, "layers": names},
                [f"{plural(len(found), 'document')} fully agreed by {', '.join(names)}"
                 + (":" if found else ""),
                 *[f"{doc}\t{labels[doc]}" if labels.get(doc) else doc for doc in found]])
    session = working_session(store, default_actor(), layer)
    change = review_fully_agreed(session, names, found)
    return (change.as_dict(), [f"{plural(len(change.changed), 'document')} fully agreed by "
                               f"{', '.join(names)} marked reviewed in {layer}"])
