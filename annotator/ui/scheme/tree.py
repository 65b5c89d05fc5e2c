"""The scheme being edited as a tree: labels with their attributes and values, then relation
types; each item with its key and how many stored annotations use it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from annotator.core.scheme import AttributeDef, LabelDef, RelationDef, Scheme
from annotator.ui.common.i18n import language, tr
from annotator.ui.common.labels import swatch
from annotator.ui.scheme.draft import Path

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def _path_of(item: QTreeWidgetItem | None) -> Path | None:
    # Kept as text: Qt would hand a tuple back as a list.
    data = item.data(0, PATH_ROLE) if item is not None else None
    return tuple(data.split("|")) if data else None


class SchemeTree(QTreeWidget):
    pathChosen = Signal(object)  # a Path, or None for a group heading

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemeTree")
        self.setColumnCount(3)
        self.setHeaderLabels([tr("Name"), tr("Key"), tr("Annotations")])
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.currentItemChanged.connect(
            lambda item, _old: self.pathChosen.emit(_path_of(item)))

    def show_scheme(self, scheme: Scheme, usage: dict[Path, int],
                    select: Path | None = None) -> None:
        self.blockSignals(True)
        try:
            self.clear()
            labels = self._group(tr("Labels"))
            for label in scheme.labels:
                self._owner(labels, "label", label, usage)
            relations = self._group(tr("Relation types"))
            for relation in scheme.relations:
                self._owner(relations, "relation", relation, usage)
            self.expandAll()
        finally:
            self.blockSignals(False)
        self.select(select)

    def select(self, path: Path | None) -> None:
        found = self.item_of(path) if path else None
        self.setCurrentItem(found or self.topLevelItem(0))

    def item_of(self, path: Path) -> QTreeWidgetItem | None:
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if _path_of(item) == path:
                return item
            stack += [item.child(i) for i in range(item.childCount())]
        return None

    def current_path(self) -> Path | None:
        return _path_of(self.currentItem())

    # -- items -----------------------------------------------------------------------------

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _owner(self, parent: QTreeWidgetItem, kind: str, owner: LabelDef | RelationDef,
               usage: dict[Path, int]) -> None:
        lang = language()
        title = f"{owner.display(lang)}  ({owner.name})"
        if isinstance(owner, RelationDef):
            title += f"  {'/'.join(owner.heads)} → {'/'.join(owner.tails)}"
        item = self._item(parent, (kind, owner.name), title, owner.hotkey, usage)
        if isinstance(owner, LabelDef):
            item.setIcon(0, swatch(owner.color, owner.style))
        for attribute in owner.attributes:
            self._attribute(item, owner.name, attribute, usage)

    def _attribute(self, parent: QTreeWidgetItem, owner: str, attribute: AttributeDef,
                   usage: dict[Path, int]) -> None:
        lang = language()
        path = ("attribute", owner, attribute.name)
        item = self._item(parent, path, f"{attribute.display(lang)}  ({attribute.name})", None,
                          usage)
        for value in attribute.values:
            self._item(item, ("value", owner, attribute.name, value.name),
                       f"{value.display(lang)}  ({value.name})", value.hotkey, usage)

    @staticmethod
    def _item(parent: QTreeWidgetItem, path: Path, title: str, hotkey: str | None,
              usage: dict[Path, int]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [title, hotkey.upper() if hotkey else "",
                                        str(usage.get(path, 0))])
        item.setData(0, PATH_ROLE, "|".join(path))
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignCenter)
        return item
