"""Documents with titles and file names, as an import of a folder of articles leaves them,
for the tests of the lead's review."""

from annotator.core.records import DocumentRecord, prepare_record
from annotator.storage import BulkImport

SAME_TITLE = "خبر مكرر"


def add_named(project, documents):
    """Add (id, text, title, filename) documents; an empty title or file name is left out."""
    with BulkImport(project, actor="t", source="test") as bulk:
        for doc_id, text, title, filename in documents:
            meta = {"title": title} if title else {}
            meta |= {"filename": filename} if filename else {}
            bulk.add(prepare_record(DocumentRecord(text=text, id=doc_id, meta=meta),
                                    project.scheme))
