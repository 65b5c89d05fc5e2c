"""View › Working layer: the layer the desk writes to, the annotator's own or a gold layer.

An adjudicator chooses the gold layer here (or starts the desk with `--layer gold`); every
edit then goes to it, with the adjudicator's name on it, and predictions are accepted into it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from annotator.services.adjudication import LayerChoice
from annotator.ui.common.i18n import tr
from annotator.ui.common.plain import isolated, menu_text, tooltip


class WorkingLayerMenu(QObject):
    layerChosen = Signal(str)

    def __init__(self, menu: QMenu) -> None:
        super().__init__(menu)
        self.menu = menu
        self.group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}

    def fill(self, choices: list[LayerChoice], current: str, annotator: str) -> None:
        for action in self.actions.values():
            self.group.removeAction(action)
            action.deleteLater()
        self.menu.clear()
        self.actions = {}
        names = [choice.name for choice in choices]
        if current not in names:
            choices = [*choices, LayerChoice(current, "annotator", True)]
        for choice in choices:
            if choice.name == annotator:
                text = tr("{layer}: your own layer", layer=isolated(menu_text(choice.name)))
            elif choice.kind != "gold":
                text = menu_text(choice.name)
            elif choice.exists:
                text = tr("{layer}: gold layer", layer=isolated(menu_text(choice.name)))
            else:
                text = tr("{layer}: a new gold layer", layer=isolated(menu_text(choice.name)))
            action = QAction(text, self.menu)
            action.setToolTip(tooltip(choice.name))  # not the text, which Qt might read as markup
            action.setCheckable(True)
            action.setChecked(choice.name == current)
            action.setObjectName(f"workIn:{choice.name}")
            action.triggered.connect(
                lambda _=False, name=choice.name: name != current and self.layerChosen.emit(name))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[choice.name] = action


def working_layer_menu(window: QWidget) -> tuple[QMenu, WorkingLayerMenu]:
    """View › Working layer, empty until a project opens."""
    menu = QMenu(tr("&Working layer"), window)
    menu.setObjectName("workingLayerMenu")
    return menu, WorkingLayerMenu(menu)
