"""Where an annotator starts: the document they had open, unless it is done or gone."""

from __future__ import annotations

from annotator.core.model import Status
from tests.services.test_session_status import _session


def test_resume_prefers_the_last_document_unless_done_or_gone(project):
    session = _session(project)
    assert session.resume_document() == "d0"
    assert session.resume_document("d1") == "d1"
    session.set_status("d1", Status.DONE)
    assert session.resume_document("d1") == "d0"
    assert session.resume_document("no-such-document") == "d0"
