"""A project edited by another process that is then killed, as a crash leaves it: the edits
since the last checkpoint sit in the journal (-wal) beside the file.

`crashed_project(path, copy_to=..., checkpoint_at=...)` runs the work in a child process
and returns once it has died. The child imports 300 articles, adds 50 spans, checkpoints,
optionally copies the project file alone to `copy_to` (the older copy a person keeps), then
adds 50 more spans, checkpointing again after the `checkpoint_at`th of those. The tables
span several pages, so a journal replayed into the older copy would mix pages of two
states (with one-page tables every page is in the journal and the mix is the newer state).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHILD = r"""
import os, shutil, sys
from pathlib import Path
from annotator.core.records import DocumentRecord, prepare_record
from annotator.services.projects import checkpoint, init_project
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport

path, copy_to, checkpoint_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = init_project(path)
with BulkImport(store, actor="t", source="t") as bulk:
    for i in range(DOCUMENTS):
        text = f"قال المتحدث {i} إن الطريق مفتوح " * 20
        bulk.add(prepare_record(DocumentRecord(text=text, id=f"d{i}"), store.scheme))
session = AnnotationSession(store, "amal")
for i in range(BEFORE):
    session.add_span(f"d{i}", 0, 3, "ACTOR")
assert checkpoint(store)
if copy_to:
    shutil.copyfile(path, copy_to)
for i in range(AFTER):
    session.add_span(f"d{BEFORE + i}", 0, 3, "ACTOR")
    if i + 1 == checkpoint_at:
        assert checkpoint(store)
os._exit(0)
"""

DOCUMENTS = 300
BEFORE = 50  # spans in the project when it is copied
AFTER = 50  # spans added after that


def crashed_project(path: Path, *, copy_to: Path | None = None, checkpoint_at: int = 0) -> None:
    script = (CHILD.replace("DOCUMENTS", str(DOCUMENTS)).replace("BEFORE", str(BEFORE))
              .replace("AFTER", str(AFTER)))
    subprocess.run([sys.executable, "-c", script, str(path), str(copy_to or ""),
                    str(checkpoint_at)], check=True, capture_output=True)
