"""What a Tawsim DocBin holds, shared by its reader and writer, and spaCy itself, imported
only when a DocBin is read or written (it is an optional extra)."""

from __future__ import annotations

from typing import Any

from annotator.core.errors import TawsimError

SPAN_KEY = "sc"  # the doc.spans group that holds every span
USER_DATA = "tawsim"  # the doc.user_data key of span ids, attributes, notes, relations
LANGUAGE = "ar"  # spacy.blank(LANGUAGE) tokenises
# What a blank pipeline's documents hold (spaces are always kept); leaving out the empty tag,
# lemma and parse columns makes a DocBin about a third of the default size in memory.
ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE")


def load_spacy() -> Any:
    """spaCy, or a one-line error naming the extra that installs it."""
    try:
        import spacy
    except ImportError:
        raise TawsimError("the docbin format needs spaCy; install it with "
                          "pip install 'tawsim[spacy]'") from None
    return spacy
