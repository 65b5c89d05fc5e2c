"""The predictions panel only appears when the project has another layer to compare with."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.compare.test_predictions import CTRL_SHIFT, project_with_predictions


def test_a_single_layer_project_hides_the_predictions_panel(qtbot, tmp_path, make_project,
                                                           open_desk):
    desk = open_desk(project_with_predictions(tmp_path))
    window = desk.window
    qtbot.keyClick(window.view, Qt.Key.Key_P, CTRL_SHIFT)
    hub = window.comparison_desk
    assert hub.dock.isVisible() and hub.compare.isEnabled()
    window.close()  # the window's layout is saved with the panel open
    desk.close()
    window = open_desk(make_project("مقال وحيد في مشروع جديد.")).window
    hub = window.comparison_desk
    assert not hub.dock.isVisible()
    assert not hub.compare.isEnabled()
    assert "no other layer" in hub.compare.statusTip()
    qtbot.keyClick(window.view, Qt.Key.Key_P, CTRL_SHIFT)
    assert not hub.dock.isVisible()
