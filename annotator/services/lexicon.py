"""Where the analyser's readings of words are remembered between runs, and learning a
project's words ahead of time.

The proclitic decision (core.proclitics) asks the analyser about words that begin with و ف
ب ك ل. Loading the analyser costs about a second and 170 MB, once per process; the readings
of each word are a few numbers. So they are kept in a file in the user's cache folder
(core.lexicon_cache), shared by every project: a process that only meets words seen before
reads that file (tens of milliseconds) and never loads the analyser. `learn_project_words`
analyses a project's words in advance, for a background job when a project opens, or for a
separate process so that the desk never holds the analyser's memory at all.

The folder is TAWSIM_CACHE_DIR when set, otherwise the platform's cache folder; setting
TAWSIM_CACHE_DIR to an empty string keeps the readings in memory only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import regex

from annotator.core.farahidi_lexicon import farahidi_readings
from annotator.core.lexicon import SEQUENCES
from annotator.core.proclitics import lexicon_key
from annotator.storage import ProjectStore

READINGS_FILE = "word-readings.txt"
_PROCLITIC_WORDS = regex.compile(r"(?<![\p{L}\p{M}])[وفبكل][\p{L}\p{M}\u0640]+")


def cache_folder() -> Path | None:
    """Tawsim's cache folder; None when TAWSIM_CACHE_DIR is set empty (no files)."""
    chosen = os.environ.get("TAWSIM_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Tawsim" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "Tawsim"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tawsim"


def remember_readings() -> Path | None:
    """Keep the analyser's readings in the cache folder from now on (read lazily, on the
    first word); returns the file, or None when they stay in memory."""
    folder = cache_folder()
    path = folder / READINGS_FILE if folder is not None else None
    if farahidi_readings.path != path:
        farahidi_readings.use_file(path)
    return path


def project_words(project: ProjectStore) -> list[str]:
    """The distinct words of the project's documents that begin with و ف ب ك ل, as the
    analyser is asked about them (harakat and tatweel left out)."""
    words: dict[str, None] = {}
    for doc_id in project.document_ids():
        for match in _PROCLITIC_WORDS.finditer(project.document_text(doc_id)):
            words.setdefault(lexicon_key(match.group()))
    return list(words)


def learn_project_words(project: ProjectStore, *,
                        cancelled: Callable[[], bool] | None = None) -> int:
    """Analyse the project's words the cache does not hold yet; returns how many."""
    remember_readings()
    return _learn(project_words(project), cancelled)


def _learn(words: list[str], cancelled: Callable[[], bool] | None) -> int:
    """Analyse `words`, then the rests of those the analyser's corpus never saw: the
    decision asks a rest's readings where nothing else decides such a word (a name after و,
    written usage), and would otherwise load the analyser in the desk for it."""
    learned = farahidi_readings.learn(words, cancelled)
    rests = dict.fromkeys(
        word[len(proclitics):] for word in words if word in farahidi_readings
        for readings in [farahidi_readings(word)] if readings is None or not readings.attested
        for proclitics in SEQUENCES if word.startswith(proclitics)
        and len(word) - len(proclitics) >= 3)
    return learned + farahidi_readings.learn(list(rests), cancelled)


def learn_document_words(project: ProjectStore, doc_id: str, *,
                         cancelled: Callable[[], bool] | None = None) -> int:
    """Analyse the words of one document the cache does not hold yet (what the desk does in
    the background when a document opens, so that its label keys answer at once)."""
    remember_readings()
    text = project.document_text(doc_id)
    words = dict.fromkeys(lexicon_key(match.group())
                          for match in _PROCLITIC_WORDS.finditer(text))
    return _learn(list(words), cancelled)


remember_readings()
