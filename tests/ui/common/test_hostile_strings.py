"""Text from files, paths and users is shown as text, everywhere: markup in a title, an
article, a note, a layer's or a person's name never renders, and bidirectional controls in
them never reorder the interface (nor, in a list, the title itself)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMenu, QMessageBox, QWidget

from annotator.services.importing import import_paths
from annotator.services.projects import init_project, open_project
from annotator.ui.common.plain import FSI, PDI
from tests.ui.conftest import when_modal

RLO = "\u202e"
# The markup our hostile strings carry, as written (escaped, it is harmless text).
MARKUP = ("<b>عنوان", "<img src=x>", "<i>صواريخ", "<u>ملاحظة", "<i>نموذج", "<b>amal")
TITLE = f"<b>عنوان</b> {RLO}مقلوب"
TEXT = f"قال <img src=x> الناطق {RLO}إن <i>صواريخ</i> سقطت قرب الجسر."
NOTE = "<u>ملاحظة</u>"
LAYER = "<i>نموذج</i>"


def hostile_project(folder: Path) -> Path:
    folder.mkdir()
    source = folder / "articles.jsonl"
    source.write_text(json.dumps({"id": "a1", "title": TITLE, "text": TEXT},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    path = folder / "hostile.tawsim"
    store = init_project(path)
    try:
        import_paths(store, [source], actor="setup")
    finally:
        store.close()
    return path


def every_text(root: QWidget) -> list[tuple[QWidget, str, str]]:
    """(widget, what, text) for the texts a user sees or hovers, item views' cells included."""
    found: list[tuple[QWidget, str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found.append((widget, "tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            found.append((widget, "label", widget.text()))
        if isinstance(widget, QMenu):
            found += [(widget, "menu", action.text()) for action in widget.actions()]
            found += [(widget, "menu tip", action.toolTip()) for action in widget.actions()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps columnCount to itself: one column
                columns = 1
            for row in range(min(model.rowCount(QModelIndex()), 50)):
                for column in range(columns):
                    index = model.index(row, column)
                    for role, what in ((Qt.ItemDataRole.DisplayRole, "cell"),
                                       (Qt.ItemDataRole.ToolTipRole, "cell tip")):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            found.append((widget, what, value))
    return [item for item in found if item[2]]


def renders_markup(widget: QWidget, what: str, text: str) -> bool:
    """Whether hostile markup would be drawn as markup rather than shown as text."""
    if not any(tag in text for tag in MARKUP):
        return False  # absent, or escaped (&lt;b&gt;)
    if what == "label":
        assert isinstance(widget, QLabel)
        return widget.textFormat() != Qt.TextFormat.PlainText
    return what in ("tooltip", "menu tip", "cell tip")  # Qt takes tags there for rich text


def test_hostile_strings_are_shown_as_text(qtbot, tmp_path, open_desk):
    project = hostile_project(tmp_path / "files")
    window = open_desk(project, annotator="<b>amal</b>").window
    desk = window.desk
    start = TEXT.index("الناطق")
    span = desk.add_span(window.doc_id, start, start + len("الناطق"), "ACTOR")
    desk.set_note(span.id, NOTE)
    claim_start = TEXT.index("إن")
    claim = desk.add_span(window.doc_id, claim_start, TEXT.index("."), "CLAIM")
    desk.link("SOURCE", claim.id, span.id)
    with open_project(project) as store:
        store.ensure_layer(LAYER)
    desk.notify_documents_added()
    window.claims_desk.claims_dock.show()
    window.claims_desk.fill_claims()
    window.view.set_selected_span(claim.id)
    window.claims_desk.start_link("SOURCE")  # the link picker lists the actor

    texts = every_text(window)
    assert any(TITLE.replace(RLO, "") in text for _, _, text in texts)  # the title is listed
    rendered = [f"{what}: {text!r}" for widget, what, text in texts
                if renders_markup(widget, what, text)]
    assert rendered == []
    reordering = [f"{what}: {text!r}" for _, what, text in texts if RLO in text]
    assert reordering == []  # a right-to-left override never reaches the screen
    status = window.status.layer.text()
    assert f"{FSI}<b>amal</b>{PDI}" in status  # a name set inside the desk's words
    window.claims_desk.linking.cancel()


def test_a_path_with_markup_is_refused_as_text(qtbot, tmp_path, open_desk, make_project):
    window = open_desk(make_project("خبر قصير.")).window
    folder = tmp_path / "<img src=x>"
    folder.mkdir()
    (folder / "bad.tawsim").write_text("not a project", encoding="utf-8")
    formats: list[Qt.TextFormat] = []

    def look(box: QMessageBox) -> None:
        formats.append(box.textFormat())
        box.accept()

    seen = when_modal(QMessageBox, look)
    window.projectRequested.emit(str(folder / "bad.tawsim"))
    qtbot.waitUntil(lambda: bool(formats))
    assert formats == [Qt.TextFormat.PlainText] and "<img src=x>" in seen[0]
    QApplication.processEvents()
