"""Hotkeys as typed: the key a character stands for, whatever keyboard layout is active.

Scheme hotkeys are Latin letters and digits; a key pressed with the Arabic layout or typed as
an Arabic-Indic digit must find the same label, relation or value.
"""

from __future__ import annotations

import unicodedata

# The standard Arabic (101) PC layout: the letter each Latin key types. Hotkeys are Latin
# letters and digits; an annotator typing on the Arabic layout presses the same keys.
_ARABIC_LAYOUT = dict(zip("ضصثقفغعهخحجدشسيبلاتنمكطئءؤرىةوزظ",
                          "qwertyuiop[]asdfghjkl;'zxcvnm,./", strict=True))


def hotkey_of(text: str) -> str:
    """The hotkey a typed character stands for: Latin letters lower-cased, Arabic-Indic and
    Persian digits as ASCII, Arabic-layout letters as the Latin key under them."""
    if len(text) != 1:
        return text.lower()
    if text.isdigit():
        return str(unicodedata.digit(text, text))
    return _ARABIC_LAYOUT.get(text, text.lower())
