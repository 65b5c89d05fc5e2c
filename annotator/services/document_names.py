"""Documents as the lead names them on the command line: by id, title or file name.

`resolve_documents(project, ["a01.txt", "01a2…"])` gives the ids, refusing in one line a
name that names no document or several (listing them). `document_labels` gives what is
printed beside an id where documents are listed: the title, shortened, else the file name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.commands.summary import shorten
from annotator.core.errors import TawsimError
from annotator.storage import ProjectStore
from annotator.storage.document_names import NamedDocument, document_names, documents_named

LABEL_LENGTH = 40  # characters of a title shown beside an id
CANDIDATES = 5  # documents listed when a name is ambiguous


def label_of(document: NamedDocument) -> str:
    """A document as a person recognises it: its title (shortened), else its file name."""
    return shorten(document.title, LABEL_LENGTH) if document.title.strip() else document.filename


def _candidate(document: NamedDocument) -> str:
    extra = [part for part in (document.filename, shorten(document.title, 30)) if part]
    return document.id + (f" ({', '.join(extra)})" if extra else "")


def resolve_documents(project: ProjectStore, names: Sequence[str]) -> list[str]:
    """The ids of the documents `names` name (an id, a title or an imported file name), in
    the order given, each once; one line for a name that names none or several."""
    found = documents_named(project, [name.strip() for name in names])
    ids: list[str] = []
    for name in names:
        matches = found[name.strip()]
        if not matches:
            raise TawsimError(f"the project has no document {name!r} (by id, title or file "
                              "name)", path=str(project.path))
        if len(matches) > 1:
            listed = "; ".join(_candidate(item) for item in matches[:CANDIDATES])
            more = len(matches) - CANDIDATES
            raise TawsimError(f"{name!r} names {len(matches)} documents: {listed}"
                              + (f"; and {more} more" if more > 0 else "")
                              + "; name one by its id", path=str(project.path))
        ids.append(matches[0].id)
    return list(dict.fromkeys(ids))


def document_labels(project: ProjectStore, doc_ids: Iterable[str]) -> dict[str, str]:
    """Document id -> its title (shortened) or file name, for the ids the project has."""
    return {doc_id: label_of(document)
            for doc_id, document in document_names(project, doc_ids).items()}


def describe_document(document: NamedDocument) -> str:
    """One document for a message: 'a01.txt' «its title…» (id), with what it has."""
    parts = [repr(document.filename)] if document.filename else []
    if document.title.strip():
        parts.append(f"«{shorten(document.title, LABEL_LENGTH)}»")
    return " ".join([*parts, f"({document.id})"]) if parts else repr(document.id)


def document_named(project: ProjectStore, doc_id: str) -> str:
    """describe_document for the document `doc_id` (its id alone if there is none)."""
    document = document_names(project, [doc_id]).get(doc_id)
    return repr(doc_id) if document is None else describe_document(document)
