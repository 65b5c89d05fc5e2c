"""What the app remembers between runs: who annotates, recent projects, language, zoom.

Kept in one INI file (QSettings) in the user's configuration folder, or under $TAWSIM_HOME
when it is set (tests and portable installs), so nothing is written anywhere else.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from annotator.services.identity import new_person_id
from annotator.ui.common.i18n import available_languages

APP_NAME = "Tawsim"
RECENT_LIMIT = 8
DOCUMENTS_KEPT = 50  # projects (and layers) whose last open document is remembered


@dataclass(frozen=True)
class AppPaths:
    """Where the settings file and the default project live."""

    settings_file: Path
    data_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        home = os.environ.get("TAWSIM_HOME", "").strip()
        if home:
            return cls(Path(home) / "settings.ini", Path(home) / "data")
        where = QStandardPaths.StandardLocation
        config = QStandardPaths.writableLocation(where.GenericConfigLocation)
        data = QStandardPaths.writableLocation(where.GenericDataLocation)
        return cls(Path(config) / "tawsim" / "settings.ini", Path(data) / "tawsim")

    @property
    def default_project(self) -> Path:
        return self.data_dir / "default.tawsim"


class Settings:
    """Typed access to the settings file; every change is written through at once."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)

    def _get(self, key: str, default: str = "") -> str:
        value = self._qsettings.value(key, default)
        return value if isinstance(value, str) else default

    def _set(self, key: str, value: str) -> None:
        self._qsettings.setValue(key, value)
        self._qsettings.sync()

    @property
    def annotator(self) -> str:
        return self._get("annotator").strip()

    @annotator.setter
    def annotator(self, name: str) -> None:
        self._set("annotator", name.strip())

    @property
    def person_id(self) -> str:
        """This person's stable id (a UUID), made the first time it is asked for."""
        value = self._get("person_id").strip()
        if not value:
            value = new_person_id()
            self._set("person_id", value)
        return value

    @property
    def idle_minutes(self) -> int:
        """Minutes without a key press or a mouse action after which time stops counting as
        active."""
        try:
            return min(max(int(self._get("idle_minutes", "2")), 1), 60)
        except ValueError:
            return 2

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self._set("idle_minutes", str(min(max(int(minutes), 1), 60)))

    @property
    def language(self) -> str:
        value = self._get("language", "system")
        return value if value in ("system", *available_languages()) else "system"

    @language.setter
    def language(self, value: str) -> None:
        if value not in ("system", *available_languages()):
            raise ValueError(f"unknown language setting {value!r}")
        self._set("language", value)

    @property
    def zoom(self) -> int:
        """Steps of one point above (or below) the article's base font size."""
        try:
            return int(self._get("zoom", "0"))
        except ValueError:
            return 0

    @zoom.setter
    def zoom(self, steps: int) -> None:
        self._set("zoom", str(int(steps)))

    @property
    def snap_to_words(self) -> bool:
        return self._get("snap_to_words", "false") == "true"

    @snap_to_words.setter
    def snap_to_words(self, value: bool) -> None:
        self._set("snap_to_words", "true" if value else "false")

    @property
    def show_invisibles(self) -> bool:
        return self._get("show_invisibles", "false") == "true"

    @show_invisibles.setter
    def show_invisibles(self, value: bool) -> None:
        self._set("show_invisibles", "true" if value else "false")

    @property
    def recent_projects(self) -> list[Path]:
        try:
            items = json.loads(self._get("recent_projects", "[]"))
        except json.JSONDecodeError:
            return []
        return [Path(item) for item in items if isinstance(item, str)]

    def remember_project(self, path: Path) -> None:
        """Put `path` first in the recent list (it is also the one reopened next time)."""
        path = Path(path).resolve()
        recent = [p for p in self.recent_projects if p != path]
        recent.insert(0, path)
        self._set("recent_projects",
                  json.dumps([str(p) for p in recent[:RECENT_LIMIT]], ensure_ascii=False))

    def forget_project(self, path: Path) -> None:
        path = Path(path).resolve()
        recent = [p for p in self.recent_projects if p != path]
        self._set("recent_projects", json.dumps([str(p) for p in recent], ensure_ascii=False))

    @property
    def last_project(self) -> Path | None:
        recent = self.recent_projects
        return recent[0] if recent else None

    def last_document(self, project: Path, layer: str) -> str | None:
        """The document last open in `project`'s `layer` (None if none was)."""
        return self._documents().get(_document_key(project, layer))

    def remember_document(self, project: Path, layer: str, doc_id: str) -> None:
        documents = self._documents()
        key = _document_key(project, layer)
        if documents.get(key) == doc_id:
            return
        documents.pop(key, None)
        documents[key] = doc_id  # newest last; the oldest projects are forgotten
        kept = dict(list(documents.items())[-DOCUMENTS_KEPT:])
        self._set("last_documents", json.dumps(kept, ensure_ascii=False))

    def _documents(self) -> dict[str, str]:
        try:
            items = json.loads(self._get("last_documents", "{}"))
        except json.JSONDecodeError:
            return {}
        if not isinstance(items, dict):
            return {}
        return {k: v for k, v in items.items() if isinstance(k, str) and isinstance(v, str)}

    def window_state(self, mirrored: bool) -> tuple[bytes, bytes]:
        """The window's geometry and its panels' places, kept apart for the mirrored
        (right-to-left) layout, whose panels sit on the other sides."""
        geometry = self._qsettings.value("window/geometry", b"")
        state = self._qsettings.value(f"window/state-{'rtl' if mirrored else 'ltr'}", b"")
        return _as_bytes(geometry), _as_bytes(state)

    def save_window_state(self, mirrored: bool, geometry: bytes, state: bytes) -> None:
        self._qsettings.setValue("window/geometry", geometry)
        self._qsettings.setValue(f"window/state-{'rtl' if mirrored else 'ltr'}", state)
        self._qsettings.sync()


def _document_key(project: Path, layer: str) -> str:
    return f"{Path(project).resolve()}\n{layer}"


def _as_bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    data = getattr(value, "data", None)  # a QByteArray
    return bytes(data()) if callable(data) else b""
