"""What a merge would change (or changed), file by file and layer by layer, in the interface's
language: documents, spans and links added, changed and removed, and the warnings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.services.merging import LayerReport, MergeReport
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import isolated, left_to_right, shown
from annotator.ui.common.plurals import documents, links, spans

NO_BREAK = "\u00a0"


def signed_counts(added: int, changed: int, removed: int) -> str:
    """"+2 ~0 −1" as one left-to-right unit: isolated, so that in right-to-left text its signs
    stay before their numbers and its three counts in their order, and joined by no-break
    spaces, so that a wrapped line never splits it."""
    return left_to_right(NO_BREAK.join((f"+{added}", f"~{changed}", f"−{removed}")))


def layer_line(file: str, layer: LayerReport) -> str:
    into = tr("{layer} (new)", layer=isolated(layer.layer)) if layer.created \
        else isolated(layer.layer)
    return tr("{file}: {source} → {layer}: {documents}, spans {spans}, links {links}",
              file=isolated(file), source=isolated(layer.file_layer), layer=into,
              documents=documents(layer.documents),
              spans=signed_counts(layer.spans_added, layer.spans_changed, layer.spans_removed),
              links=signed_counts(layer.relations_added, layer.relations_changed,
                             layer.relations_removed))


def merged_lines(report: MergeReport) -> list[str]:
    lines = []
    for item in report.files:
        name = Path(item.path).name
        lines += [layer_line(name, layer) for layer in item.layers]
        added = sum(layer.spans_added for layer in item.layers)
        removed = sum(layer.spans_removed for layer in item.layers)
        if not item.layers:
            lines.append(tr("{file}: no annotator's layer to merge", file=isolated(name)))
        elif not item.changed:
            lines.append(tr("{file}: nothing new", file=isolated(name)))
        elif added or removed:
            lines.append(tr("{file}: {added} added, {removed} removed",
                            file=isolated(name), added=spans(added), removed=spans(removed)))
    return lines


def warnings_of(report: MergeReport) -> list[str]:
    found = []
    for item in report.files:
        found += [shown(text) for text in item.warnings]
        for layer in item.layers:
            found += [shown(text) for text in layer.warnings]
            found += [tr("Gold span {start}–{end} was accepted from a span that has changed "
                         "since.", start=gold.start, end=gold.end)
                      for gold in layer.gold_from_changed]
    return found


class MergePreview(QDialog):
    """What merging would change; Merge goes ahead."""

    def __init__(self, parent: QWidget | None, report: MergeReport) -> None:
        super().__init__(parent)
        self.setObjectName("mergePreview")
        self.setWindowTitle(tr("Merge annotators' work"))
        headers = [tr("File"), tr("From layer"), tr("Into layer"), tr("Documents"),
                   tr("Spans added"), tr("changed"), tr("removed"), tr("Links")]
        rows = [(item, layer) for item in report.files for layer in item.layers]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setObjectName("mergeTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for number, (item, layer) in enumerate(rows):
            into = tr("{layer} (new)", layer=isolated(layer.layer)) if layer.created \
                else shown(layer.layer)
            cells = [shown(Path(item.path).name), shown(layer.file_layer), into,
                     str(layer.documents), str(layer.spans_added), str(layer.spans_changed),
                     str(layer.spans_removed),
                     links(layer.relations_added + layer.relations_changed
                           + layer.relations_removed)]
            for column, text in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(text))
        # The style's minimum section width follows the font's widest glyph (an Arabic
        # ligature makes it over a hundred pixels): eight columns of it pushed the last ones
        # out of the dialog. Each column as wide as its header or its cells instead.
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        self.table.resizeColumnsToContents()
        for column in range(header.count()):  # a little air between the figures
            header.resizeSection(column, header.sectionSize(column) + 12)
        needed = header.length() + 2 * self.table.frameWidth() + 40
        header.setStretchLastSection(True)
        self.resize(max(760, min(needed, 1200)), 420)
        heading = QLabel(tr("What merging these files would change in this project:")
                         if report.changed else tr("These files hold nothing new."))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings = QPlainTextEdit("\n".join(warnings_of(report)))
        self.warnings.setObjectName("mergeWarnings")
        self.warnings.setReadOnly(True)
        self.warnings.setVisible(bool(self.warnings.toPlainText()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Merge"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(report.changed)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(buttons)
