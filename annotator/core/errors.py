"""Two kinds of failure: a user's bad input (TawsimError, one line) and bugs (anything else).

Every message a user sees names the file, and the line when there is one, so that
`path:line: what is wrong` can be read in a terminal, a dialog or a log alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from annotator.core.phrases import (
    CountedTemplate,
    Phrase,
    Template,
    translatable,
    translatable_plural,
)

__all__ = ["DecodeError", "InvariantError", "Phrase", "ProjectError", "SchemeError",
           "TawsimError", "readable_path", "translatable", "translatable_plural"]


def readable_path(path: str) -> str:
    """A path as text that can be stored and shown. A file name that is not UTF-8 (Arabic
    names in Windows-1256 from a zip made on Windows) reaches Python with its bytes as lone
    surrogates, which SQLite, JSON and a terminal refuse: they become U+FFFD instead."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name gives; still never refused
        return path.encode("utf-8", "replace").decode("utf-8")


class TawsimError(Exception):
    """Bad input or a refused action. `str()` is one line fit to show a user as it is.

    `message` is plain English, or a template marked with `translatable()` or
    `translatable_plural()` filled from `fields` (or a Phrase, both in one): then `phrase`
    keeps them, so that the desk can say the message in its language (core.phrases)."""

    def __init__(self, message: str | CountedTemplate | Phrase, *,
                 fields: Mapping[str, object] | None = None, path: str | None = None,
                 line: int | None = None) -> None:
        self.phrase: Phrase | None = None
        if isinstance(message, Phrase):
            self.phrase = message if fields is None else Phrase(message.template,
                                                                {**message.fields, **fields})
        elif isinstance(message, Template | CountedTemplate) or fields is not None:
            self.phrase = Phrase(message, dict(fields or {}))
        english = str(message if self.phrase is None else self.phrase)
        super().__init__(english)
        self.message = " ".join(english.split())  # one line, whatever the caller built
        self.path = path
        self.line = line

    @property
    def said(self) -> Phrase | str:
        """What the error says without its place: the Phrase when it has one, to wrap in
        another message as a field."""
        return self.phrase if self.phrase is not None else self.message

    def reword(self, template: str | CountedTemplate, **fields: object) -> TawsimError:
        """The same error (same place), its message wrapped in `template`, whose `problem`
        field is what it said so far ("document {id}: {problem}")."""
        self.phrase = Phrase(template, {**fields, "problem": self.said})
        self.message = " ".join(str(self.phrase).split())
        self.args = (self.message,)
        return self

    def located(self, path: str | None, line: int | None = None) -> TawsimError:
        """The same error, placed in a file (and line) if it was not placed yet."""
        if self.path is None:
            self.path = path
        if self.line is None:
            self.line = line
        return self

    def placed(self, message: str) -> str:
        """`message` after the error's place, `path:line: message`, as `str()` shows it."""
        where = readable_path(self.path) if self.path else ""
        if self.path and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {message}" if where else message

    def __str__(self) -> str:
        return self.placed(self.message)


class DecodeError(TawsimError):
    """A file whose bytes are not text in a supported encoding."""


class SchemeError(TawsimError):
    """A label scheme that is malformed, or an annotation the scheme does not allow."""


class InvariantError(TawsimError):
    """An annotation that breaks the offset contract (bounds, covered text, relation ends)."""


class ProjectError(TawsimError):
    """A project file that cannot be opened or used (not Tawsim's, too new, locked)."""
