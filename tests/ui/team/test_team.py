"""The team on the desk: File › Work packages… writes one package per annotator, previewed
first, in the background; the Team panel shows each annotator's progress."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from annotator.services.adjudication import working_session
from annotator.services.identity import Person, package_identity
from annotator.services.packaging import make_packages
from annotator.services.projects import open_project
from annotator.ui.team.merge_preview import MergePreview
from annotator.ui.team.packages_dialog import PackagesDialog
from tests.ui.conftest import when_modal

ARTICLES = [f"قال المتحدث {n} إن القصف استهدف الموقع رقم {n} قرب الحدود." for n in range(10)]


def test_work_packages_from_the_desk(qtbot, make_project, open_desk, tmp_path):
    project = make_project(*ARTICLES)
    window = open_desk(project).window
    team = window.team_desk
    out = tmp_path / "packages"

    def fill(dialog: PackagesDialog) -> None:
        dialog.names.setText("أمل، basel")
        dialog.folder.setText(str(out))
        dialog.overlap.setValue(20)
        dialog.update_preview()
        assert "basel" in dialog.preview.text() and "أمل" in dialog.preview.text()
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        dialog.accept()

    when_modal(PackagesDialog, fill)
    written = when_modal(QMessageBox, lambda box: box.accept())
    team.make_packages()
    qtbot.waitUntil(lambda: not window.context.runner.busy, timeout=20_000)
    qtbot.waitUntil(lambda: bool(written), timeout=5_000)
    assert sorted(path.name for path in out.iterdir()) == ["basel.tawsim", "أمل.tawsim"]
    with open_project(out / "basel.tawsim") as package:
        assert 0 < package.count_documents() < len(ARTICLES)
    team.dock.show()
    team.refresh()
    table = team.panel.table
    names = sorted(table.item(row, 0).text() for row in range(table.rowCount()))
    assert "basel" in names and "أمل" in names
    assert team.panel.summary.text().endswith("0 of 2")  # 20% of 10 shared, none done yet


def test_a_refused_choice_cannot_be_accepted(qtbot, make_project, open_desk, tmp_path):
    window = open_desk(make_project(*ARTICLES)).window
    dialog = PackagesDialog(window, window.desk, tmp_path)
    dialog.names.setText("amal, AMAL")  # the same name twice
    dialog.update_preview()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "amal" in dialog.preview.text().lower()
    dialog.close()


def test_merging_annotators_work_from_the_desk(qtbot, make_project, open_desk, tmp_path):
    project = make_project(*ARTICLES)
    out = tmp_path / "packages"
    with open_project(project) as lead:
        make_packages(lead, out, ["amal", "basel"], overlap=0.2)
    for name, label in (("amal", "ACTOR"), ("basel", "LOCATION")):
        with open_project(out / f"{name}.tawsim") as package:
            person = package_identity(package)
            session = working_session(package, name, person=Person(person.person, name))
            doc = next(package.document_ids())
            text = package.document_text(doc)
            session.add_span(doc, text.index("المتحدث"), text.index("المتحدث") + 7, label)
    window = open_desk(project, annotator="lead").window
    team = window.team_desk
    previews = when_modal(MergePreview, lambda dialog: dialog.accept())
    merged = when_modal(QMessageBox, lambda box: box.accept())
    team.merging.start([out / "amal.tawsim", out / "basel.tawsim"], dry_run=True, force=False)
    qtbot.waitUntil(lambda: bool(merged), timeout=30_000)
    assert previews and "amal" in merged[0] and "basel" in merged[0]
    with open_project(project) as lead:
        layers = {layer.name for layer in lead.layers()}
        assert {"amal", "basel"} <= layers
    team.dock.show()
    team.refresh()
    table = team.panel.table
    merged_names = {table.item(row, 1).text() for row in range(table.rowCount())}
    assert {"amal", "basel"} <= merged_names  # each annotator's layer, merged back
