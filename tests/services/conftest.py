import pytest

from annotator.core.records import DocumentRecord, prepare_record
from annotator.storage import BulkImport
from tests.search_texts import REPORT, SECOND, THIRD


def add_documents(project, documents):
    with BulkImport(project, actor="t", source="test") as bulk:
        for doc_id, text in documents:
            bulk.add(prepare_record(DocumentRecord(text=text, id=doc_id), project.scheme))


@pytest.fixture
def reports(project):
    add_documents(project, [("r1", REPORT), ("r2", SECOND), ("r3", THIRD)])
    return project
