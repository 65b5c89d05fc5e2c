"""Clearing leftovers never touches another target's temporary files, whatever the names."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.partfiles import OLD, PART, stale_parts

NAME_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\")
names = st.text(NAME_CHARACTERS, min_size=1, max_size=12).filter(
    lambda name: name not in {".", ".."} and len(name.encode()) < 120)
GONE = 2**22 + 12345  # above Linux's largest process id: never a running process


@settings(max_examples=60, deadline=None)
@given(mine=names, other=names, relation=st.sampled_from(["same", "longer", "shorter", "other"]),
       random=st.from_regex(r"[a-z0-9_]{8}", fullmatch=True),
       suffix=st.sampled_from([PART, OLD, PART + "-journal", PART + "-wal"]))
def test_only_the_targets_own_leftovers_are_found(mine, other, relation, random, suffix):
    theirs = {"same": mine, "longer": f"{mine}.{other}", "shorter": mine.split(".")[0] or other,
              "other": other}[relation]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        left = base / f".{theirs}.{GONE}-{random}{suffix}"
        left.write_bytes(b"x")
        found = stale_parts(base, mine, now=os.path.getmtime(left))
        assert found == ([left] if mine == theirs else [])
