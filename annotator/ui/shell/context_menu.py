"""The article's context menu: label the selection, or change the span under the mouse."""

from __future__ import annotations

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from annotator.core.scheme import Scheme
from annotator.ui.article.editing import EditController
from annotator.ui.common.i18n import language, tr
from annotator.ui.shell.actions import DeskActions


def build_context_menu(actions: DeskActions, editor: EditController,
                       scheme: Scheme | None) -> QMenu:
    a, view = actions, editor.view
    menu = QMenu(view)
    menu.addActions(list(a.labels.values()))
    # With text selected, the menu is about the selection (the labels make it a span), not
    # about a span selected before it.
    span = None if view.textCursor().hasSelection() else view.selected_span()
    if span is not None and scheme is not None:
        menu.addSeparator()
        menu.addAction(a.delete_span)
        label = scheme.label(span.label)
        for attribute in label.attributes:
            sub = menu.addMenu(attribute.display(language()))
            group = QActionGroup(sub)
            for value in (None, *attribute.values):
                text = value.display(language()) if value is not None else tr("(not set)")
                action = sub.addAction(text)
                action.setCheckable(True)
                group.addAction(action)
                name = value.name if value is not None else None
                action.setChecked(span.attrs.get(attribute.name) == name)
                action.triggered.connect(
                    lambda _=False, n=attribute.name, v=name: editor.set_attribute(n, v))
    menu.addSeparator()
    copy = menu.addAction(tr("Copy"))
    copy.setEnabled(view.textCursor().hasSelection())
    copy.triggered.connect(view.copy)
    return menu
