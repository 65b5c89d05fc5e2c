"""Writing a file or a folder of files atomically: under a hidden temporary name beside the
target, renamed into place only once complete.

A failed or cancelled export removes its temporary file; one killed outright cannot, so each
write first clears what killed runs left for the same target (core.partfiles says how a
leftover is told from another export still running).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import TawsimError
from annotator.core.partfiles import OLD, PART, clear_stale_parts, part_prefix

EXPORT_MARKER = ".tawsim-export"


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


@contextlib.contextmanager
def atomic_output(path: Path, mode: str = "wb") -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path` and move it into place only on success,
    so a failed or cancelled export never leaves a half-written dataset behind."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TawsimError("the output folder does not exist", path=str(path))
    clear_stale_parts(folder, path.name)
    fd, temporary = tempfile.mkstemp(prefix=part_prefix(path.name), suffix=PART, dir=folder)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes it private; a dataset is not
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def atomic_folder(path: Path, recognise: Callable[[Path], bool] | None = None
                  ) -> Iterator[Path]:
    """Build a folder of files beside `path` and move it into place only on success.

    An existing folder is replaced only when Tawsim wrote it: it holds the marker file, or
    `recognise` (for a format whose files say so themselves) knows it; any other non-empty
    folder is refused, so an export never deletes someone's files. With `recognise` no
    marker is written: readers such as Polars take every file of a folder for data.
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise TawsimError("the output folder's parent does not exist", path=str(path))
    if path.exists():
        if not path.is_dir():
            raise TawsimError("the output exists and is not a folder", path=str(path))
        if (any(path.iterdir()) and not (path / EXPORT_MARKER).exists()
                and not (recognise is not None and recognise(path))):
            raise TawsimError("the output folder is not empty and was not written by Tawsim; "
                              "choose a new folder", path=str(path))
    clear_stale_parts(parent, path.name)
    building = Path(tempfile.mkdtemp(prefix=part_prefix(path.name), suffix=PART, dir=parent))
    try:
        building.chmod(0o777 & ~_umask())
        yield building
        if recognise is None:
            (building / EXPORT_MARKER).write_text("written by tawsim export\n",
                                                  encoding="utf-8")
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=part_prefix(path.name), suffix=OLD, dir=parent))
            os.replace(path, old / path.name)
            os.replace(building, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(building, path)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
