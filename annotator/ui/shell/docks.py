"""Where the panels go in the window, decided in one place.

Documents on the leading side, spans on the other with the selected span's details under
them (and the help as a tab beside the details, hidden at first); the claims table under the
article; the search panel as a tab over the documents; the predictions, curation and
agreement panels, the first time each opens, as a tab at the foot of the window; the Team
panel likewise, hidden at first. Side panels keep the window's full height
(the bottom corners belong to them), so the claims table takes width only from under the
article, which stays the centre of the window. Dock areas do not follow the layout
direction, so the mirrored (Arabic) layout swaps the sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QVBoxLayout, QWidget

DOCK_WIDTH = 340  # wide enough for the columns of both lists
CLAIMS_HEIGHT = 240
DETAILS_HEIGHT = 420


@dataclass
class DeskDocks:
    documents: QDockWidget
    spans: QDockWidget
    details: QDockWidget
    claims: QDockWidget
    help: QDockWidget
    search: QDockWidget
    predictions: QDockWidget
    team: QDockWidget
    curation: QDockWidget
    agreement: QDockWidget
    feedback: QDockWidget


def article_column(header: QWidget, article: QWidget, find_bar: QWidget) -> QWidget:
    """The window's centre: the header, the article (taking the height), the find bar."""
    centre = QWidget()
    column = QVBoxLayout(centre)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(header)
    column.addWidget(article, 1)
    column.addWidget(find_bar)
    return centre


def place_docks(window: QMainWindow, docks: DeskDocks) -> None:
    leading, trailing = Qt.DockWidgetArea.LeftDockWidgetArea, \
        Qt.DockWidgetArea.RightDockWidgetArea
    if window.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        leading, trailing = trailing, leading
    window.addDockWidget(leading, docks.documents)
    window.addDockWidget(trailing, docks.spans)
    for corner, area in ((Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
                         (Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)):
        window.setCorner(corner, area)
    window.addDockWidget(trailing, docks.details)
    window.splitDockWidget(docks.spans, docks.details, Qt.Orientation.Vertical)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks.claims)
    window.addDockWidget(trailing, docks.help)
    window.tabifyDockWidget(docks.details, docks.help)
    docks.details.raise_()
    docks.help.hide()
    window.addDockWidget(leading, docks.search)
    window.tabifyDockWidget(docks.documents, docks.search)
    docks.documents.raise_()
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks.predictions)
    docks.predictions.hide()
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks.curation)
    docks.curation.hide()
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks.agreement)
    docks.agreement.hide()
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks.feedback)
    docks.feedback.hide()
    # The Team panel is placed when it is first shown (place_when_first_shown): tabified
    # hidden, it would leave a stray tab bar behind once another panel joins the claims.
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks.team)
    docks.team.hide()


def size_docks(window: QMainWindow, docks: DeskDocks) -> None:
    """Give the panels room on the first run (later runs restore what the user chose)."""
    window.resizeDocks([docks.documents, docks.spans], [DOCK_WIDTH, DOCK_WIDTH],
                       Qt.Orientation.Horizontal)
    window.resizeDocks([docks.claims], [CLAIMS_HEIGHT], Qt.Orientation.Vertical)
    rest = max(window.height() - DETAILS_HEIGHT - 120, 200)
    window.resizeDocks([docks.spans, docks.details], [rest, DETAILS_HEIGHT],
                       Qt.Orientation.Vertical)


def place_when_first_shown(window: QMainWindow, dock: QDockWidget) -> None:
    """The first time the user shows `dock` from the View menu, it goes to the foot of the
    window as a tab (place_at_the_foot); after that the user's arrangement stands."""
    placed = False

    def first(shown: bool) -> None:
        nonlocal placed
        if shown and not placed and not dock.isFloating():
            placed = True
            place_at_the_foot(window, dock)

    dock.toggleViewAction().triggered.connect(first)


def place_at_the_foot(window: QMainWindow, dock: QDockWidget) -> None:
    """A panel's first place: a tab over the other panels at the foot of the window (so the
    prediction's article gets the width), two fifths of the window high."""
    area = window.dockWidgetArea(dock)
    others = [other for other in window.findChildren(QDockWidget)
              if other is not dock and not other.isFloating() and not other.isHidden()
              and window.dockWidgetArea(other) == area]
    if others:
        window.tabifyDockWidget(others[0], dock)
    dock.show()
    dock.raise_()
    window.resizeDocks([dock], [int(window.height() * 0.4)], Qt.Orientation.Vertical)
