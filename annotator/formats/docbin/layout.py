"""What a Tawsim DocBin holds, shared by its reader and writer, and spaCy itself, imported
only when a DocBin is read or written (it is an optional extra)."""

from __future__ import annotations

from annotator.formats.spacy_tokens import LANGUAGE, load_spacy

SPAN_KEY = "sc"  # the doc.spans group that holds every span
USER_DATA = "tawsim"  # the doc.user_data key of span ids, attributes, notes, relations
# What a blank pipeline's documents hold (spaces are always kept); leaving out the empty tag,
# lemma and parse columns makes a DocBin about a third of the default size in memory.
ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE")

__all__ = ["ATTRS", "LANGUAGE", "SPAN_KEY", "USER_DATA", "load_spacy"]
