"""What the search index holds for a document, and how a key is asked for.

The index is an FTS5 trigram table without positions (`detail=none`): for each row it knows
which trigrams occur, not where. A document is stored as a few overlapping pieces of its
normalised text, one row each (rowid = seq * ROWS_PER_DOCUMENT + piece), so that "every
trigram of the key" has to hold inside one piece of about 560 characters rather than anywhere
in the article: a rare word made of common trigrams then names a handful of documents, not
a tenth of the project. Pieces overlap by OVERLAP characters, so any key of up to
OVERLAP + 1 characters lies whole inside some piece; a longer key is asked for by its first
OVERLAP + 1 characters. Every candidate is confirmed on the stored text by the caller.

The index holds the normalised text in a one-byte alphabet (`index_form`): the Arabic letters
and punctuation of normalised text are written as ASCII characters that normalised text never
holds (upper-case letters and white space other than the space), so FTS5 reads, hashes and
compares trigrams of three bytes instead of six: 8% less writing. The change is one
character for one character, so offsets, pieces and trigrams are the same as on the
normalised text, and it is one-to-one, so the index names exactly the documents it named.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable

TRIGRAM = 3
PIECE = 512  # characters a piece starts after the previous one (more in a long article)
OVERLAP = 48  # characters a piece shares with the next
ROWS_PER_DOCUMENT = 8  # pieces at most: a longer article gets longer pieces


# The characters of normalised Arabic text, the most frequent first, and the ASCII characters
# standing for them: normalisation lower-cases every letter and turns every other white space
# into a space, so none of these can occur in normalised text (tests check it). The commonest
# get letters; the rest get control characters, which JSON writes escaped (a little slower).
INDEX_LETTERS = "اليمهنرتعوبدفسقحكجشطءصخزضذثظغ،«»؟؛"
INDEX_CODES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\v\f\r\x1c\x1d\x1e"
# Names what the index holds, with the normaliser's version (search_state.normaliser): an
# index built in another form is rebuilt.
INDEX_FORM = "ascii-1"
_UNMAPPED = "tawsim-index-keep"


def _byte_table() -> object:
    """A charmap codec's table (mapping in C): ASCII as itself, INDEX_LETTERS as their
    codes; no byte above 127 is ever written (U+FFFE marks a byte as unused)."""
    decoding = [chr(code) for code in range(128)] + ["\ufffe"] * 128
    for letter, code in zip(INDEX_LETTERS, INDEX_CODES, strict=True):
        decoding[ord(code)] = letter
    return codecs.charmap_build("".join(decoding))


def _keep_unmapped(error: UnicodeError) -> tuple[bytes, int]:
    """Any other character (a run of them) goes through as its own UTF-8."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return error.object[error.start:error.end].encode("utf-8", "surrogatepass"), error.end


_TABLE = _byte_table()
codecs.register_error(_UNMAPPED, _keep_unmapped)


def index_form(key: str) -> str:
    """Normalised text as the index holds it: the same length, one character for one."""
    return codecs.charmap_encode(key, _UNMAPPED, _TABLE)[0].decode("utf-8", "surrogatepass")


def pieces(key: str) -> list[str]:
    """A document's normalised text as the overlapping pieces the index stores."""
    step = max(PIECE, -(-(len(key) - OVERLAP) // ROWS_PER_DOCUMENT))
    if len(key) <= step + OVERLAP:
        return [key]
    return [key[start:start + step + OVERLAP] for start in range(0, len(key) - OVERLAP, step)]


def index_rows(documents: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """(rowid, piece in the index's form) rows for (seq, normalised text) pairs."""
    return [(seq * ROWS_PER_DOCUMENT + number, piece)
            for seq, key in documents for number, piece in enumerate(pieces(index_form(key)))]


def seq_of_row(rowid: int) -> int:
    return rowid // ROWS_PER_DOCUMENT


def first_row(seq: int) -> int:
    return seq * ROWS_PER_DOCUMENT


def match_expression(key: str) -> str:
    """`key` as one quoted FTS5 string."""
    return '"' + key.replace('"', '""') + '"'


def as_it_is(key: str) -> str:
    """The form of an index built before `index_form`: the normalised text itself."""
    return key


def trigram_query(key: str, form: Callable[[str], str] = index_form) -> str:
    """An FTS5 query for the pieces that hold every trigram of `key` (of its first
    OVERLAP + 1 characters when it is longer): a necessary condition for holding the key.
    `form`: how the index holds its text."""
    window = form(key[:OVERLAP + 1])
    trigrams = dict.fromkeys(window[i:i + TRIGRAM] for i in range(len(window) - TRIGRAM + 1))
    return " AND ".join(match_expression(trigram) for trigram in trigrams)
