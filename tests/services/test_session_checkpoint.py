"""The session moves saved edits into the project file itself (the desk's idle checkpoint),
and says how many rows its connection wrote, so the desk knows when one is due."""

from __future__ import annotations

import shutil

from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.team_data import add_articles


def test_a_checkpoint_puts_every_saved_edit_in_the_file(tmp_path):
    path = tmp_path / "p.tawsim"
    store = ProjectStore.create(path)
    try:
        add_articles(store, 2)
        session = AnnotationSession(store, "amal")
        written = session.changed_rows
        session.add_span("a000", 0, 3, "WEAPON")
        assert session.changed_rows > written
        assert session.checkpoint()
        copy = shutil.copyfile(path, tmp_path / "copy.tawsim")  # the file alone
        with ProjectStore.open(copy) as alone:
            assert [s.label for s in alone.spans("a000", "amal")] == ["WEAPON"]
    finally:
        store.close()


def test_a_closed_project_needs_no_checkpoint(tmp_path):
    store = ProjectStore.create(tmp_path / "p.tawsim")
    session = AnnotationSession(store, "amal")
    store.close()  # closed elsewhere, under a session still held (a panel, a test)
    assert session.checkpoint() is True
    assert session.changed_rows == 0
