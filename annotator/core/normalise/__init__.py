"""Arabic normalisation for search and matching, with a map back to the original offsets.

Arabic news writes one word many ways: الإعلام and الاعلام, قوّات and قوات, الـمملكة with
tatweel, ٥ and 5. Search and label-all compare normalised text, but every offset they report
must point into the untouched stored text. `normalise` returns both the normalised string and
the means to map any range of it back.

characters holds the rules (what changes, and why pyarabic's functions are not used on the
text), tables applies them to a whole text fast, normalised_text maps positions back, and
normalising puts these together. Everything is importable from here, as it was when this
was a single module.
"""

from annotator.core.normalise.characters import (
    ALEF,
    ALEF_FORMS,
    ARABIC_INDIC_DIGITS,
    DECOMPOSED_CARRIERS,
    DEFAULT_FOLDING,
    EASTERN_DIGITS,
    HAMZA,
    HAMZA_ABOVE,
    HAMZA_BELOW,
    HAMZA_CARRIERS,
    HEH,
    INVISIBLE_MARKS,
    MADDA_ABOVE,
    NO_FOLDING,
    NORMALISER_VERSION,
    YEH,
    Folding,
    is_dropped,
)
from annotator.core.normalise.normalised_text import NormalisedText
from annotator.core.normalise.normalising import normalise, normalise_key

__all__ = [
    "ALEF",
    "ALEF_FORMS",
    "ARABIC_INDIC_DIGITS",
    "DECOMPOSED_CARRIERS",
    "DEFAULT_FOLDING",
    "EASTERN_DIGITS",
    "HAMZA",
    "HAMZA_ABOVE",
    "HAMZA_BELOW",
    "HAMZA_CARRIERS",
    "HEH",
    "INVISIBLE_MARKS",
    "MADDA_ABOVE",
    "NORMALISER_VERSION",
    "NO_FOLDING",
    "YEH",
    "Folding",
    "NormalisedText",
    "is_dropped",
    "normalise",
    "normalise_key",
]
