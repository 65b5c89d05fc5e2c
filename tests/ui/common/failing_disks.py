"""Disks that refuse writes, as a person meets them, for tests that run as root.

Root writes into read-only folders anyway, and a test cannot fill a disk. So:
- `read_only_folder(monkeypatch, folder)`: creating a file in `folder` fails with EACCES, as
  for a user without rights there (os.open is what open(), tempfile and the backup use);
- `full_disk(monkeypatch)`: every write to a file opened from Python fails with ENOSPC, as
  on a full disk (os.fdopen, open() and Path.write_* all go through io.open).
SQLite writes through its own calls, so the project file is untouched by both.
"""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any


def read_only_folder(monkeypatch: Any, folder: Path) -> None:
    real_open = os.open
    creating = os.O_CREAT | os.O_WRONLY | os.O_RDWR

    def opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        inside = isinstance(path, (str, os.PathLike)) and \
            Path(os.fspath(path)).resolve().parent == folder.resolve()
        if inside and flags & creating:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", opening)


class _FullFile:
    """A file whose writes fail as on a full disk; everything else is the real file's."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def writelines(self, lines: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __iter__(self) -> Any:
        return iter(self._real)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def full_disk(monkeypatch: Any) -> None:
    real_open = io.open

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return _FullFile(handle) if any(flag in mode for flag in "wxa+") else handle

    monkeypatch.setattr(io, "open", opening)
    monkeypatch.setattr("builtins.open", opening)
