"""The audit as one self-contained HTML page: tables, a per-label chart, the error lists.

Inline CSS and SVG only, nothing fetched from a network, so it opens offline and can be
mailed. Arabic snippets sit in `dir="rtl"` elements isolated from the English around them,
with fonts that shape Arabic named first; every piece of text is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

from annotator.core.evaluation import Scores
from annotator.formats.files import atomic_output
from annotator.services.audit import AuditResult, ErrorRow

MAX_ROWS = 500  # per error list; the JSON output (--json with details) has them all
KIND_TITLES = {
    "boundary": "Boundary errors (same label, different extent)",
    "wrong_label": "Wrong label (overlapping, another label)",
    "spurious": "False positives (predicted, nothing in gold)",
    "missed": "False negatives (in gold, not predicted)",
}
STYLE = """
body { font-family: "Noto Sans Arabic", "Amiri", "DejaVu Sans", "Segoe UI", Tahoma, sans-serif;
       margin: 2rem; color: #222; background: #fff; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.micro td { font-weight: bold; background: #f4f4f4; }
.ar { direction: rtl; unicode-bidi: isolate; text-align: right; }
td.ar { text-align: right; }
mark.gold { background: #bfe3c0; } mark.pred { background: #f6c7a8; }
.muted { color: #777; } .legend span { margin-right: 1rem; }
svg text { font-size: 12px; font-family: "DejaVu Sans", sans-serif; }
"""


def _number(value: float) -> str:
    return f"{value:.3f}"


def _table(title: str, scores: Scores, names: tuple[str, ...]) -> str:
    rows = []
    data = scores.as_dict(names)
    for name, item in data.items():
        css = ' class="micro"' if name == "micro" else ""
        rows.append(
            f"<tr{css}><td>{html.escape(name)}</td><td>{_number(item['precision'])}</td>"
            f"<td>{_number(item['recall'])}</td><td>{_number(item['f1'])}</td>"
            f"<td>{item['tp']}</td><td>{item['fp']}</td><td>{item['fn']}</td></tr>")
    return (f"<h2>{html.escape(title)}</h2><table><thead><tr><th>label</th><th>precision</th>"
            "<th>recall</th><th>F1</th><th>TP</th><th>FP</th><th>FN</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def chart(result: AuditResult) -> str:
    """Horizontal bars of exact and overlap F1 for each label and the micro total."""
    names = [*result.labels, "micro"]
    exact = result.exact.as_dict(result.labels)
    overlap = result.overlap.as_dict(result.labels)
    bar, gap, left, width = 12, 10, 110, 360
    height = len(names) * (2 * bar + gap) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" '
             f'height="{height}" role="img" aria-label="F1 per label">']
    for tick in range(0, 11, 2):
        x = left + width * tick / 10
        parts.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{height - 30}" stroke="#e5e5e5"/>'
                     f'<text x="{x}" y="{height - 15}" text-anchor="middle">{tick / 10:.1f}'
                     "</text>")
    for index, name in enumerate(names):
        y = index * (2 * bar + gap) + 5
        parts.append(f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end">'
                     f"{html.escape(name)}</text>")
        for row, (scores, colour) in enumerate(((exact, "#3b7dd8"), (overlap, "#9cc7f0"))):
            f1 = scores.get(name, {"f1": 0.0})["f1"]
            top = y + row * bar
            parts.append(f'<rect x="{left}" y="{top}" width="{width * f1:.1f}" '
                         f'height="{bar - 1}" fill="{colour}"><title>{html.escape(name)} '
                         f'{"exact" if row == 0 else "overlap"} F1 {f1:.3f}</title></rect>'
                         f'<text x="{left + width * f1 + 4:.1f}" y="{top + bar - 2}">'
                         f"{f1:.2f}</text>")
    parts.append("</svg>")
    legend = ('<p class="legend"><span style="color:#3b7dd8">■ exact F1</span>'
              '<span style="color:#9cc7f0">■ overlap F1</span></p>')
    return legend + "".join(parts)


def _snippet(row: ErrorRow) -> str:
    before, region, after = row.context
    css = "pred" if row.kind == "spurious" else "gold"
    return (f'<td class="ar" dir="rtl">{html.escape(before)}<mark class="{css}">'
            f"{html.escape(region)}</mark>{html.escape(after)}</td>")


def _side(span: dict | None) -> str:
    if span is None:
        return '<td class="muted">—</td>'
    return (f'<td><span class="ar" dir="rtl">{html.escape(span["text"] or "")}</span> '
            f'<span class="muted">{html.escape(span["label"])} '
            f'{span["start"]}–{span["end"]}</span></td>')


def _errors(result: AuditResult, kind: str) -> str:
    rows = result.errors_of(kind)
    shown = rows[:MAX_ROWS]
    kinds = result.boundary_kinds
    edges = (f'<p class="muted">{kinds["proclitic"]} of them only a proclitic, '
             f'{kinds["article"]} only the article.</p>' if kind == "boundary" and rows else "")
    body = "".join(
        f"<tr><td>{html.escape(row.document)}</td><td>{html.escape(row.label)}</td>"
        f"{_side(row.gold)}{_side(row.predicted)}{_snippet(row)}</tr>" for row in shown)
    more = (f'<p class="muted">{len(rows) - len(shown)} more not shown; '
            "tawsim audit --json --details lists them all.</p>" if len(rows) > len(shown)
            else "")
    return (f"<h2>{html.escape(KIND_TITLES[kind])}: {len(rows)}</h2>" + edges
            + ("<table><thead><tr><th>document</th><th>label</th><th>gold</th>"
               "<th>predicted</th><th>in context</th></tr></thead><tbody>" + body
               + "</tbody></table>" if rows else '<p class="muted">none</p>') + more)


def render(result: AuditResult) -> str:
    attributes = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{a.agree}</td><td>{a.differ}</td></tr>"
        for name, a in sorted(result.attributes.items()))
    attribute_table = (
        "<h2>Attributes of matched spans</h2><table><thead><tr><th>attribute</th>"
        f"<th>same</th><th>different</th></tr></thead><tbody>{attributes}</tbody></table>"
        if attributes else "")
    title = (f"Audit: {html.escape(result.predicted_layer)} against "
             f"{html.escape(result.gold_layer)}")
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="muted">{result.documents} document{"" if result.documents == 1 else "s"} '
        "compared. Exact: same start, end and label. Overlap: same label and overlapping "
        "ranges, each span matched at most once. Relations: same type between exactly "
        "matched spans.</p>",
        chart(result),
        _table("Exact match", result.exact, result.labels),
        _table("Overlap match", result.overlap, result.labels),
        _table("Relations", result.relations, result.relation_types),
        attribute_table,
        *(_errors(result, kind) for kind in KIND_TITLES),
        "</body></html>\n",
    ])


def write_html(result: AuditResult, path: str | Path) -> None:
    with atomic_output(Path(path)) as handle:
        handle.write(render(result).encode("utf-8"))
