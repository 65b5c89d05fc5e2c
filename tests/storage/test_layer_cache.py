"""A layer made in a transaction that rolls back is not remembered: the next write that
names it makes it again instead of pointing at a layer that is not there."""

from __future__ import annotations

import orjson
import pytest

from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from annotator.storage.database import write_transaction

TEXT = "قالت مصادر محلية إن قذائف سقطت قرب الموصل"


def test_a_layer_rolled_back_is_made_again_by_the_next_import(tmp_path):
    project = ProjectStore.create(tmp_path / "p.tawsim")
    try:
        with pytest.raises(RuntimeError), write_transaction(project.db):
            project.ensure_layer("amal")
            raise RuntimeError("a later step of the same edit fails")
        assert project.layer_id("amal") is None
        start = TEXT.index("الموصل")
        path = tmp_path / "a.jsonl"
        path.write_bytes(orjson.dumps({
            "id": "d1", "text": TEXT, "layer": "amal",
            "spans": [{"id": "s1", "start": start, "end": start + 6, "label": "LOCATION",
                       "text": "الموصل"}]}) + b"\n")
        import_paths(project, [str(path)], actor="tester")
        layer = project.layer_id("amal")
        assert layer is not None
        assert project.conn.execute("SELECT layer FROM span").fetchall() == [(layer,)]
        assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        project.close()


def test_a_committed_layer_is_remembered(tmp_path):
    project = ProjectStore.create(tmp_path / "p.tawsim")
    try:
        made = project.ensure_layer("basel")
        assert project.layer_id("basel") == made
        assert project._layer_ids == {"basel": made}
    finally:
        project.close()
