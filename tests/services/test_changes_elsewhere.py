"""What a session hears at its next look: other connections' commits, never its own edits.

A desk's own edit of the open document must not look like news when a background job or
another program later commits something else (that would read the whole document and the
document list again after every edit); an edit another connection made to the same
document is news even when this session wrote to it afterwards.
"""

from __future__ import annotations

import pytest

from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from tests.services.review_data import find
from tests.services.team_data import add_articles, article


@pytest.fixture
def opened():
    """Every project a test opens, closed after it."""
    projects: list = []
    yield projects
    for project in projects:
        project.close()


def two_sessions(tmp_path, opened):
    path = tmp_path / "p.tawsim"
    project = ProjectStore.create(path)
    add_articles(project, 3)
    here = AnnotationSession(project, "amal")
    there = AnnotationSession(open_project(path), "amal")
    opened.extend([project, there.project])
    here.annotations("a000")
    assert here.changes_elsewhere("a000") is None
    return here, there


def test_own_edits_are_not_news_when_others_write_elsewhere(tmp_path, opened):
    here, there = two_sessions(tmp_path, opened)
    here.add_span("a000", *find(article(0), "حلب"), "LOCATION")
    there.add_span("a001", *find(article(1), "حلب"), "LOCATION")  # another document
    change = here.changes_elsewhere("a000")
    assert change is not None and change.documents and not change.document
    assert here.changes_elsewhere("a000") is None


def test_an_edit_elsewhere_of_the_same_document_is_news_after_an_own_edit(tmp_path, opened):
    here, there = two_sessions(tmp_path, opened)
    there.add_span("a000", *find(article(0), "مدفعي"), "WEAPON")
    here.add_span("a000", *find(article(0), "حلب"), "LOCATION")  # after theirs
    change = here.changes_elsewhere("a000")
    assert change is not None and change.document
