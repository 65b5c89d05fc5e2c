"""A word -> readings cache in front of the analyser, kept in memory and, when asked, on disk.

The analyser (core.farahidi_lexicon) costs about a second and 170 MB the first time a process
asks it anything: its tables and the corpus counts are read then. The readings it gives are a
few numbers per word (core.lexicon.WordReadings), so they are remembered: a project's words
are analysed once, by a background job or on the first decision, and every later process
reads their readings from a small text file instead of loading the analyser at all.

The file is one line per word, `word<TAB>readings as JSON` (or `-` when the analyser has no
reading), appended as words are analysed; its first line names the analyser's version and this
format, and a file with another first line is started afresh. Appending whole lines keeps the
file readable when two processes write at once; a line that does not parse is skipped.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from annotator.core.lexicon import Lexicon, WordReadings

FORMAT = "tawsim word readings 3"
NO_READING = "-"


def encode(readings: WordReadings | None) -> str:
    """One word's readings as compact JSON (NO_READING for None)."""
    if readings is None:
        return NO_READING
    return json.dumps([
        sorted(readings.cuts), sorted(readings.article_cuts),
        sorted(readings.closed_class_cuts), sorted(readings.verb_cuts),
        sorted(readings.attested.items()), readings.unattributed,
        readings.whole_lemma_frequency, sorted(readings.cut_lemma_frequency.items()),
        readings.whole_verb_only, sorted(readings.proper_cuts), sorted(readings.spelt_cuts),
        readings.analysed, sorted(readings.rest_sightings.items()),
        readings.whole_attested_unread,
    ], separators=(",", ":"), ensure_ascii=False)


def decode(text: str) -> WordReadings | None:
    """The inverse of encode; ValueError (or a subclass) when `text` is not such a line."""
    if text == NO_READING:
        return None
    (cuts, article, closed, verbs, attested, unattributed, whole, cut_frequency, verb_only,
     proper, spelt, analysed, rest_sightings, whole_unread) = json.loads(text)
    return WordReadings(
        frozenset(cuts), frozenset(article), frozenset(closed), frozenset(verbs),
        {int(cut): int(count) for cut, count in attested}, int(unattributed), float(whole),
        {int(cut): float(f) for cut, f in cut_frequency}, bool(verb_only), frozenset(proper),
        frozenset(spelt), bool(analysed), {int(cut): int(n) for cut, n in rest_sightings},
        bool(whole_unread))


class CachedLexicon:
    """A Lexicon that asks `analyser` only about words it has not seen, here or in `path`."""

    def __init__(self, analyser: Lexicon, version: str, path: Path | None = None) -> None:
        self.analyser = analyser
        self.header = f"{FORMAT}; {version}"
        self._path: Path | None = None
        self._unread: Path | None = None  # a file to read before the next word
        self._words: dict[str, WordReadings | None] = {}
        self._lock = threading.Lock()
        self.use_file(path)

    @property
    def path(self) -> Path | None:
        return self._path

    def use_file(self, path: Path | None) -> None:
        """Remember words in `path` from now on (None: in memory only). The file is read on
        the first word asked for, so that choosing it costs nothing at start-up."""
        with self._lock:
            self._path = self._unread = path

    def __call__(self, letters: str) -> WordReadings | None:
        if self._unread is not None:
            self._read_file()
        try:
            return self._words[letters]
        except KeyError:
            pass
        readings = self.analyser(letters)
        with self._lock:
            self._words[letters] = readings
            self._append(letters, readings)
        return readings

    def __contains__(self, letters: str) -> bool:
        if self._unread is not None:
            self._read_file()
        return letters in self._words

    def __len__(self) -> int:
        return len(self._words)

    def _read_file(self) -> None:
        """Read the file chosen last, and write to it the words known before it was."""
        with self._lock:
            path, self._unread = self._unread, None
            if path is None:
                return
            stored = self._read(path)
            for word, readings in self._words.items():
                if word not in stored:
                    self._append(word, readings)
            self._words.update(stored)

    def learn(self, words: list[str], cancelled: Callable[[], bool] | None = None) -> int:
        """Analyse the words not yet remembered (a project's words, from a background job);
        returns how many were analysed."""
        analysed = 0
        for word in words:
            if cancelled is not None and cancelled():
                break
            if word not in self:
                self(word)
                analysed += 1
        return analysed

    def _read(self, path: Path) -> dict[str, WordReadings | None]:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError):
            return {}  # an unreadable cache is a cache with nothing in it
        if not lines or lines[0] != self.header:
            self._start(path)
            return {}
        words: dict[str, WordReadings | None] = {}
        for line in lines[1:]:
            word, tab, text = line.partition("\t")
            if not tab:
                continue
            try:
                words[word] = decode(text)
            except (ValueError, TypeError):
                continue  # a line half written by a process that stopped
        return words

    def _start(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.header + "\n", encoding="utf-8")
        except OSError:
            self._path = None  # nowhere to write: remember in memory only

    def _append(self, word: str, readings: WordReadings | None) -> None:
        if self._path is None:
            return
        if not self._path.exists():
            self._start(self._path)
            if self._path is None:
                return
        try:
            with self._path.open("a", encoding="utf-8") as file:
                file.write(f"{word}\t{encode(readings)}\n")
        except OSError:
            self._path = None
