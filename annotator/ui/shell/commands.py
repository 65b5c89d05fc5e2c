"""What the window's actions do: documents, zoom, language, projects, import and export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from annotator import __version__
from annotator.core.model import Status
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import status_name
from annotator.ui.common.plurals import new_documents
from annotator.ui.export.dialog import ExportDialog
from annotator.ui.export.run import ExportRun
from annotator.ui.importing import transfer
from annotator.ui.shell import dialogs

if TYPE_CHECKING:
    from annotator.ui.shell.window import MainWindow


class WindowCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def connect_actions(self) -> None:
        w, a, editor = self.window, self.window.actions_, self.window.editor
        a.new_project.triggered.connect(self.new_project)
        a.open_project.triggered.connect(self.open_project)
        a.import_files.triggered.connect(lambda: self.import_paths(
            dialogs.choose_import_files(w, Path.home())))
        a.import_folder.triggered.connect(lambda: self.import_paths(
            dialogs.choose_import_folder(w, Path.home())))
        a.export.triggered.connect(self.export)
        a.quit.triggered.connect(w.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(editor.redo)
        a.delete_span.triggered.connect(editor.delete_selected)
        a.snap_words.setChecked(editor.snap_to_words)
        a.snap_words.toggled.connect(self.set_snap_words)
        for action, edge, step, unit in (
            (a.extend_start, "start", -1, "char"), (a.shrink_start, "start", 1, "char"),
            (a.extend_end, "end", 1, "char"), (a.shrink_end, "end", -1, "char"),
            (a.extend_start_word, "start", -1, "word"), (a.shrink_start_word, "start", 1, "word"),
            (a.extend_end_word, "end", 1, "word"), (a.shrink_end_word, "end", -1, "word"),
        ):
            action.triggered.connect(
                lambda _=False, e=edge, s=step, u=unit: editor.nudge(e, s, u))
        a.next_span.triggered.connect(lambda: self.step_span(1))
        a.previous_span.triggered.connect(lambda: self.step_span(-1))
        a.next_document.triggered.connect(lambda: self.step_document(1))
        a.previous_document.triggered.connect(lambda: self.step_document(-1))
        a.mark_done.triggered.connect(self.toggle_done)
        a.focus_article.triggered.connect(
            lambda: w.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        a.focus_documents.triggered.connect(w.documents.focus_list)
        a.focus_spans.triggered.connect(w.spans.focus_list)
        a.focus_filter.triggered.connect(self.focus_filter)
        a.zoom_in.triggered.connect(lambda: self.zoom(1))
        a.zoom_out.triggered.connect(lambda: self.zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self.zoom(0))
        a.language[w.settings.language].setChecked(True)
        for code, action in a.language.items():
            action.triggered.connect(lambda _=False, c=code: w.languageRequested.emit(c))
        a.shortcuts.triggered.connect(w.show_shortcuts)
        a.guide.triggered.connect(self.show_guide)
        a.about.triggered.connect(self.about)
        w.view.hotkeyPressed.connect(self.hotkey)

    def connect_labels(self) -> None:
        for name, action in self.window.actions_.labels.items():
            action.triggered.connect(lambda _=False, n=name: self.window.editor.label(n))

    # -- annotating ------------------------------------------------------------------------

    def hotkey(self, key: str) -> None:
        """A digit typed on a layout whose digit keys are not ASCII (Arabic-Indic digits)."""
        for action in self.window.actions_.labels.values():
            if any(k.toString() == key for k in action.shortcuts()) and action.isEnabled():
                action.trigger()
                return

    def set_snap_words(self, on: bool) -> None:
        self.window.editor.snap_to_words = on
        self.window.settings.snap_to_words = on

    def step_span(self, step: int) -> None:
        view = self.window.view
        current = view.selected_span_id
        if current:
            neighbour = view.index.neighbour(current, step)
        else:
            position = view.cursor_position()
            neighbour = view.index.after(position - 1) if step > 0 \
                else view.index.before(position)
        if neighbour is not None:
            view.set_selected_span(neighbour.id, reveal=True)

    # -- documents -------------------------------------------------------------------------

    def step_document(self, step: int) -> None:
        w = self.window
        if w.desk is None or w.doc_id is None:
            return
        target = w.documents.neighbour(w.doc_id, step) or w.desk.next_document(w.doc_id, step)
        if target is None:
            w.status.say(tr("This is the last document.") if step > 0
                         else tr("This is the first document."))
            return
        w.open_document(target)
        w.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_done(self) -> None:
        """Done moves on to the next document; on a done document it reopens it."""
        w = self.window
        if w.desk is None or w.doc_id is None:
            return
        if w.desk.status(w.doc_id) in (Status.DONE, Status.REVIEWED):
            w.desk.set_status(w.doc_id, Status.IN_PROGRESS)
            w.status.say(tr("Reopened: the document is in progress again."))
            return
        done = w.doc_id
        w.desk.set_status(done, Status.DONE)
        following = self._after_done(done)
        if following is None:
            w.status.say(tr("Marked as done; every document is done (Ctrl+Z undoes it)."))
            return
        w.status.say(tr("Marked as done (Ctrl+Z undoes it)."))
        w.open_document(following)
        w.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        w.undo_behind = done
        w.update_actions()

    def _after_done(self, done: str) -> str | None:
        """The next document in the list; after the last, the first one not done yet."""
        w = self.window
        assert w.desk is not None
        following = w.documents.neighbour(done, 1) or w.desk.next_document(done, 1)
        if following is None:
            unfinished = w.desk.resume_document()
            if unfinished != done and unfinished is not None and \
                    w.desk.status(unfinished) not in (Status.DONE, Status.REVIEWED):
                following = unfinished
        return following

    def undo(self) -> None:
        """Undo the open document's last edit. Once it has none left, and Done has just
        brought the annotator here, Undo goes back to that document and reopens it."""
        w = self.window
        if w.desk is None or w.doc_id is None:
            return
        behind = w.undo_behind
        if w.desk.undo_steps(w.doc_id)[0] is None and behind is not None:
            w.open_document(behind)
            w.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        step = w.desk.undo_steps(w.doc_id)[0]
        w.editor.undo()
        if step is not None and step.verb == "mark":
            w.status.say(tr("Undone: the document is no longer marked {status}.",
                            status=status_name(Status(step.status)).lower()))

    def focus_filter(self) -> None:
        self.window.documents_dock.show()
        self.window.documents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.window.documents.search.selectAll()

    def zoom(self, step: int) -> None:
        settings = self.window.settings
        settings.zoom = 0 if step == 0 else max(-6, min(settings.zoom + step, 30))
        self.window.view.set_zoom(settings.zoom)

    # -- projects --------------------------------------------------------------------------

    def new_project(self) -> None:
        path = dialogs.choose_new_project(self.window, self.window.recent_folder())
        if path is not None:
            self.window.newProjectRequested.emit(str(path))

    def open_project(self) -> None:
        path = dialogs.choose_project(self.window, self.window.recent_folder())
        if path is not None:
            self.window.projectRequested.emit(str(path))

    def refresh_recent(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        for path in self.window.settings.recent_projects:
            action = menu.addAction(str(path))
            action.triggered.connect(
                lambda _=False, p=str(path): self.window.projectRequested.emit(p))
        menu.setEnabled(not menu.isEmpty())

    def import_paths(self, paths: list[Path]) -> None:
        w = self.window
        if w.desk is None or not paths:
            return
        added = transfer.import_articles(w, w.desk, paths)
        if added is not None:
            w.status.say(tr("Imported {documents}.", documents=new_documents(added)))

    def export(self) -> None:
        w = self.window
        if w.desk is None:
            return
        dialog = ExportDialog(w, w.desk, dialogs.documents_folder(),
                              dialogs.file_stem(w.desk.name))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        if choice is not None:
            ExportRun(w, choice).start()  # off the window's thread; it reports when done

    # -- help ------------------------------------------------------------------------------

    def show_guide(self) -> None:
        """F1: the help panel with the project's guidelines (F1 again hides it)."""
        self.window.claims_desk.commands.show_help()

    def about(self) -> None:
        QMessageBox.about(self.window, tr("About Tawsim"),
                          tr("Tawsim {version}: an offline annotator for Arabic news.",
                             version=__version__))
