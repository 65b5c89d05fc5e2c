"""Editing the project's scheme: labels (name, colour, key, style, names, definitions),
attributes and their values, relation types and the labels they connect.

Changes are collected in a draft and tried at once on the scheme in memory; the effect on the
stored annotations is previewed as they are made (how many would be renamed, deleted or
cleared). Apply runs them all through the scheme service in one transaction; a change that
would delete annotations asks first, and without consent nothing is changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import SchemeError
from annotator.core.scheme_edits import SchemeOp
from annotator.services.scheme import SchemeChangeRefused, SchemeChangeReport
from annotator.ui.common.failures import said
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import warn
from annotator.ui.common.session import DeskSession
from annotator.ui.scheme.adding import AddButtons
from annotator.ui.scheme.counts import ask_to_delete, describe_report
from annotator.ui.scheme.draft import (
    Path,
    SchemeDraft,
    merge_op,
    merge_targets,
    op_for,
    remove_op,
    usage_counts,
)
from annotator.ui.scheme.forms import SchemeItemForm
from annotator.ui.scheme.tree import SchemeTree


class SchemeDialog(QDialog):
    def __init__(self, parent: QWidget, desk: DeskSession) -> None:
        super().__init__(parent)
        self.setObjectName("schemeDialog")
        self.setWindowTitle(tr("The project's scheme"))
        self.resize(980, 640)
        self.desk = desk
        self.draft = SchemeDraft(desk.scheme)
        self.usage = desk.scheme_usage()
        self.report: SchemeChangeReport | None = None  # what Apply did
        self.tree = SchemeTree()
        self.form = SchemeItemForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.adding = AddButtons(self, lambda: self.draft.scheme, self.push)
        self.remove = QPushButton(tr("Remove"))
        self.remove.setObjectName("removeItem")
        self.merge = QPushButton(tr("Merge into…"))
        self.merge.setObjectName("mergeItem")
        self.merge.setToolTip(tr("Move its annotations to another item of the same kind, "
                                 "then remove it: nothing is deleted."))
        self.undo = QPushButton(tr("Undo the last change"))
        self.undo.setObjectName("undoChange")
        self.preview = QLabel()
        self.preview.setObjectName("schemePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tree)
        row = QHBoxLayout()
        for button in (*self.adding.buttons, self.merge, self.remove):
            row.addWidget(button)
        column.addLayout(row)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([520, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.preview)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        # Enter finishes a field here; it must not press a button (a QDialog presses its
        # first button on Enter otherwise).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.tree.pathChosen.connect(self._chosen)
        self.form.edited.connect(self._edited)
        self.remove.clicked.connect(self._remove)
        self.merge.clicked.connect(self._merge)
        self.undo.clicked.connect(self._undo)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self._refresh(None)

    # -- the draft -------------------------------------------------------------------------

    def push(self, op: SchemeOp, select: Path | None) -> bool:
        """Add a change to the draft; a refused one is explained and leaves the draft."""
        try:
            self.draft.push(op)
        except SchemeError as error:
            self.preview.setText(tr("Not possible: {reason}", reason=said(error, placed=False)))
            QTimer.singleShot(0, lambda: self._refresh(self.tree.current_path()))
            return False
        QTimer.singleShot(0, lambda: self._refresh(select))
        return True

    def _edited(self, path: Path, key: str, value: object) -> None:
        op = op_for(self.draft.scheme, path, key, value)
        select = (*path[:-1], str(value)) if key == "name" else path
        self.push(op, select)

    def _remove(self) -> None:
        path = self.tree.current_path()
        if path is not None:
            self.push(remove_op(path), path[:-1] if len(path) > 2 else None)

    def _merge(self) -> None:
        path = self.tree.current_path()
        targets = merge_targets(self.draft.scheme, path) if path else []
        if not targets:
            return
        into, accepted = QInputDialog.getItem(
            self, tr("Merge into…"), tr("Merge {name} into:", name=path[-1]), targets, 0,
            False)
        if accepted and into:
            self.push(merge_op(path, into), (*path[:-1], into))

    def _undo(self) -> None:
        self.draft.undo()
        self._refresh(self.tree.current_path())

    def _chosen(self, path: Path | None) -> None:
        self.form.show_item(self.draft.scheme, path)
        self.remove.setEnabled(path is not None)
        self.merge.setEnabled(bool(path) and bool(merge_targets(self.draft.scheme, path)))
        self.adding.follow(path)

    def _refresh(self, select: Path | None) -> None:
        """Show the drafted scheme and what applying it would do."""
        usage = usage_counts(self.draft, self.usage.spans, self.usage.relations,
                             self.usage.values)
        self.tree.show_scheme(self.draft.scheme, usage, select)
        self._chosen(self.tree.current_path())
        self.undo.setEnabled(bool(self.draft.ops))
        self.apply_button.setEnabled(bool(self.draft.ops))
        if not self.draft.ops:
            self.preview.setText(tr("No changes yet. Choose an item to edit it."))
            return
        try:
            report = self.desk.preview_scheme_change(self.draft.ops)
        except SchemeError as error:
            self.preview.setText(tr("Not possible: {reason}", reason=said(error, placed=False)))
            return
        self.preview.setText(describe_report(report, applied=False))

    # -- applying --------------------------------------------------------------------------

    def apply(self) -> None:
        if not self.draft.ops:
            return
        try:
            try:
                self.report = self.desk.change_scheme(self.draft.ops)
            except SchemeChangeRefused as refused:
                if not ask_to_delete(self, refused):
                    self.preview.setText(tr("Nothing was changed.") + " " + str(refused))
                    return
                self.report = self.desk.change_scheme(self.draft.ops, delete=True)
        except SchemeError as error:
            warn(self, tr("The scheme was not changed"), said(error))
            return
        self.accept()
