"""spaCy DocBin (.spacy): tokenised documents for `spacy train`, when spaCy is installed.

Tokens come from `spacy.blank("ar")`, which needs no downloaded model. It does not split
proclitics, so `سوريا` inside `بسوريا` matches no token; by default such a token is split at
the span's edge (policy `misaligned=split`), so every span keeps its exact characters and
`doc.char_span` finds it. `expand` widens the span to whole tokens instead, `skip` leaves it
out. Every span concerned is listed in the report with what was done.

`doc.ents` holds the first label family (the entities) without overlaps, judged on the
characters each span covers in the Doc (spans widened by `expand` can come to overlap);
`doc.spans["sc"]` holds every span, CLAIMs and nested or overlapping entities included. Span
ids, attributes, notes and relations travel in `doc.user_data["tawsim"]`, so a DocBin reads
back into Tawsim whole. A path ending in .spacy gets one file, which spaCy's DocBin builds in
memory (it grows with the corpus). Any other path, an existing folder, or `shard=N` gets a
folder of .spacy files of 1,000 (N) documents each, written in constant memory; `spacy train`
and `spacy.training.Corpus` read such a folder as one corpus.

The modules: `writer` (records into .spacy files), `builder` (a record into a Doc), `reader`
(.spacy files into records), `layout` (what a Tawsim DocBin holds; spaCy, imported lazily).
"""

from annotator.formats.docbin.layout import ATTRS, LANGUAGE, SPAN_KEY, USER_DATA
from annotator.formats.docbin.reader import read, record_from_doc, sniff
from annotator.formats.docbin.writer import DEFAULT_SHARD, write, writes_folder

NAME = "spaCy DocBin"

__all__ = [
    "ATTRS",
    "DEFAULT_SHARD",
    "LANGUAGE",
    "NAME",
    "SPAN_KEY",
    "USER_DATA",
    "read",
    "record_from_doc",
    "sniff",
    "write",
    "writes_folder",
]
