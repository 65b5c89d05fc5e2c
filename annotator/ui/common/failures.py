"""What the desk tells a person whose action failed: one line, never a traceback.

Refusals arrive as TawsimError. The storage engine and the system raise their own exceptions
for failures a person causes too: a busy, damaged or read-only project, a full disk, a folder
without rights. `user_error` turns each into its one-line TawsimError, through
services.projects.as_user_error, and covers the system's errors that one leaves to its
callers (a full disk or a read-only disk met while writing an export or a copy). Anything
else is a bug: None says so, and the caller lets it escape.
"""

from __future__ import annotations

import errno
from pathlib import Path

from annotator.core.errors import TawsimError
from annotator.services.projects import as_user_error

# The system's errors a person can cause and can act on, in the desk's words.
SYSTEM_ERRORS = {
    errno.ENOSPC: "the disk is full; nothing was written",
    errno.EDQUOT: "the disk quota is used up; nothing was written",
    errno.EFBIG: "the file would be too large for this disk; nothing was written",
    errno.EROFS: "the disk is read-only; nothing was written",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a folder on the way is a file",
    errno.EEXIST: "a file or folder of that name is in the way",
    errno.EISDIR: "this is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long for this disk",
    errno.EIO: "the disk could not be read or written (a disk error)",
}


def user_error(error: BaseException, path: str | Path | None = None) -> TawsimError | None:
    """The one-line error behind `error` (placed at `path` when it names no file itself), or
    None when it is a bug."""
    if isinstance(error, TawsimError):
        return error
    translated = as_user_error(error, path)
    if translated is not None:
        return translated
    if isinstance(error, OSError) and error.errno in SYSTEM_ERRORS:
        where = error.filename if error.filename is not None else path
        return TawsimError(SYSTEM_ERRORS[error.errno],
                           path=None if where is None else str(where))
    return None


def user_message(error: BaseException, path: str | Path | None = None) -> str | None:
    """`user_error` as the text a message box or the status bar shows."""
    translated = user_error(error, path)
    return None if translated is None else str(translated)
