"""Temporary files written beside a file until it is complete, and clearing the ones a killed
run left behind.

An export, a report or a project copy is written under a hidden temporary name in the
target's folder and renamed into place only once complete, so a failure never leaves a
half-written file under the real name. A process that is killed cannot remove its temporary
file; the next run writing the same name does. The writer's process id is part of the name
(`.NAME.PID-` then eight random letters, then `.part`), so a file whose writer is still
running (another export to the same place) is left alone. Names from before the process id
was added are cleared once untouched for an hour.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import time
from pathlib import Path

PART = ".part"  # a file or folder being written
OLD = ".old"  # a folder's previous version, set aside while the new one moves in
LEGACY_AGE = 3600.0  # seconds untouched before a part without a process id counts as stale


def part_prefix(target_name: str) -> str:
    """The start of this process's temporary names for `target_name` (for mkstemp)."""
    return f".{target_name}.{os.getpid()}-"


def _pattern(target_name: str) -> re.Pattern[str]:
    # What mkstemp and mkdtemp add is letters, digits and underscores; SQLite's own files
    # beside a temporary project copy end in -journal, -wal or -shm.
    return re.compile(rf"\.{re.escape(target_name)}\.(?:(\d+)-)?\w+(?:\{PART}|\{OLD})"
                      r"(?:-journal|-wal|-shm)?")


def writer_is_gone(pid: int) -> bool:
    """Whether no process with this id runs on this machine (False when it cannot be told:
    on Windows, where signal 0 is not a harmless probe)."""
    if pid == os.getpid():
        return False
    if sys.platform == "win32":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists but belongs to someone else
        return False
    return False


def stale_parts(folder: Path, target_name: str, *, now: float | None = None) -> list[Path]:
    """The temporary files and folders for `target_name` in `folder` that killed runs left."""
    pattern = _pattern(target_name)
    now = time.time() if now is None else now
    found = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        path = folder / name
        if match.group(1) is not None and writer_is_gone(int(match.group(1))):
            found.append(path)
            continue
        try:
            untouched = now - path.lstat().st_mtime
        except OSError:
            continue
        if match.group(1) is None and untouched > LEGACY_AGE:
            found.append(path)
    return found


def clear_stale_parts(folder: Path, target_name: str) -> list[Path]:
    """Remove what `stale_parts` finds; returns what was removed."""
    removed = []
    for path in stale_parts(folder, target_name):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed
