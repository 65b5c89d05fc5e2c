"""Writing a file or a folder of files atomically: under a hidden temporary name beside the
target, renamed into place only once complete.

A failed or cancelled export removes its temporary file; one killed outright cannot, so each
write first clears what killed runs left for the same target (core.partfiles says how a
leftover is told from another export still running). A write the system refuses (a full
disk, a quota, a read-only file system...) is one line naming the file (write_errors). A
target that is no regular file (/dev/stdout, a named pipe) cannot be renamed over: the output
is built in a temporary file elsewhere and copied into it once complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import TawsimError
from annotator.core.partfiles import OLD, PART, clear_stale_parts, part_prefix
from annotator.formats.write_errors import write_failure

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
    if is_special(path):
        with _through_temporary(path, mode) as handle:
            yield handle
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TawsimError("the output folder does not exist", path=str(path))
    clear_stale_parts(folder, path.name)
    try:
        fd, temporary = tempfile.mkstemp(prefix=part_prefix(path.name), suffix=PART,
                                         dir=folder)
    except OSError as exc:
        raise write_failure(exc, path) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes it private; a dataset is not
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):  # a full disk and the like: one line naming the file
            raise write_failure(exc, path) from None
        raise


def is_special(path: Path) -> bool:
    """Whether `path` exists and is neither a regular file nor a folder (a device such as
    /dev/stdout or /dev/null, a named pipe, a socket): renaming a file over it would replace
    the device itself when the user may do so."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def _through_temporary(path: Path, mode: str) -> Iterator[IO[Any]]:
    """Build the output in an anonymous temporary file, then copy it into `path` (a device
    or a pipe), so a refused export sends nothing."""
    text = {} if "b" in mode else {"encoding": "utf-8"}
    try:
        with tempfile.TemporaryFile(mode="w+b" if "b" in mode else "w+", **text) as building:
            yield building
            building.seek(0)
            with open(path, "wb" if "b" in mode else "w", **text) as target:
                shutil.copyfileobj(building, target)
    except OSError as exc:
        raise write_failure(exc, path) from None


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
    try:
        building = Path(tempfile.mkdtemp(prefix=part_prefix(path.name), suffix=PART,
                                         dir=parent))
    except OSError as exc:
        raise write_failure(exc, path) from None
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
    except BaseException as exc:
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(exc, OSError):
            raise write_failure(exc, path, building) from None
        if isinstance(exc, TawsimError) and exc.path and Path(exc.path).is_relative_to(building):
            # A part written inside the hidden folder (a split's train.jsonl) is named by its
            # place in the output, never by the folder the person never sees.
            exc.path = str(path / Path(exc.path).relative_to(building))
        raise
