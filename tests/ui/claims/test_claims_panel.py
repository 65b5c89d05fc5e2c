"""The claims panel: conflicting claims side by side with their sources, stances and the
entities inside them; it follows every edit, sorts, and jumps to a claim. And the help."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.services.guidelines import guide_html
from annotator.ui.common import i18n
from tests.scheme_texts import CONFLICTING, LAUNCH_MOSUL, LAUNCH_ZUMMAR
from tests.ui.desk_helpers import mark, press


def rows(window) -> list[tuple[str, ...]]:
    model = window.claims_desk.claims.model
    return [tuple(model.index(row, column).data() for column in range(4))
            for row in range(model.rowCount())]


def test_conflicting_claims_side_by_side(qtbot, make_project, open_desk):
    window = open_desk(make_project(CONFLICTING)).window
    desk, view, panel = window.desk, window.view, window.claims_desk.claims
    security = mark(qtbot, window, "مصدر أمني", Qt.Key.Key_2)
    official = mark(qtbot, window, "مسؤولًا محليًا", Qt.Key.Key_2)
    mark(qtbot, window, "الموصل", Qt.Key.Key_1)
    mark(qtbot, window, "زمار", Qt.Key.Key_1)
    zummar = mark(qtbot, window, LAUNCH_ZUMMAR, Qt.Key.Key_4)
    mosul = mark(qtbot, window, LAUNCH_MOSUL, Qt.Key.Key_4)
    assert rows(window) == [
        (LAUNCH_MOSUL, "(no source)", "(not set)", "الموصل"),
        (LAUNCH_ZUMMAR, "(no source)", "(not set)", "زمار"),
    ]
    assert panel.summary.text() == "Claims: 2 · without a source: 2 · without a stance: 2"
    for claim, source in ((mosul, security), (zummar, official)):
        view.set_selected_span(claim.id)
        desk.link("SOURCE", claim.id, source.id)
        press(qtbot, view, Qt.Key.Key_A)
    assert rows(window) == [
        (LAUNCH_MOSUL, "مصدر أمني", "Asserted", "الموصل"),
        (LAUNCH_ZUMMAR, "مسؤولًا محليًا", "Asserted", "زمار"),
    ]
    assert panel.summary.text() == "Claims: 2"
    # An entity marked inside a claim joins its row.
    mark(qtbot, window, "الصواريخ", Qt.Key.Key_3)
    assert rows(window)[0][3] == "الصواريخ · الموصل"
    # Sorted by source; a double-click goes to the claim in the article.
    panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [r[1] for r in rows(window)] == ["مصدر أمني", "مسؤولًا محليًا"]
    index = panel.model.index(1, 0)
    panel.table.scrollTo(index)
    where = panel.table.visualRect(index).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert view.selected_span_id != zummar.id  # a click only chooses the row
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert view.selected_span_id == zummar.id and view.hasFocus()
    # Removing a claim removes its row; F9 goes to the list.
    with qtbot.waitSignal(desk.spansChanged):
        press(qtbot, view, Qt.Key.Key_Delete)
    assert [r[0] for r in rows(window)] == [LAUNCH_MOSUL]
    press(qtbot, view, Qt.Key.Key_F9)
    assert panel.table.hasFocus()


def test_f1_shows_the_guidelines_in_arabic(qtbot, make_project, open_desk):
    window = open_desk(make_project(CONFLICTING), language="ar").window
    try:
        hub = window.scheme_desk
        assert not hub.help_dock.isVisible()
        press(qtbot, window.view, Qt.Key.Key_F1)
        assert hub.help_dock.isVisible()
        text = hub.help.browser.toPlainText()
        assert "يربط الادعاء بقائله" in text  # SOURCE's definition, in the project's words
        assert "نفت الوزارة وقوع أي إصابات" in text  # the Arabic example of "denied"
        assert "مفاتيح" in text  # the keys section
        assert hub.help.browser.toHtml().count("<h") >= \
            guide_html(window.desk.scheme, "ar").count("<h")
        press(qtbot, window.view, Qt.Key.Key_F1)
        assert not hub.help_dock.isVisible()
    finally:
        i18n.set_language("en")
