"""brat standoff: a folder with NAME.txt and NAME.ann per document, and annotation.conf.

.ann lines, as brat itself checks them:
- `T1<TAB>LABEL START END<TAB>TEXT`: a span crossing a line break is written as fragments
  `S1 E1;S2 E2` (brat draws nothing across a line), its TEXT the fragment texts joined by
  one space;
- `R1<TAB>TYPE Arg1:T1 Arg2:T2`: a relation from its head (Arg1) to its tail (Arg2);
- `A1<TAB>NAME T1 VALUE`: an attribute of a span;
- `#1<TAB>AnnotatorNotes T1<TAB>NOTE`: a span's note.
IDs are a letter prefix and a number, unique in the file. Offsets are code points into the
.txt, whose line endings are LF. The file name is the document id, with characters a file
system refuses %-encoded.

brat counts a .txt's BOM as a character and CRLF as one; other tools count otherwise, so the
reader finds which way a file's offsets were counted (`offsets`). The writer writes LF text;
a text that begins with U+FEFF gets a BOM before it, and its offsets count that BOM.

The modules: `reader` (files into records), `parser` (the .ann lines), `offsets` (which text
the offsets count), `writer` (records into files), `config` (annotation.conf, visual.conf).
"""

from annotator.formats.brat.config import annotation_conf, visual_conf
from annotator.formats.brat.parser import ID_PATTERN, NOTES
from annotator.formats.brat.reader import read, read_document, sniff
from annotator.formats.brat.writer import MAX_NAME_BYTES, ann_text, write

NAME = "brat"

__all__ = [
    "ID_PATTERN",
    "MAX_NAME_BYTES",
    "NAME",
    "NOTES",
    "ann_text",
    "annotation_conf",
    "read",
    "read_document",
    "sniff",
    "visual_conf",
    "write",
]
