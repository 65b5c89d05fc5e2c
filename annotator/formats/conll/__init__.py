"""CoNLL token-per-line BIO: one tag column per label family, in strict IOB2.

    # tawsim conll: columns = TOKEN ENTITY CLAIM
    # families = ENTITY=LOCATION,ACTOR,WEAPON; CLAIM=CLAIM
    # tokens = Tawsim core tokeniser, proclitics split; words cut at span edges
    # newdoc id = zahraa-1
    -DOCSTART-	O	O

    أفادت	O	O
    وكالة	B-ACTOR	O

Tokens come from `annotator.core.tokens` with an explicit proclitic policy (`proclitics=split`
by default: بسوريا is ب + سوريا, so the LOCATION سوريا is whole tokens; `keep` leaves them on).
A document whose text was rebuilt from a CoNLL import gets its imported tokens back instead
(`tokens=imported`, the default; `imported`), so a CoNLL round trip gives the same text and
spans; each imported token written otherwise is reported.
A span edge that still falls inside a token cuts that token (`misaligned=split`, reported
span by span), or the span is widened to whole tokens (`expand`) or left out (`skip`). CLAIM
overlaps the entities, so each label family has its own column; two spans of one family that
overlap cannot share a column, and the later one is reported and left out. A sentence ends at
a line break, unless a written span runs across it. Tags are only O, B-X and I-X: never `-`.
Relations, attributes and notes have no place here and are reported. No token holds a
control character or a line separator (a line splitter would break its line there): they
are left out like white space. At most MAX_NESTING columns per family are written; deeper
nested spans are counted and listed in the report, never given a column of their own.

The reader takes any number of tag columns (tab- or space-separated, missing columns are O,
IOB1/IOB2/BIOES, at most MAX_TAG_COLUMNS), `-DOCSTART-` lines and `# newdoc id = ...`
comments. A bad line makes its document bad, not the file: --skip-bad skips that document.
CoNLL has no original text: a document the project already holds (same id) has its tokens
aligned to its text; otherwise the text is rebuilt (tokens joined by spaces, sentences by
line breaks) and the document's metadata says that the offsets refer to the rebuilt text.

The modules: `writer` (records into tagged tokens), `reader` (tagged tokens into records),
`parser` (the file's lines into documents), `tags` (the tag schemes), `lines` (what a line
may hold), `imported` (a rebuilt document's own tokens).
"""

from annotator.formats.conll.lines import DOCSTART, UNWRITTEN
from annotator.formats.conll.parser import MAX_TAG_COLUMNS
from annotator.formats.conll.reader import REBUILT, read, sniff
from annotator.formats.conll.writer import MAX_NESTING, NAME, TOKEN_CHOICES, write

__all__ = [
    "DOCSTART",
    "MAX_NESTING",
    "MAX_TAG_COLUMNS",
    "NAME",
    "REBUILT",
    "TOKEN_CHOICES",
    "UNWRITTEN",
    "read",
    "sniff",
    "write",
]
