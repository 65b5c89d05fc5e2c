"""What the window's own actions do: edits and undo, moving between documents, Done, zoom,
language, projects, import and export. The features' actions are their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu, QMessageBox

from annotator import __version__
from annotator.core.model import Status
from annotator.ui.article.editing import EditController
from annotator.ui.common.i18n import tr
from annotator.ui.common.labels import status_name
from annotator.ui.common.plain import menu_text, tooltip
from annotator.ui.common.plurals import new_documents
from annotator.ui.context import DeskContext
from annotator.ui.documents.panel import DocumentPanel
from annotator.ui.export.dialog import ExportDialog
from annotator.ui.export.run import ExportRun
from annotator.ui.importing import transfer
from annotator.ui.shell import dialogs, save_copy
from annotator.ui.shell.actions import DeskActions
from annotator.ui.shell.settings_dialog import SettingsDialog


class WindowCommands(QObject):
    projectRequested = Signal(str)
    newProjectRequested = Signal(str)
    languageRequested = Signal(str)
    nameChanged = Signal(str)  # File › Settings gave the person a new name

    def __init__(self, window: QMainWindow, context: DeskContext, actions: DeskActions,
                 editor: EditController, documents: DocumentPanel,
                 documents_dock: QDockWidget, recent_menu: QMenu,
                 open_document: Callable[[str], None],
                 update_actions: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.actions = actions
        self.editor = editor
        self.documents = documents
        self.documents_dock = documents_dock
        self.recent_menu = recent_menu
        self.open_document = open_document
        self.update_actions = update_actions
        self.undo_behind: str | None = None  # the document Done has just left

    def connect_actions(self) -> None:
        w, a, editor, view = self.window, self.actions, self.editor, self.context.view
        a.new_project.triggered.connect(self.new_project)
        a.open_project.triggered.connect(self.open_project)
        a.import_files.triggered.connect(lambda: self.import_paths(
            dialogs.choose_import_files(w, Path.home())))
        a.import_folder.triggered.connect(lambda: self.import_paths(
            dialogs.choose_import_folder(w, Path.home())))
        a.export.triggered.connect(self.export)
        a.save_copy.triggered.connect(lambda: save_copy.save_a_copy(self.context))
        a.settings.triggered.connect(self.open_settings)
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
            lambda: view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        a.focus_documents.triggered.connect(self.documents.focus_list)
        a.focus_filter.triggered.connect(self.focus_filter)
        a.zoom_in.triggered.connect(lambda: self.zoom(1))
        a.zoom_out.triggered.connect(lambda: self.zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self.zoom(0))
        a.language[self.context.settings.language].setChecked(True)
        for code, action in a.language.items():
            action.triggered.connect(lambda _=False, c=code: self.languageRequested.emit(c))
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.about)
        view.hotkeyPressed.connect(self.hotkey)

    def connect_labels(self) -> None:
        for name, action in self.actions.labels.items():
            action.triggered.connect(lambda _=False, n=name: self.editor.label(n))

    # -- annotating ------------------------------------------------------------------------

    def hotkey(self, key: str) -> None:
        """A digit typed on a layout whose digit keys are not ASCII (Arabic-Indic digits)."""
        for action in self.actions.labels.values():
            if any(k.toString() == key for k in action.shortcuts()) and action.isEnabled():
                action.trigger()
                return

    def set_snap_words(self, on: bool) -> None:
        self.editor.snap_to_words = on
        self.context.settings.snap_to_words = on

    def step_span(self, step: int) -> None:
        view = self.context.view
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
        desk, doc_id = self.context.session, self.context.doc_id
        if desk is None or doc_id is None:
            return
        target = self.documents.neighbour(doc_id, step) or desk.next_document(doc_id, step)
        if target is None:
            self.context.say(tr("This is the last document.") if step > 0
                             else tr("This is the first document."))
            return
        self.open_document(target)
        self.context.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_done(self) -> None:
        """Done moves on to the next document; on a done document it reopens it."""
        desk, doc_id = self.context.session, self.context.doc_id
        if desk is None or doc_id is None:
            return
        if desk.status(doc_id) in (Status.DONE, Status.REVIEWED):
            desk.set_status(doc_id, Status.IN_PROGRESS)
            self.context.say(tr("Reopened: the document is in progress again."))
            return
        done = doc_id
        desk.set_status(done, Status.DONE)
        following = self._after_done(done)
        if following is None:
            self.context.say(tr("Marked as done; every document is done (Ctrl+Z undoes it)."))
            return
        self.context.say(tr("Marked as done (Ctrl+Z undoes it)."))
        self.open_document(following)
        self.context.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.undo_behind = done
        self.update_actions()

    def _after_done(self, done: str) -> str | None:
        """The next document in the list; after the last, the first one not done yet."""
        desk = self.context.session
        assert desk is not None
        following = self.documents.neighbour(done, 1) or desk.next_document(done, 1)
        if following is None:
            unfinished = desk.resume_document()
            if unfinished != done and unfinished is not None and \
                    desk.status(unfinished) not in (Status.DONE, Status.REVIEWED):
                following = unfinished
        return following

    def undo(self) -> None:
        """Undo the open document's last edit. Once it has none left, and Done has just
        brought the annotator here, Undo goes back to that document and reopens it."""
        desk, doc_id, behind = self.context.session, self.context.doc_id, self.undo_behind
        if desk is None or doc_id is None:
            return
        if desk.undo_steps(doc_id)[0] is None and behind is not None:
            self.open_document(behind)
            self.context.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            doc_id = behind
        step = desk.undo_steps(doc_id)[0]
        self.editor.undo()
        if step is not None and step.verb == "mark":
            self.context.say(tr("Undone: the document is no longer marked {status}.",
                                status=status_name(Status(step.status)).lower()))

    def focus_filter(self) -> None:
        self.documents_dock.show()
        self.documents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.documents.search.selectAll()

    def zoom(self, step: int) -> None:
        settings = self.context.settings
        settings.zoom = 0 if step == 0 else max(-6, min(settings.zoom + step, 30))
        self.context.view.set_zoom(settings.zoom)

    # -- projects --------------------------------------------------------------------------

    def new_project(self) -> None:
        path = dialogs.choose_new_project(self.window, self.context.project_folder())
        if path is not None:
            self.newProjectRequested.emit(str(path))

    def open_project(self) -> None:
        path = dialogs.choose_project(self.window, self.context.project_folder())
        if path is not None:
            self.projectRequested.emit(str(path))

    def refresh_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        for path in self.context.settings.recent_projects:
            action = menu.addAction(menu_text(str(path)))
            action.setToolTip(tooltip(str(path)))
            action.triggered.connect(
                lambda _=False, p=str(path): self.projectRequested.emit(p))
        menu.setEnabled(not menu.isEmpty())

    def import_paths(self, paths: list[Path]) -> None:
        desk = self.context.session
        if desk is None or not paths:
            return
        added = transfer.import_articles(self.window, desk, paths)
        # A refused or cancelled import replaces the last import's message too: the status
        # bar must never say a document was imported when none was.
        self.context.say(tr("Nothing was imported.") if added is None
                         else tr("Imported {documents}.", documents=new_documents(added)))

    def export(self) -> None:
        desk = self.context.session
        if desk is None:
            return
        dialog = ExportDialog(self.window, desk, dialogs.documents_folder(),
                              dialogs.file_stem(desk.name))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        if choice is not None:
            ExportRun(self.context, choice).start()  # off the window's thread; it reports

    # -- help ------------------------------------------------------------------------------

    def open_settings(self) -> None:
        settings = self.context.settings
        desk = self.context.session
        note = "" if desk is None or desk.annotator == settings.annotator else tr(
            "This project is open as {name} (a work package, or --annotator); a new name "
            "applies to your other projects.", name=desk.annotator)
        dialog = SettingsDialog(self.window, settings, note)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        settings.idle_minutes = choice.idle_minutes
        self.actions.snap_words.setChecked(choice.snap_to_words)  # saves the setting too
        if choice.name != settings.annotator:
            settings.annotator = choice.name
            self.nameChanged.emit(choice.name)
        if choice.language != settings.language:
            self.languageRequested.emit(choice.language)

    def show_shortcuts(self) -> None:
        dialogs.show_text(self.window, tr("Keyboard shortcuts"),
                          dialogs.shortcuts_page(self.window.actions()))

    def about(self) -> None:
        QMessageBox.about(self.window, tr("About Tawsim"),
                          tr("Tawsim {version}: an offline annotator for Arabic news.",
                             version=__version__))
