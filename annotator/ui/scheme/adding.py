"""Adding labels, attributes, values and relation types in the scheme dialog: a small form
asks for the names (and keys), the rest is set in the item's form afterwards."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core.scheme import Scheme
from annotator.core.scheme_edits import (
    AddAttribute,
    AddLabel,
    AddRelation,
    AddValue,
    SchemeOp,
)
from annotator.ui.common.i18n import tr
from annotator.ui.scheme.draft import Path

# Light colours that keep Arabic text readable, offered to new labels in turn.
NEW_COLOURS = ("#c5b0f0", "#f5d76e", "#a8e6cf", "#f7b7d2", "#b8d8e8", "#d9c4a0", "#cfd8dc")


class NamesDialog(QDialog):
    """A few named text fields with OK and Cancel."""

    def __init__(self, parent: QWidget, title: str, fields: list[tuple[str, str, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("namesDialog")
        self.setWindowTitle(title)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for key, text, default in fields:
            line = QLineEdit(default)
            line.setObjectName(f"new_{key}")
            self.fields[key] = line
            form.addRow(text, line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {key: line.text().strip() for key, line in self.fields.items()}


def _ask(parent: QWidget, title: str, fields: list[tuple[str, str, str]]) -> dict[str, str] | None:
    dialog = NamesDialog(parent, title, fields)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        values = dialog.values()
        return values if values.get("name") else None
    finally:
        dialog.deleteLater()


def _names(values: dict[str, str]) -> dict[str, str]:
    return {lang: values[f"names.{lang}"] for lang in ("ar", "en") if values.get(f"names.{lang}")}


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("،", ",").split(",") if part.strip()]


def free_hotkey(scheme: Scheme) -> str:
    taken = {owner.hotkey.lower() for owner in (*scheme.labels, *scheme.relations)
             if owner.hotkey}
    return next((digit for digit in "1234567890" if digit not in taken), "")


class AddButtons:
    """The four Add buttons of the scheme dialog. Each asks for names, then hands the edit and
    the place of the new item to `push` (the dialog applies it to its draft)."""

    def __init__(self, parent: QWidget, scheme: Callable[[], Scheme],
                 push: Callable[[SchemeOp, Path], object]) -> None:
        self.parent = parent
        self.scheme = scheme  # the draft as it stands
        self.push = push
        self.label = QPushButton(tr("Add a label…"))
        self.attribute = QPushButton(tr("Add an attribute…"))
        self.value = QPushButton(tr("Add a value…"))
        self.relation = QPushButton(tr("Add a relation type…"))
        for name, button in (("addLabel", self.label), ("addAttribute", self.attribute),
                             ("addValue", self.value), ("addRelation", self.relation)):
            button.setObjectName(name)
        self.buttons = (self.label, self.attribute, self.value, self.relation)
        self.label.clicked.connect(self.add_label)
        self.attribute.clicked.connect(self.add_attribute)
        self.value.clicked.connect(self.add_value)
        self.relation.clicked.connect(self.add_relation)
        self.path: Path | None = None

    def follow(self, path: Path | None) -> None:
        self.path = path
        self.attribute.setEnabled(path is not None)
        self.value.setEnabled(path is not None and path[0] in ("attribute", "value"))

    def add_label(self) -> None:
        scheme = self.scheme()
        values = _ask(self.parent, tr("Add a label"), [
            ("name", tr("Machine name (Latin letters, e.g. EVENT)"), ""),
            ("names.ar", tr("Arabic name"), ""), ("names.en", tr("English name"), ""),
            ("hotkey", tr("Key"), free_hotkey(scheme))])
        if values is None:
            return
        used = {label.color for label in scheme.labels}
        colour = next((c for c in NEW_COLOURS if c not in used), NEW_COLOURS[0])
        self.push(AddLabel(values["name"], colour, values["hotkey"] or None,
                                  names=_names(values)), ("label", values["name"]))

    def add_attribute(self) -> None:
        if self.path is None:
            return
        owner = self.path[1]
        values = _ask(self.parent, tr("Add an attribute to {owner}", owner=owner), [
            ("name", tr("Machine name (e.g. kind)"), ""),
            ("names.ar", tr("Arabic name"), ""), ("names.en", tr("English name"), ""),
            ("values", tr("Values, separated by commas"), "")])
        if values is None:
            return
        self.push(AddAttribute(owner, values["name"], _list(values["values"]),
                                      names=_names(values)),
                         ("attribute", owner, values["name"]))

    def add_value(self) -> None:
        if self.path is None or self.path[0] not in ("attribute", "value"):
            return
        owner, attribute = self.path[1], self.path[2]
        values = _ask(self.parent, tr("Add a value to {attribute}", attribute=attribute), [
            ("name", tr("Machine name"), ""), ("names.ar", tr("Arabic name"), ""),
            ("names.en", tr("English name"), ""), ("hotkey", tr("Key"), "")])
        if values is None:
            return
        self.push(AddValue(owner, attribute, values["name"], values["hotkey"] or None,
                                  names=_names(values)),
                         ("value", owner, attribute, values["name"]))

    def add_relation(self) -> None:
        roles = self.scheme().claim_roles
        values = _ask(self.parent, tr("Add a relation type"), [
            ("name", tr("Machine name (e.g. RELAYED_BY)"), ""),
            ("names.ar", tr("Arabic name"), ""), ("names.en", tr("English name"), ""),
            ("from", tr("From labels, separated by commas"), roles.label if roles else ""),
            ("to", tr("To labels, separated by commas"), ""), ("hotkey", tr("Key"), "")])
        if values is None:
            return
        self.push(AddRelation(values["name"], _list(values["from"]), _list(values["to"]),
                                     values["hotkey"] or None, names=_names(values)),
                         ("relation", values["name"]))
