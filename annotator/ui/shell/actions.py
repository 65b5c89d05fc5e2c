"""Every command of the desk as a QAction with its shortcut, built once per window.

Menus, the label palette, the context menu and the shortcut list all use these objects, so a
shortcut works the same from everywhere and is listed where it is.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QWidget

from annotator.core.commands import EditSummary
from annotator.core.scheme import Scheme
from annotator.services.guidelines import tooltip
from annotator.ui.common.actions import window_action
from annotator.ui.common.i18n import available_languages, language, language_name, tr
from annotator.ui.common.labels import check_mark, label_name, swatch
from annotator.ui.common.session import DeskSession
from annotator.ui.shell.edit_names import edit_name


class DeskActions:
    def __init__(self, window: QWidget) -> None:
        a = window_action
        self.new_project = a(window, tr("&New project…"), "Ctrl+N",
                             name="newProject")
        self.open_project = a(window, tr("&Open project…"), "Ctrl+O",
                              name="openProject")
        self.import_files = a(window, tr("Import &files…"), "Ctrl+I", name="importFiles")
        self.import_folder = a(window, tr("Import a f&older…"), "Ctrl+Shift+I",
                               name="importFolder")
        self.export = a(window, tr("&Export dataset…"), "Ctrl+E", name="exportDataset")
        self.save_copy = a(window, tr("Save a &copy…"), "Ctrl+Shift+S", name="saveCopy")
        self.settings = a(window, tr("Se&ttings…"), "Ctrl+,", name="settings")
        self.quit = a(window, tr("&Quit"), "Ctrl+Q", name="quit")

        self.undo = a(window, tr("&Undo"), "Ctrl+Z", name="undo")
        self.redo = a(window, tr("&Redo"), "Ctrl+Shift+Z", "Ctrl+Y", name="redo")
        self.delete_span = a(window, tr("&Delete span"), "Del", "Backspace", name="deleteSpan")
        self.snap_words = a(window, tr("Snap selections to &whole words"), name="snapWords",
                            checkable=True)
        self.extend_start = a(window, tr("Extend the start by a character"), "Alt+Right",
                              name="extendStart")
        self.shrink_start = a(window, tr("Shrink the start by a character"), "Alt+Left",
                              name="shrinkStart")
        self.extend_end = a(window, tr("Extend the end by a character"), "Alt+Shift+Left",
                            name="extendEnd")
        self.shrink_end = a(window, tr("Shrink the end by a character"), "Alt+Shift+Right",
                            name="shrinkEnd")
        self.extend_start_word = a(window, tr("Extend the start by a word"), "Ctrl+Alt+Right",
                                   name="extendStartWord")
        self.shrink_start_word = a(window, tr("Shrink the start by a word"), "Ctrl+Alt+Left",
                                   name="shrinkStartWord")
        self.extend_end_word = a(window, tr("Extend the end by a word"), "Ctrl+Alt+Shift+Left",
                                 name="extendEndWord")
        self.shrink_end_word = a(window, tr("Shrink the end by a word"), "Ctrl+Alt+Shift+Right",
                                 name="shrinkEndWord")
        self.next_span = a(window, tr("Next span"), "Alt+Down", name="nextSpan")
        self.previous_span = a(window, tr("Previous span"), "Alt+Up", name="previousSpan")

        self.next_document = a(window, tr("&Next document"), "Alt+PgDown", name="nextDocument")
        self.previous_document = a(window, tr("&Previous document"), "Alt+PgUp",
                                   name="previousDocument")
        self.mark_done = a(window, tr("Mark as &done"), "Ctrl+Return", "Ctrl+Enter",
                           name="markDone", checkable=True)
        self.mark_done.setIcon(check_mark())
        self.focus_article = a(window, tr("Go to the &article"), "F6", name="focusArticle")
        self.focus_documents = a(window, tr("Go to the document &list"), "F7",
                                 name="focusDocuments")
        self.focus_spans = a(window, tr("Go to the &span list"), "F8", name="focusSpans")
        self.focus_filter = a(window, tr("&Filter documents"), "Ctrl+L",
                              name="focusFilter")

        self.zoom_in = a(window, tr("Zoom &in"), "Ctrl++", "Ctrl+=", name="zoomIn")
        self.zoom_out = a(window, tr("Zoom &out"), "Ctrl+-", name="zoomOut")
        self.zoom_reset = a(window, tr("&Actual size"), "Ctrl+0", name="zoomReset")
        self.languages = QActionGroup(window)
        self.language = {
            "system": a(window, tr("Follow the &system"), name="languageSystem",
                        checkable=True),
        }
        for code in available_languages():  # one for each catalogue in resources/i18n
            self.language[code] = a(window, language_name(code), name=f"language_{code}",
                                    checkable=True)
        for action in self.language.values():
            self.languages.addAction(action)

        self.shortcuts = a(window, tr("&Keyboard shortcuts"), "Ctrl+F1", name="shortcuts")
        self.guide = a(window, tr("&Guidelines and keys"), "F1", name="labelGuide")
        self.about = a(window, tr("&About Tawsim"), name="about")
        self.labels: dict[str, QAction] = {}

    def follow(self, desk: DeskSession | None, doc_id: str | None, undo_behind: str | None,
               *, has_span: bool) -> None:
        """Enable what the desk allows now. Undo names the open document's last edit, or,
        when it has none, the Done that has just left `undo_behind`."""
        undo_step, redo_step = desk.undo_steps(doc_id) \
            if desk is not None and doc_id else (None, None)
        if undo_step is None and undo_behind is not None and desk is not None:
            undo_step = desk.undo_steps(undo_behind)[0]
        self.update_states(has_project=desk is not None, has_document=doc_id is not None,
                           has_span=has_span, undo_step=undo_step, redo_step=redo_step,
                           scheme=desk.scheme if desk else None)

    def update_states(self, *, has_project: bool, has_document: bool, has_span: bool,
                      undo_step: EditSummary | None, redo_step: EditSummary | None,
                      scheme: Scheme | None = None) -> None:
        """Enable what can be done now; Undo and Redo say what they would do."""
        for action in (self.delete_span, self.extend_start, self.shrink_start,
                       self.extend_end, self.shrink_end, self.extend_start_word,
                       self.shrink_start_word, self.extend_end_word, self.shrink_end_word):
            action.setEnabled(has_span)
        for action in (self.next_span, self.previous_span, self.mark_done,
                       *self.labels.values()):
            action.setEnabled(has_document)
        for action in (self.export, self.save_copy, self.import_files, self.import_folder):
            action.setEnabled(has_project)
        self.undo.setEnabled(undo_step is not None)
        self.redo.setEnabled(redo_step is not None)
        undo_name = edit_name(undo_step, scheme) if scheme is not None else None
        redo_name = edit_name(redo_step, scheme) if scheme is not None else None
        self.undo.setText(tr("&Undo {what}", what=undo_name) if undo_name else tr("&Undo"))
        self.redo.setText(tr("&Redo {what}", what=redo_name) if redo_name else tr("&Redo"))

    def build_labels(self, window: QWidget, scheme: Scheme) -> dict[str, QAction]:
        """One action per label of the scheme, with its hotkey and colour."""
        for action in self.labels.values():
            window.removeAction(action)
            action.deleteLater()
        self.labels = {}
        for label in scheme.labels:
            name = label_name(label)
            action = window_action(window, tr("Label as {label}", label=name),
                             *([label.hotkey] if label.hotkey else []),
                             name=f"label{label.name.title()}")
            action.setIcon(swatch(label.color, label.style))
            action.setIconText(f"{label.hotkey}  {name}" if label.hotkey else name)
            action.setToolTip(tooltip(scheme, label.name, language()))
            self.labels[label.name] = action
        return self.labels
