"""The normalisation rules: what each character becomes, and the letter folds to choose from.

What changes (the character classes come from pyarabic's constants):
- dropped: every combining mark (tashkeel, harakat, shadda, dagger alef, Quranic marks, and
  variation selectors), tatweel, and every invisible format character (RLM, LRM, ALM, ZWNJ,
  ZWJ, the bidi embeddings and isolates, ZWSP, soft hyphen);
- alef forms (أ إ آ ٱ ٲ ٳ) become ا; hamza on a carrier (ؤ ئ) becomes ء, and so does a
  carrier followed by a combining hamza (the decomposed spelling of the same letters);
- optionally (both on by default) ة becomes ه and ى becomes ي; Persian ی and ک become ي and ك;
- Arabic-Indic and Eastern digits become ASCII digits; Latin letters become lower case;
- every kind of white space (NBSP, thin space, tab, newline) becomes one space, and runs of
  white space become one space;
- Arabic presentation forms (scraped from PDFs) become the letters they show; the lam-alef
  ligatures and the word ligatures (ﷲ) become several letters.

pyarabic's own functions are not used on the text: several change its length without saying
where (normalize_hamza turns آ into ءء, normalize_ligature ﻻ into لا, strip_tashkeel removes
characters), normalize_alef also folds ى into ا, and sentence_tokenize and autocorrect stop
after 32 matches. Here every character is mapped, all the way through the text.

This module maps one character at a time; the rules that need a neighbour (a carrier before
a combining hamza, runs of white space) and the presentation forms are applied in tables.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pyarabic.araby as araby

# Bump whenever a rule of this package changes what a text normalises to: indices built with
# another version are rebuilt.
NORMALISER_VERSION = "1"

ALEF = araby.ALEF
HAMZA = araby.HAMZA
YEH = araby.YEH
HEH = araby.HEH
HAMZA_ABOVE = araby.HAMZA_ABOVE  # U+0654, combining
HAMZA_BELOW = araby.HAMZA_BELOW  # U+0655, combining
MADDA_ABOVE = "\u0653"  # combining

# pyarabic's ALEFAT also holds alef maksura (ى) and the dagger alef: those are not alef forms.
ALEF_FORMS = "".join(c for c in araby.ALEFAT
                     if c not in (araby.ALEF_MAKSURA, araby.SMALL_ALEF)) + "\u0672\u0673"
HAMZA_CARRIERS = araby.WAW_HAMZA + araby.YEH_HAMZA
# The letters that carry a combining hamza as ؤ or ئ in decomposed text.
DECOMPOSED_CARRIERS = "\u0648\u064a\u0649\u06cc"
INVISIBLE_MARKS = "\u200f\u200e\u061c\u200c\u200d"  # RLM, LRM, ALM, ZWNJ, ZWJ
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EASTERN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


@dataclass(frozen=True)
class Folding:
    """Letter folds a reader may or may not want; both are on for search and label-all."""

    teh_marbuta: bool = True  # ة reads as ه (مدرسة / مدرسه)
    alef_maksura: bool = True  # ى reads as ي (الى / الي)


DEFAULT_FOLDING = Folding()
NO_FOLDING = Folding(teh_marbuta=False, alef_maksura=False)


def is_dropped(char: str) -> bool:
    """Characters the normaliser removes: combining marks, tatweel, invisible format marks."""
    category = unicodedata.category(char)
    return category in ("Mn", "Cf") or char == araby.TATWEEL


def simple_map(char: str, folding: Folding) -> str:
    """One character's normalisation without context (presentation forms excluded)."""
    if is_dropped(char):
        return ""
    if char.isspace():
        return " "
    if char in ALEF_FORMS:
        return ALEF
    if char in HAMZA_CARRIERS:
        return HAMZA
    if char == araby.TEH_MARBUTA:
        return HEH if folding.teh_marbuta else char
    if char == araby.ALEF_MAKSURA:
        return YEH if folding.alef_maksura else char
    if char == "\u06cc":  # Persian yeh
        return YEH
    if char == "\u06a9":  # keheh
        return araby.KAF
    if char in ARABIC_INDIC_DIGITS:
        return str(ARABIC_INDIC_DIGITS.index(char))
    if char in EASTERN_DIGITS:
        return str(EASTERN_DIGITS.index(char))
    if char == "\u0130":  # İ is the only character whose lower case is two characters
        return "i"
    if char == "\u03a3":  # Σ is the only one whose lower case depends on the next letter
        return "\u03c3"
    return char
