"""The agreement report's plots, drawn by matplotlib as inline SVG.

Three figures: heat maps of the pairwise relaxed F1 and α_U (layers by layers), bars of
each label's relaxed F1 per pair, and the spread of each pair's per-document relaxed F1.
matplotlib is imported only here and only when a report is written; figures are made with
its object API (no pyplot, no global state), drawn by the SVG backend with text kept as text
(small files; the viewer's fonts draw it) and a fixed hash salt, so the same figures give
the same SVG.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from annotator.core.agreement import PairAgreement

COLOURS = ("#3b7dd8", "#e0a526", "#5aa469", "#c8553d", "#8e6bbf", "#4aa3a2", "#d17fb0")


def _svg(figure: Any) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "tawsim",
                                "font.family": "DejaVu Sans"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # inline: no XML declaration or doctype


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=72)


def heat_maps(layers: Sequence[str], pairs: Sequence[PairAgreement]) -> str:
    """Relaxed F1 and α_U of every pair, as two matrices of the layers (the diagonal and
    pairs left out are blank)."""
    size = len(layers)
    index = {name: position for position, name in enumerate(layers)}
    side = max(3.2, 0.9 * size + 1.6)
    figure = _figure(2 * side + 0.8, side)
    for place, (title, value) in enumerate((("relaxed span F1", _relaxed),
                                            ("Krippendorff's α_U", _alpha))):
        axes = figure.add_subplot(1, 2, place + 1)
        matrix = [[math.nan] * size for _ in range(size)]
        for pair in pairs:
            found = value(pair)
            if found is not None:
                i, j = index[pair.a], index[pair.b]
                matrix[i][j] = matrix[j][i] = found
        image = axes.imshow(matrix, vmin=0.0 if place == 0 else -0.2, vmax=1.0,
                            cmap="viridis")
        axes.set_xticks(range(size), labels=list(layers), rotation=30, ha="right")
        axes.set_yticks(range(size), labels=list(layers))
        axes.set_title(title)
        for i in range(size):
            for j in range(size):
                if not math.isnan(matrix[i][j]):
                    axes.text(j, i, f"{matrix[i][j]:.2f}", ha="center", va="center",
                              color="white" if matrix[i][j] < 0.6 else "black")
        figure.colorbar(image, ax=axes, shrink=0.8)
    figure.tight_layout()
    return _svg(figure)


def _relaxed(pair: PairAgreement) -> float | None:
    return pair.relaxed.total.f1


def _alpha(pair: PairAgreement) -> float | None:
    return pair.alpha_u.overall


def label_bars(labels: Sequence[str], pairs: Sequence[PairAgreement]) -> str:
    """Each label's relaxed F1, one bar per pair."""
    count = max(len(pairs), 1)
    width = 0.8 / count
    figure = _figure(max(6.0, 1.1 * len(labels) * max(1, count / 2) + 2), 3.6)
    axes = figure.add_subplot(1, 1, 1)
    for number, pair in enumerate(pairs):
        values = [pair.relaxed.by_label[label].f1 if label in pair.relaxed.by_label else None
                  for label in labels]
        places = [position - 0.4 + width * (number + 0.5) for position in range(len(labels))]
        axes.bar(places, [value or 0.0 for value in values], width=width,
                 color=COLOURS[number % len(COLOURS)], label=f"{pair.a} / {pair.b}")
    axes.set_xticks(range(len(labels)), labels=list(labels))
    axes.set_ylim(0, 1.05)
    axes.set_ylabel("relaxed F1")
    axes.set_title("Relaxed span F1 per label")
    axes.grid(axis="y", color="#e5e5e5")
    axes.set_axisbelow(True)
    axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    return _svg(figure)


def document_spread(pairs: Sequence[PairAgreement]) -> str:
    """How each pair's documents spread over relaxed F1 (documents without spans left
    out): a histogram of ten bins per pair."""
    figure = _figure(7.0, 3.4)
    axes = figure.add_subplot(1, 1, 1)
    edges = [step / 10 for step in range(11)]
    for number, pair in enumerate(pairs):
        values = [score.f1 for score in pair.documents_by_f1 if score.f1 is not None]
        if values:
            axes.hist(values, bins=edges, histtype="step", linewidth=1.8,
                      color=COLOURS[number % len(COLOURS)], label=f"{pair.a} / {pair.b}")
    axes.set_xlabel("relaxed F1 of a document")
    axes.set_ylabel("documents")
    axes.set_title("Documents by agreement")
    axes.grid(axis="y", color="#e5e5e5")
    if pairs:
        axes.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    return _svg(figure)
