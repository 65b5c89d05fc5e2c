"""Links in the article: S then a click, refusals with the scheme's message, Esc, the links
panel (go to, change, delete), and the marks over the text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from annotator.ui.claims import link_marks
from annotator.ui.shell.context_menu import build_context_menu
from tests.scheme_texts import CONFLICTING, DENIAL, DENIER
from tests.ui.desk_helpers import click_words, layer_state, mark, press, visible


@pytest.fixture
def marked(qtbot, make_project, open_desk):
    """The report with two actors, a place, a weapon and the denial marked."""
    project = make_project(CONFLICTING)
    window = open_desk(project).window
    spans = {
        "channel": mark(qtbot, window, "قناة محلية", Qt.Key.Key_2),
        "denier": mark(qtbot, window, DENIER, Qt.Key.Key_2),
        "mosul": mark(qtbot, window, "الموصل", Qt.Key.Key_1),
        "weapon": mark(qtbot, window, "طائرات حربية", Qt.Key.Key_3),
        "claim": mark(qtbot, window, DENIAL, Qt.Key.Key_4),
    }
    return project, window, spans


def relations(project, window):
    return [(r["type"], r["head"], r["tail"]) for r in layer_state(project, window.doc_id)[1]]


def test_s_then_a_click_on_the_actor_links_it(qtbot, marked):
    project, window, spans = marked
    view, hub = window.view, window.claims_desk
    press(qtbot, view, Qt.Key.Key_S)
    assert hub.linking.active
    assert hub.linking.picker.span_ids() == [spans["denier"].id, spans["channel"].id]
    # A place is refused with the scheme's own words; the mode stays for another try.
    click_words(qtbot, view, "الموصل")
    assert "a SOURCE relation goes from CLAIM to ACTOR, not from CLAIM to LOCATION" in \
        window.status.currentMessage()
    assert hub.linking.active and relations(project, window) == []
    assert view.selected_span_id == spans["claim"].id  # the click selected nothing
    with qtbot.waitSignal(window.desk.spansChanged):
        click_words(qtbot, view, "قناة محلية")
    assert relations(project, window) == [("SOURCE", spans["claim"].id, spans["channel"].id)]
    assert not hub.linking.active and view.selected_span_id == spans["claim"].id


def test_esc_cancels_and_other_spans_start_no_source(qtbot, marked):
    project, window, spans = marked
    view, hub = window.view, window.claims_desk
    press(qtbot, view, Qt.Key.Key_S)
    press(qtbot, hub.linking.picker.list, Qt.Key.Key_Escape)
    assert not hub.linking.active and not hub.linking.picker.isVisible()
    assert window.status.currentMessage() == "Linking cancelled."
    press(qtbot, view, Qt.Key.Key_S)
    press(qtbot, view, Qt.Key.Key_Escape)  # from the article too
    assert not hub.linking.active
    view.set_selected_span(spans["weapon"].id)
    press(qtbot, view, Qt.Key.Key_S)
    assert not hub.linking.active
    assert window.status.currentMessage() == ("A span of Weapon starts no Source link: Source "
                                              "links go from Claim to Actor.")
    # Asked directly, the desk refuses a SOURCE from a weapon to a place with the message.
    assert window.desk.link("SOURCE", spans["weapon"].id, spans["mosul"].id) is None
    assert window.status.currentMessage() == ("a SOURCE relation goes from CLAIM to ACTOR, "
                                              "not from WEAPON to LOCATION")
    assert relations(project, window) == []
    view.set_selected_span(None)
    press(qtbot, view, Qt.Key.Key_S)
    assert window.status.currentMessage() == "Select a span first: click it, or press Tab."


def test_the_links_panel_goes_to_changes_and_deletes(qtbot, marked):
    project, window, spans = marked
    view, hub = window.view, window.claims_desk
    panel = hub.link_panel
    claim, channel, denier = spans["claim"], spans["channel"], spans["denier"]
    link = window.desk.link("SOURCE", claim.id, channel.id)
    assert visible(panel.list.item(0).text()) == "Source: قناة محلية"

    # Change…: the list offers the other actor; Enter re-points the same link.
    qtbot.mouseClick(panel.change, Qt.MouseButton.LeftButton)
    assert hub.linking.picker.span_ids() == [denier.id]
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, hub.linking.picker.list, Qt.Key.Key_Return)
    assert relations(project, window) == [("SOURCE", claim.id, denier.id)]
    assert layer_state(project, window.doc_id)[1][0]["id"] == link.id
    assert visible(panel.list.item(0).text()) == f"Source: {DENIER}"

    # Go to: the source is selected, and its panel names the claim it is the source of.
    qtbot.mouseClick(panel.go, Qt.MouseButton.LeftButton)
    assert view.selected_span_id == denier.id
    assert visible(panel.list.item(0).text()) == f"Source of: {DENIAL}"
    assert hub.marks.outlined == {claim.id}

    # Del in the list removes the link (not the span); Ctrl+Z brings it back.
    panel.list.setFocus()
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, panel.list, Qt.Key.Key_Delete)
    assert relations(project, window) == []
    assert denier.id in view.index and hub.marks.outlined == set()
    assert panel.empty.isVisible() and panel.list.count() == 0
    view.setFocus()
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert relations(project, window) == [("SOURCE", claim.id, denier.id)]
    assert hub.marks.outlined == {claim.id}


def test_deleting_a_linked_span_takes_its_link_and_undo_restores_both(qtbot, marked):
    project, window, spans = marked
    view, hub = window.view, window.claims_desk
    window.desk.link("SOURCE", spans["claim"].id, spans["denier"].id)
    view.set_selected_span(spans["denier"].id)
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, view, Qt.Key.Key_Delete)
    assert relations(project, window) == [] and len(hub.links) == 0
    view.set_selected_span(spans["claim"].id)
    assert hub.marks.outlined == set() and hub.link_panel.list.count() == 0
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert relations(project, window) == [("SOURCE", spans["claim"].id, spans["denier"].id)]
    view.set_selected_span(spans["claim"].id)
    assert hub.marks.outlined == {spans["denier"].id}


def test_the_link_marks_are_painted_over_the_article(qtbot, marked):
    _, window, spans = marked
    view, hub = window.view, window.claims_desk
    window.desk.link("SOURCE", spans["claim"].id, spans["denier"].id)
    view.set_selected_span(spans["claim"].id)
    assert hub.marks.geometry() == view.viewport().geometry()
    rects = hub.marks.visible_rects()
    assert set(rects) == {spans["claim"].id, spans["denier"].id}
    image = hub.marks.grab().toImage()
    # The outline is drawn around the source, in the link colour.
    box = rects[spans["denier"].id][0].toRect()
    edge = image.pixelColor(box.center().x(), box.top())
    assert edge.red() > 120 and edge.green() < 120


def test_a_link_end_off_screen_gets_a_tag_at_the_edge(qtbot, make_project, open_desk):
    filler = "\n".join(f"سطر فاصل رقم {n}" for n in range(120))
    window = open_desk(make_project(f"قال {DENIER}:\n{filler}\n{DENIAL}\n")).window
    actor = mark(qtbot, window, DENIER, Qt.Key.Key_2)
    claim = mark(qtbot, window, DENIAL, Qt.Key.Key_4)
    window.desk.link("SOURCE", claim.id, actor.id)
    view, marks = window.view, window.claims_desk.marks
    view.set_selected_span(claim.id, reveal=True)
    rects = marks.visible_rects()
    assert claim.id in rects
    (tag,) = marks.edge_tags(rects, marks.fontMetrics())
    assert tag[1] == f"▲ {DENIER}" and tag[0].top() < 10  # the source is above
    view.set_selected_span(actor.id, reveal=True)
    (tag,) = marks.edge_tags(marks.visible_rects(), marks.fontMetrics())
    assert tag[1].startswith("▼ وجود أي طائرات") and tag[0].bottom() > marks.height() - 10


def test_the_annotate_menu_and_the_context_menu_offer_the_link(qtbot, marked):
    project, window, spans = marked
    view, hub = window.view, window.claims_desk
    link = hub.actions.links["SOURCE"]
    assert link.text() == "&Link Source…\tS" and link.isEnabled()
    assert link in window.annotate_menu.actions()
    menu = build_context_menu(window.actions_, window.editor, window.desk.scheme)
    hub.extend_context_menu(menu)
    texts = [action.text() for action in menu.actions()]
    assert texts.index("&Link Source…\tS") < texts.index("Copy")
    assert "Write a &note on the span" in texts
    link.trigger()
    assert hub.linking.active
    with qtbot.waitSignal(window.desk.spansChanged):
        press(qtbot, hub.linking.picker.list, Qt.Key.Key_Return)
    assert relations(project, window) == [("SOURCE", spans["claim"].id, spans["denier"].id)]
    view.set_selected_span(spans["mosul"].id)
    assert not link.isEnabled()  # a place starts no SOURCE link
    menu.deleteLater()


def test_an_arch_between_spans_on_the_top_line_stays_in_view(qapp):
    """A claim and its source on the first line in view: the arch between them is drawn
    inside the view's top edge, not cut off above it."""
    image = QImage(400, 60, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    link_marks._arrow(painter, QRectF(300, 4, 80, 30), QRectF(20, 4, 80, 30))
    painter.end()
    middle = 200
    painted = [y for y in range(image.height())
               if image.pixelColor(middle, y) != Qt.GlobalColor.white]
    assert painted and min(painted) >= 0 and max(painted) < 10
