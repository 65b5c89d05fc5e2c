"""The curation table: one row per item of the open document (what the annotators and gold
marked at one place), a column of what differs, one column per annotator, and gold's.

A version reads "Label: text", a claim "Claim · stance · → source: text" (what claims
differ on first, before a narrow cell elides the text); a layer that marked nothing there
shows a dash. Rows are the disagreements, or every item when the lead asks to see the
agreed ones too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.commands.summary import shorten
from annotator.core.curation import CurationItem, Version
from annotator.core.scheme import Scheme
from annotator.services.curation import CurationView
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.labels import label_display
from annotator.ui.common.plain import isolated, tooltip

Index = QModelIndex | QPersistentModelIndex
EXCERPT = 36

KIND_COLOURS = {"agreed": "#2e7d32", "gold_differs": "#b26a00", "annotators_disagree": "#6a1b9a",
                "missing_in_gold": "#1f6fb2", "only_in_gold": "#c62828"}


def kind_name(kind: str) -> str:
    return {"agreed": tr("Agreed"), "gold_differs": tr("Gold differs"),
            "annotators_disagree": tr("Annotators differ"),
            "missing_in_gold": tr("Not in gold"), "only_in_gold": tr("Only in gold")}[kind]


def aspect_names(aspects: tuple[str, ...]) -> str:
    names = {"boundaries": tr("boundaries"), "label": tr("label"), "stance": tr("stance"),
             "attributes": tr("attributes"), "source": tr("source"), "links": tr("links"),
             "absent": tr("missing")}
    return tr(", ").join(names[aspect] for aspect in aspects)


def describe(version: Version | None, scheme: Scheme | None) -> str:
    """A version in a cell: "Claim · Reported · → source: text". The stance and the source
    come before the text: they are what two versions of a claim differ on most, and a narrow
    cell elides its end."""
    if version is None:
        return "—"
    lang = language()
    label = label_display(scheme, version.label)
    parts = [label]
    if version.stance:
        parts.append(str(_value_name(scheme, version, lang)))
    for link in version.sources:
        parts.append("→\u00a0" + isolated(shorten(link.target.text, 24)))  # kept together
    return " · ".join(parts) + ": " + isolated(shorten(version.span.text, EXCERPT))


def _value_name(scheme: Scheme | None, version: Version, lang: str) -> str:
    """The stance's name in the interface language (its stored value if the scheme lacks
    it)."""
    if scheme is None or not scheme.has_label(version.label):
        return str(version.stance)
    attribute = scheme.label(version.label).attribute(version.stance_name or "")
    value = attribute.value(str(version.stance)) if attribute is not None else None
    return value.display(lang) if value is not None else str(version.stance)


class CurationModel(QAbstractTableModel):
    WHERE, KIND = 0, 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: CurationView | None = None
        self.scheme: Scheme | None = None
        self.rows: list[CurationItem] = []
        self.show_agreed = False

    def show(self, view: CurationView | None, scheme: Scheme | None) -> None:
        self.beginResetModel()
        self.view, self.scheme = view, scheme
        items = view.items if view is not None else []
        self.rows = [item for item in items if self.show_agreed or item.disagrees]
        self.endResetModel()

    @property
    def layers(self) -> tuple[str, ...]:
        if self.view is None:
            return ()
        return (*self.view.annotator_layers, self.view.gold_layer)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self.layers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.WHERE:
            return tr("Where")
        if section == self.KIND:
            return tr("What differs")
        layer = self.layers[section - 2]
        gold = self.view is not None and layer == self.view.gold_layer
        return tr("Gold: {layer}", layer=isolated(layer)) if gold else isolated(layer)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.view is None:
            return None
        item, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHERE:
                return isolated(shorten(self.view.text[item.start:item.end], EXCERPT))
            if column == self.KIND:
                kind = kind_name(item.kind)
                text = f"{kind}: {aspect_names(item.aspects)}" if item.aspects else kind
                # Gold holds one annotator's version exactly: the lead has decided.
                return text + " ✓" if item.disagrees and item.resolved else text
            return describe(item.version(self.layers[column - 2]), self.scheme)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.KIND:
            return QColor(KIND_COLOURS[item.kind])
        if role == Qt.ItemDataRole.ToolTipRole and column >= 2:
            # The whole version (a narrow cell elides it), and its note.
            version = item.version(self.layers[column - 2])
            if version is None:
                return None
            text = describe(version, self.scheme)
            if version.note:
                text += "\n" + tr("Note: {note}", note=version.note)
            return tooltip(text)
        return None

    def item(self, row: int) -> CurationItem | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, item_index: int) -> int | None:
        return next((row for row, item in enumerate(self.rows) if item.index == item_index),
                    None)
