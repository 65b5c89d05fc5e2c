"""File names that mean the same on every file system a project travels to.

Exports name files after documents (brat) and split parts (train.jsonl): two names that one
file system confuses would write one file over the other, and a name Windows keeps for a
device would write to the device. `name_key` is what a case-insensitive, normalising file
system compares; `is_windows_device` tells the device names.
"""

from __future__ import annotations

import unicodedata

# Names Windows keeps for devices, whatever follows their first dot: CON.txt is the console.
WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)),
                             *(f"LPT{n}" for n in range(10))})


def is_windows_device(name: str) -> bool:
    """Whether Windows takes a file of this name for a device (CON, nul.txt, COM1 ...)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_DEVICES


def name_key(name: str) -> str:
    """The name as Windows and macOS compare names: case folded, Unicode composed."""
    return unicodedata.normalize("NFC", name).casefold()
