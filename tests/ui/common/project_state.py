"""What a project holds, read on a connection of its own, to check that a refusal changed
nothing: documents, layers, every layer's spans and links, statuses, and the audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.model import relation_as_dict, span_as_dict
from annotator.storage import ProjectStore


def project_state(path: Path) -> dict[str, Any]:
    with ProjectStore.open(path) as store:
        layers = [layer.name for layer in store.layers()]
        documents = {}
        for doc_id in store.document_ids():
            document = store.document(doc_id)
            per_layer = {}
            for layer in layers:
                annotations = store.annotations(doc_id, layer)
                per_layer[layer] = (
                    sorted((span_as_dict(s) for s in annotations.spans), key=str),
                    sorted((relation_as_dict(r) for r in annotations.relations), key=str),
                    store.status(doc_id, layer))
            documents[doc_id] = (document.text, document.title, per_layer)
        return {"layers": layers, "documents": documents, "name": store.meta("name"),
                "scheme": store.meta("scheme"), "audit": len(store.audit_trail())}
