"""What the desk tells a person whose action failed: one line, never a traceback.

Refusals arrive as TawsimError. The storage engine and the system raise their own exceptions
for failures a person causes too: a busy, damaged or read-only project, a full disk, a folder
without rights. `user_error` turns each into its one-line TawsimError, through
services.projects.as_user_error, and covers the system's errors that one leaves to its
callers (a full disk or a read-only disk met while writing an export or a copy). Anything
else is a bug: None says so, and the caller lets it escape.

`user_message` says the error in the interface's language: a refusal written as a template
(core.phrases) is looked up in the catalogue and filled with its fields, after the same
`path:line: ` place; one written as plain English stays English.
"""

from __future__ import annotations

import errno
from pathlib import Path

from annotator.core.errors import TawsimError, translatable
from annotator.services.projects import as_user_error
from annotator.ui.common.i18n import tr, trn

# The system's errors a person can cause and can act on, in the desk's words.
SYSTEM_ERRORS = {
    errno.ENOSPC: translatable("the disk is full; nothing was written"),
    errno.EDQUOT: translatable("the disk quota is used up; nothing was written"),
    errno.EFBIG: translatable("the file would be too large for this disk; nothing was written"),
    errno.EROFS: translatable("the disk is read-only; nothing was written"),
    errno.EACCES: translatable("permission denied"),
    errno.EPERM: translatable("permission denied"),
    errno.ENOENT: translatable("no such file or folder"),
    errno.ENOTDIR: translatable("a folder on the way is a file"),
    errno.EEXIST: translatable("a file or folder of that name is in the way"),
    errno.EISDIR: translatable("this is a folder, not a file"),
    errno.ENAMETOOLONG: translatable("the name is too long for this disk"),
    errno.EIO: translatable("the disk could not be read or written (a disk error)"),
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
    """`user_error` as the text a message box or the status bar shows, in the interface's
    language."""
    translated = user_error(error, path)
    return None if translated is None else said(translated)


def said(error: TawsimError, *, placed: bool = True) -> str:
    """The one line of `error` in the interface's language (English where the catalogue or
    the error has no translation); without `placed`, what is wrong without the file and
    line (as `error.message` is in English)."""
    message = error.message if error.phrase is None else " ".join(
        error.phrase.fill(tr, trn).split())
    return error.placed(message) if placed else message
