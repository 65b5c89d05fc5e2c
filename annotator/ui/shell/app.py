"""Starting the desk: `tawsim-gui [PROJECT] [--annotator NAME] [--layer LAYER]` (also `python
main.py`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from annotator import PRODUCT_NAME, __version__
from annotator.core.datafiles import resource_file
from annotator.core.errors import TawsimError
from annotator.services.adjudication import working_session
from annotator.services.identity import Person, own_layer
from annotator.services.projects import (
    default_actor,
    init_project,
    open_project,
    peek_package,
)
from annotator.ui.common import i18n, menu_style
from annotator.ui.common.collector import collect_on_window_thread
from annotator.ui.common.failures import said, user_message
from annotator.ui.common.fonts import interface_font, register_fonts
from annotator.ui.common.plain import inform, warn
from annotator.ui.common.session import DeskSession
from annotator.ui.common.settings import AppPaths, Settings
from annotator.ui.shell import bootstrap
from annotator.ui.shell.dialogs import ask_annotator
from annotator.ui.shell.identity import SETTINGS, DeskIdentity, identity_for, launch_person
from annotator.ui.shell.window import MainWindow


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tawsim-gui", description=(
        "Tawsim's annotation desk. Without PROJECT it opens the last project used, or a "
        "default project with sample articles."))
    parser.add_argument("project", nargs="?", help="a .tawsim project file")
    parser.add_argument("--annotator", help="work as NAME for this launch only (your own name "
                        "is asked once and kept in the settings)")
    parser.add_argument("--layer", help="the layer to work in: your own (the default) or a "
                        "gold layer, e.g. gold for adjudication (made if the project has none)")
    parser.add_argument("--version", action="version", version=f"Tawsim {__version__}")
    return parser.parse_args(list(argv))


class Desk(QObject):
    """The running app: its settings, the open project and the window showing it."""

    def __init__(self, app: QApplication, settings: Settings, launch: Person | None = None,
                 layer: str | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.launch = launch  # --annotator NAME: who works, for this launch only
        self.layer = layer  # the working layer projects open in (None: the person's own)
        self.identity: DeskIdentity | None = None
        self.current: DeskSession | None = None
        self.window = self._new_window()

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.projectRequested.connect(self.open)
        window.newProjectRequested.connect(self.create)
        window.languageRequested.connect(self.switch_language)
        window.layerRequested.connect(self.switch_layer)
        window.nameChanged.connect(self.rename)
        return window

    def open(self, path: str | Path) -> bool:
        """Open a project in the window; on failure say why and keep what was open."""
        try:
            store = open_project(path)
        except Exception as error:
            if not Path(path).exists():
                self.settings.forget_project(Path(path))  # gone: drop it from Open recent
                self.window.commands.refresh_recent()
            self._refuse(error, path)
            return False
        return self._show(store)

    def create(self, path: str | Path) -> bool:
        try:
            store = init_project(path)
        except Exception as error:
            self._refuse(error, path)
            return False
        return self._show(store)

    def _show(self, store: Any) -> bool:
        try:
            # Read first, so that a project whose stored scheme is damaged is refused
            # before anything is written into it (the person's layer) or shown of it.
            _scheme = store.scheme
            identity = self._identity_for(store)
            if identity is None:
                store.close()
                return False
            session = working_session(store, identity.person.name, self.layer,
                                      person=identity.person)
            own = own_layer(store, identity.person)
        except Exception as error:
            store.close()
            self._refuse(error, store.path, i18n.tr(
                "The project is read-only (the file or its folder), and opening it for you "
                "would change it. Copy it to a folder you can write to, and open the copy."
            ) if store.read_only else "")
            return False
        previous = self.current
        self.identity = identity
        self.current = DeskSession(session, own_layer=own)
        self.window.set_session(self.current)
        if identity.note():
            self.window.status.say(identity.note())
        if store.read_only:
            inform(self.window, i18n.tr("A read-only project"), i18n.tr(
                "{path} is read-only (the file or its folder): you can read it, but no edit "
                "will be saved. To work in it, save a copy (File › Save a copy…) in a folder "
                "you can write to, and open that.", path=str(store.path)))
        if previous is not None:
            previous.close()
            previous.deleteLater()
        self.settings.remember_project(Path(session.project.path))
        self.window.commands.refresh_recent()
        return True

    def _identity_for(self, store: Any) -> DeskIdentity | None:
        """Who works in `store`; asks the name if nobody is known yet (None: not given)."""
        identity = identity_for(store, self.settings, self.launch)
        if identity is None:
            name = ask_annotator(self.window, default_actor())
            if name is None:
                return None
            self.settings.annotator = name
            identity = identity_for(store, self.settings, self.launch)
        return identity

    def _refuse(self, error: Exception, path: str | Path | None = None,
                hint: str = "") -> None:
        message = user_message(error, path)
        if message is None:
            raise error
        warn(self.window, i18n.tr("Cannot open the project"),
             message + ("\n\n" + hint if hint else ""))

    def switch_layer(self, layer: str) -> None:
        """Work in another layer of the same project (View › Working layer), on the same
        document; the project stays open."""
        previous, identity = self.current, self.identity
        if previous is None or identity is None or previous.layer == layer:
            return
        try:
            session = working_session(previous.session.project, identity.person.name, layer,
                                      person=identity.person)
        except TawsimError as error:
            warn(self.window, i18n.tr("Cannot work in that layer"), said(error))
            return
        self.layer = None if layer == previous.own_layer else layer
        self.current = DeskSession(session, own_layer=previous.own_layer)
        self.window.set_session(self.current, self.window.doc_id)
        previous.deleteLater()  # not close(): the new session uses the same project

    def rename(self, _name: str) -> None:
        """The person's name changed in the settings: when the open project is theirs (not
        a package, not another name given at launch), go on working under the new name, in
        the same layer (it is theirs by id) on the same document."""
        current, identity = self.current, self.identity
        if current is None or identity is None or identity.source != SETTINGS:
            return
        self.identity = None
        store, doc_id = current.project, self.window.doc_id
        try:
            identity = self._identity_for(store)
            assert identity is not None
            session = working_session(store, identity.person.name, self.layer,
                                      person=identity.person)
        except TawsimError as error:
            warn(self.window, i18n.tr("Cannot work in that layer"), said(error))
            return
        self.identity = identity
        self.current = DeskSession(session, own_layer=current.own_layer)
        self.window.set_session(self.current, doc_id)
        current.deleteLater()  # not close(): the new session uses the same project

    def switch_language(self, setting: str) -> None:
        """Rebuild the window in the new language, on the same project and document."""
        self.settings.language = setting
        apply_language(self.app, setting)
        old = self.window
        desk, doc_id = old.desk, old.doc_id
        old.context.show_session(None)  # the old window lets go of the project
        self.window = self._new_window()
        if desk is not None:
            self.window.set_session(desk, doc_id)
        self.window.commands.refresh_recent()
        self.window.show()
        old.close()

    def close(self) -> None:
        """Close the project file (every edit is already saved)."""
        if self.current is not None:
            self.current.close()
            self.current = None


def apply_language(app: QApplication, setting: str) -> None:
    i18n.set_language(i18n.resolve(setting))
    i18n.apply_to_application(app)
    menu_style.install(app)
    app.setFont(interface_font(QApplication.font(), arabic_first=i18n.language() == "ar"))


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(PRODUCT_NAME)
    app.setApplicationDisplayName(PRODUCT_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_file("icons", "tawsim.svg"))))
    register_fonts()
    collect_on_window_thread(app)  # never on a background job's thread (ui.common.collector)
    return app


def start(argv: Sequence[str], paths: AppPaths | None = None) -> Desk | None:
    """Build the desk (without entering the event loop); None if the user backed out."""
    arguments = parse_arguments(argv)
    app = application()
    settings = Settings(paths or AppPaths.default())
    apply_language(app, settings.language)
    launch = launch_person(settings, arguments.annotator) \
        if arguments.annotator and arguments.annotator.strip() else None
    project = bootstrap.choose_project(arguments.project, settings.last_project,
                                       settings.paths.default_project)
    if not settings.annotator and launch is None and peek_package(project) is None:
        name = ask_annotator(None, default_actor())  # once: the settings keep it
        if name is None:
            return None
        settings.annotator = name
    desk = Desk(app, settings, launch, arguments.layer)
    if not desk.open(project) and project != settings.paths.default_project:
        desk.open(bootstrap.choose_project(None, None, settings.paths.default_project))
    desk.window.show()
    desk.window.activateWindow()
    return desk


def main(argv: Sequence[str] | None = None) -> int:
    try:
        desk = start(sys.argv[1:] if argv is None else argv)
    except Exception as error:  # before any window: the default project cannot be made
        message = user_message(error)
        if message is None:
            raise
        print(f"tawsim-gui: error: {message}", file=sys.stderr)
        return 1
    if desk is None:
        return 0
    try:
        return QApplication.instance().exec()
    finally:
        desk.close()


if __name__ == "__main__":
    sys.exit(main())
