"""What the search index holds for a document, and how a key is asked for.

The index is an FTS5 trigram table without positions (`detail=none`): for each row it knows
which trigrams occur, not where. A document is stored as a few overlapping pieces of its
normalised text, one row each (rowid = seq * ROWS_PER_DOCUMENT + piece), so that "every
trigram of the key" has to hold inside one piece of about 560 characters rather than anywhere
in the article: a rare word made of common trigrams then names a handful of documents, not
a tenth of the project. Pieces overlap by OVERLAP characters, so any key of up to
OVERLAP + 1 characters lies whole inside some piece; a longer key is asked for by its first
OVERLAP + 1 characters. Every candidate is confirmed on the stored text by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable

TRIGRAM = 3
PIECE = 512  # characters a piece starts after the previous one (more in a long article)
OVERLAP = 48  # characters a piece shares with the next
ROWS_PER_DOCUMENT = 8  # pieces at most: a longer article gets longer pieces


def pieces(key: str) -> list[str]:
    """A document's normalised text as the overlapping pieces the index stores."""
    step = max(PIECE, -(-(len(key) - OVERLAP) // ROWS_PER_DOCUMENT))
    if len(key) <= step + OVERLAP:
        return [key]
    return [key[start:start + step + OVERLAP] for start in range(0, len(key) - OVERLAP, step)]


def index_rows(documents: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """(rowid, piece) rows for (seq, normalised text) pairs."""
    return [(seq * ROWS_PER_DOCUMENT + number, piece)
            for seq, key in documents for number, piece in enumerate(pieces(key))]


def seq_of_row(rowid: int) -> int:
    return rowid // ROWS_PER_DOCUMENT


def first_row(seq: int) -> int:
    return seq * ROWS_PER_DOCUMENT


def match_expression(key: str) -> str:
    """`key` as one quoted FTS5 string."""
    return '"' + key.replace('"', '""') + '"'


def trigram_query(key: str) -> str:
    """An FTS5 query for the pieces that hold every trigram of `key` (of its first
    OVERLAP + 1 characters when it is longer): a necessary condition for holding the key."""
    window = key[:OVERLAP + 1]
    trigrams = dict.fromkeys(window[i:i + TRIGRAM] for i in range(len(window) - TRIGRAM + 1))
    return " AND ".join(match_expression(trigram) for trigram in trigrams)
