"""The agreement report as one self-contained HTML page (`tawsim agree --html FILE`).

The figures of every pair in tables (span F1 exact, relaxed and label-blind with their 95 %
intervals, α_U, kappa over tokens and stances, SOURCE-link F1, boundary-only
disagreements), a matrix of the pairs, per-label tables and the label confusion, the
hardest documents with their titles, and plots drawn by matplotlib (agreement_plots). No
script, nothing fetched from a network: it opens offline and can be mailed. Everything that
comes from the project (layer, label and document names, titles) is escaped; Arabic titles
sit in `dir="auto"` cells isolated from the text around them. The page stays small however
many documents: only the hardest are listed, and the plots summarise the rest (a project of
1,000 documents gives about 100 KB).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from annotator.core.agreement import PairAgreement
from annotator.formats.files import atomic_output
from annotator.services.agreement import AgreementReport
from annotator.services.agreement_plots import document_spread, heat_maps, label_bars

HARDEST_SHOWN = 25  # documents per pair in the hardest-documents table
STYLE = """
body { font-family: "Noto Sans Arabic", "Amiri", "DejaVu Sans", "Segoe UI", Tahoma, sans-serif;
       margin: 2rem; color: #222; background: #fff; max-width: 80rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.text { text-align: left; unicode-bidi: isolate; }
.muted { color: #777; } figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
"""


def _e(value: object) -> str:
    return html.escape(str(value))


def _number(value: float | None, ci: tuple[float, float] | None = None) -> str:
    if value is None:
        return '<span class="muted">—</span>'
    interval = (f' <span class="muted">[{ci[0]:.3f}, {ci[1]:.3f}]</span>'
                if ci is not None else "")
    return f"{value:.3f}{interval}"


def _summary(pairs: Sequence[PairAgreement]) -> str:
    head = ("<tr><th>pair</th><th>documents</th><th>exact F1</th><th>relaxed F1</th>"
            "<th>label-blind F1</th><th>α_U</th><th>token κ</th><th>stance κ</th>"
            "<th>SOURCE F1</th><th>boundary only</th><th>of them proclitic</th>"
            "<th>article</th></tr>")
    rows = "".join(
        f"<tr><td>{_e(p.a)} / {_e(p.b)}</td><td>{p.documents}</td>"
        f"<td>{_number(p.exact.total.f1, p.exact.ci)}</td>"
        f"<td>{_number(p.relaxed.total.f1, p.relaxed.ci)}</td>"
        f"<td>{_number(p.label_blind.total.f1, p.label_blind.ci)}</td>"
        f"<td>{_number(p.alpha_u.overall)}</td><td>{_number(p.token_kappa.value)}</td>"
        f"<td>{_number(p.stance_kappa.value)}</td><td>{_number(p.source_f1)}</td>"
        f"<td>{p.boundary_only.total}</td><td>{p.boundary_only.proclitic}</td>"
        f"<td>{p.boundary_only.article}</td></tr>" for p in pairs)
    return f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>"


def _labels(pair: PairAgreement) -> str:
    rows = "".join(
        f"<tr><td>{_e(label)}</td><td>{_number(pair.exact.by_label[label].f1)}</td>"
        f"<td>{_number(tally.f1)}</td><td>{_number(pair.alpha_u.by_label.get(label))}</td>"
        f"<td>{tally.a}</td><td>{tally.b}</td><td>{tally.matched}</td></tr>"
        for label, tally in pair.relaxed.by_label.items())
    return ("<table><thead><tr><th>label</th><th>exact F1</th><th>relaxed F1</th>"
            f"<th>α_U</th><th>{_e(pair.a)}</th><th>{_e(pair.b)}</th><th>matched (relaxed)</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _confusion(pair: PairAgreement) -> str:
    columns = list(dict.fromkeys(column for row in pair.confusion.values() for column in row))
    if not columns:
        return '<p class="muted">no spans</p>'
    head = "".join(f"<th>{_e(column)}</th>" for column in columns)
    rows = "".join(
        f"<tr><td>{_e(label)}</td>"
        + "".join(f"<td>{found.get(column, 0) or ''}</td>" for column in columns) + "</tr>"
        for label, found in pair.confusion.items())
    return (f'<p class="muted">Rows: {_e(pair.a)}; columns: {_e(pair.b)}; spans paired '
            "whatever their label, those without a partner under (none).</p>"
            f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>")


def _hardest(pair: PairAgreement, titles: dict[str, str]) -> str:
    shown = [score for score in pair.documents_by_f1 if score.f1 is not None][:HARDEST_SHOWN]
    if not shown:
        return '<p class="muted">no document with spans</p>'
    rows = "".join(
        f"<tr><td>{_e(score.document)}</td><td class=\"text\" dir=\"auto\">"
        f"{_e(titles.get(score.document, ''))}</td><td>{score.f1:.3f}</td>"
        f"<td>{score.tally.a}</td><td>{score.tally.b}</td><td>{score.tally.matched}</td></tr>"
        for score in shown)
    return ("<table><thead><tr><th>document</th><th>title</th><th>relaxed F1</th>"
            f"<th>{_e(pair.a)}</th><th>{_e(pair.b)}</th><th>matched</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def render(report: AgreementReport, title: str = "") -> str:
    heading = "Agreement between annotators" + (f": {title}" if title else "")
    filters = []
    if report.status:
        filters.append(f"documents both layers have at status {report.status} or further")
    if report.labels:
        filters.append("labels " + ", ".join(report.labels))
    left = "".join(f"<li>{_e(item.reason)}</li>" for item in report.left_out)
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(heading)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        f'<p class="muted">Layers {_e(", ".join(report.layers))}; '
        f"{_e('; '.join(filters))}. Each pair is compared over the documents both have worked "
        "on. Exact: same start, end and label. Relaxed: same label, overlapping, paired one "
        "to one. Intervals: 95 % bootstrap over documents. α_U: Krippendorff's unitizing "
        "alpha. Stance κ: Cohen's kappa over the stances of matched claims.</p>",
        f"<ul>{left}</ul>" if left else "",
        "<h2>All pairs</h2>", _summary(report.pairs),
        f"<figure>{heat_maps(report.layers, report.pairs)}</figure>",
        f"<figure>{label_bars(list(report.labels), report.pairs)}</figure>",
        f"<figure>{document_spread(report.pairs)}</figure>",
    ]
    for pair in report.pairs:
        parts += [f"<h2>{_e(pair.a)} / {_e(pair.b)}</h2>", "<h3>Per label</h3>", _labels(pair),
                  "<h3>Label confusion</h3>", _confusion(pair),
                  "<h3>Hardest documents</h3>", _hardest(pair, report.titles)]
    parts.append("</body></html>\n")
    return "".join(parts)


def write_agreement_html(report: AgreementReport, path: str | Path, title: str = "") -> None:
    with atomic_output(Path(path)) as handle:
        handle.write(render(report, title).encode("utf-8"))
