"""Two kinds of failure: a user's bad input (TawsimError, one line) and bugs (anything else).

Every message a user sees names the file, and the line when there is one, so that
`path:line: what is wrong` can be read in a terminal, a dialog or a log alike.
"""

from __future__ import annotations


def readable_path(path: str) -> str:
    """A path as text that can be stored and shown. A file name that is not UTF-8 (Arabic
    names in Windows-1256 from a zip made on Windows) reaches Python with its bytes as lone
    surrogates, which SQLite, JSON and a terminal refuse: they become U+FFFD instead."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name gives; still never refused
        return path.encode("utf-8", "replace").decode("utf-8")


class TawsimError(Exception):
    """Bad input or a refused action. `str()` is one line fit to show a user as it is."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = " ".join(message.split())  # one line, whatever the caller built
        self.path = path
        self.line = line

    def located(self, path: str | None, line: int | None = None) -> TawsimError:
        """The same error, placed in a file (and line) if it was not placed yet."""
        if self.path is None:
            self.path = path
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = readable_path(self.path) if self.path else ""
        if self.path and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class DecodeError(TawsimError):
    """A file whose bytes are not text in a supported encoding."""


class SchemeError(TawsimError):
    """A label scheme that is malformed, or an annotation the scheme does not allow."""


class InvariantError(TawsimError):
    """An annotation that breaks the offset contract (bounds, covered text, relation ends)."""


class ProjectError(TawsimError):
    """A project file that cannot be opened or used (not Tawsim's, too new, locked).
    `detail`: SQLite's own account of a damaged file, for a bug report."""

    detail: str | None = None
