"""Small helpers the claims panels share."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def show_if(widget: QWidget, visible: bool) -> None:
    """Show or hide `widget` only when that changes: the panels follow every selection, and
    telling Qt again costs a layout pass each time."""
    if widget.isHidden() == visible:
        widget.setVisible(visible)
