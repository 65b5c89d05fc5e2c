"""What a feature of the desk may see and do, instead of the whole main window.

The shell makes one DeskContext and hands it to every feature's controller (claims, compare,
search, scheme, export, import). It holds:
- the session: the open project behind Qt signals (DeskSession), None before one opens;
- the open document (`doc_id`) and the article showing it (`view`), whose selected span is
  the desk's selection;
- the settings, the one runner for background jobs, and the widget that dialogs and window
  shortcuts belong to (`host`, a plain QWidget: a feature never reaches into the window);
- `say()`, a message in the status bar, and `open_document()`, a request the shell carries
  out (it opens the document in every panel, in order).

The shell keeps it current (`show_session`, `show_document`); features read it when they act
and follow the session's own signals for edits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from annotator.core.model import Span
from annotator.ui.article.view import ArticleView
from annotator.ui.common.background import JobRunner
from annotator.ui.common.session import DeskSession
from annotator.ui.common.settings import Settings


class DeskContext(QObject):
    documentRequested = Signal(str)  # a feature asks the shell to open a document
    selectionChanged = Signal(str)  # the selected span's id ("" when none)

    def __init__(self, host: QWidget, view: ArticleView, settings: Settings,
                 say: Callable[[str], None]) -> None:
        super().__init__(host)
        self.host = host
        self.view = view
        self.settings = settings
        self.runner = JobRunner(self)
        self.session: DeskSession | None = None
        self.doc_id: str | None = None
        self._say = say
        view.selectedSpanChanged.connect(self.selectionChanged)

    # -- what the shell keeps current --------------------------------------------------------

    def show_session(self, session: DeskSession | None) -> None:
        self.session = session
        self.doc_id = None

    def show_document(self, doc_id: str | None) -> None:
        self.doc_id = doc_id

    # -- what features use -------------------------------------------------------------------

    @property
    def has_document(self) -> bool:
        return self.session is not None and self.doc_id is not None

    def selected_span(self) -> Span | None:
        return self.view.selected_span()

    def project_folder(self) -> Path:
        """Where file pickers start: the open project's folder, else the home folder."""
        return self.session.path.parent if self.session is not None else Path.home()

    def say(self, message: str) -> None:
        """A short message for the user in the status bar."""
        self._say(message)

    def open_document(self, doc_id: str) -> None:
        """Show another document (the shell opens it in every panel)."""
        self.documentRequested.emit(doc_id)
