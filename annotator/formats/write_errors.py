"""A failed write as one line naming the file: a full disk is a user's situation, not a bug.

Every format writes through atomic.atomic_output or atomic.atomic_folder, which turn an OSError
(a full disk, an exhausted quota, a file too large for the file system, a read-only file
system, a refused permission, ...) into a TawsimError naming the file, after removing what
was half written.
"""

from __future__ import annotations

import errno
from pathlib import Path

from annotator.core.errors import TawsimError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than the file system allows",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
}


def write_failure(exc: OSError, path: Path | str, folder: Path | None = None) -> TawsimError:
    """`exc` as one line. `path` is the output; inside a folder being built (`folder`), the
    file that failed is named by its place in the output."""
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    named = Path(path)
    if folder is not None and exc.filename:
        failed = Path(str(exc.filename))
        if failed.is_relative_to(folder):
            named = named / failed.relative_to(folder)
    return TawsimError(f"cannot write the export: {reason}", path=str(named))
