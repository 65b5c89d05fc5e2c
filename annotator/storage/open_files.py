"""Which project files this process has open, so that opening one again (the desk's
background jobs open the file on their own connection) skips the checks it passed already.

Files are told apart by device and inode, not by path, so a second path to the same file
(a symbolic link, another spelling) counts as the same file.
"""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

__all__ = ["file_identity", "forget_open", "is_open_here", "remember_open"]


def file_identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


# Each file's open projects, held weakly: a project dropped without close() (whose
# connection Python then closes) no longer counts, so a later file that happens to get the
# same inode number is still checked.
_open_here: dict[tuple[int, int], weakref.WeakSet[object]] = {}
_open_here_lock = threading.Lock()


def is_open_here(identity: tuple[int, int]) -> bool:
    """Whether this process already has the file open (then it was checked when opened, and
    the journal beside it is this process's own)."""
    with _open_here_lock:
        return bool(_open_here.get(identity))


def remember_open(identity: tuple[int, int], owner: object) -> None:
    """`owner` (an open project) has the file open until forget_open or its collection."""
    with _open_here_lock:
        _open_here.setdefault(identity, weakref.WeakSet()).add(owner)


def forget_open(identity: tuple[int, int], owner: object) -> None:
    with _open_here_lock:
        owners = _open_here.get(identity)
        if owners is not None:
            owners.discard(owner)
            if not owners:
                del _open_here[identity]
