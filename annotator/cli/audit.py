"""`tawsim audit`: score an extractor's prediction layer against a gold layer."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from annotator.cli.common import STATUSES, lazy_progress
from annotator.core.evaluation import Scores
from annotator.services.audit import AuditResult, ErrorRow, audit_layers
from annotator.services.audit_report import write_html
from annotator.services.projects import open_project


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


def _edge_kinds(result: AuditResult) -> str:
    kinds = result.boundary_kinds
    return f" ({kinds['proclitic']} a proclitic, {kinds['article']} the article)"


@click.command()
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
        lines.append(f"\n{title}: {len(rows)}" + (_edge_kinds(result) if kind == "boundary"
                                                    else ""))
        lines += [_error_line(row) for row in rows[:shown]]
        if len(rows) > shown:
            lines.append(f"  ... {len(rows) - shown} more (--errors N, --html FILE)")
    if html_file is not None:
        lines.append(f"\nWrote the report to {html_file}")
    click.echo("\n".join(lines))
