"""The desk's document list at any size: rows by position, read by seq instead of OFFSET.

A list view asks for rows by position (row 734,200 when the user drags the scroll bar to
the end). `DocumentList` answers with the seqs at those positions and reads just those rows:

- all documents: seqs are consecutive, so position n is seq first + n;
- one status other than new: the status table's (layer, status, document) index holds
  them in order; a page next to one already read continues from its seq (keyset), a jump
  steps over the narrow index from the nearer end;
- new: every document not in the sorted list of the others (read once per list), found by
  arithmetic on seqs;
- a text filter: documents are read in slices (`scan`) and the matching seqs kept, so the
  window can show what is found while the rest is still being read.

When seqs have gaps (a document removed outside Tawsim) the same answers come from slower
queries. A list is a snapshot: make a new one after imports or status changes.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import Any

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.storage import ProjectStore
from annotator.storage.listing import Listing, SeqBounds

SCAN_SLICE = 2000  # documents read per `scan` step: ~20 ms, short enough to keep a window live


class DocumentList:
    """One layer's documents, optionally filtered by status and by text in title or body."""

    def __init__(self, project: ProjectStore, layer: str | None,
                 status: Status | None = None, text: str | None = None) -> None:
        self.project = project
        layer_id = project.layer_id(layer) if layer else None
        self.listing = Listing(project.conn, layer_id)
        self.status = Status(status) if status is not None else None
        self.text = text or None
        self.bounds: SeqBounds = self.listing.bounds()
        self._known: dict[int, int] = {}  # position -> seq, from pages read (status lists)
        self._not_new: array | None = None
        self._matches = array("q")
        self._scanned_to = 0  # the last seq a text scan has read
        self.complete = self.text is None
        if self.text is not None:
            self._count = 0
        elif self.status is None:
            self._count = self.bounds.count
        elif self.status is Status.NEW:
            if self.bounds.dense:
                self._not_new = self.listing.not_new_seqs()
                self._count = self.bounds.count - len(self._not_new)
            else:
                self._count = self.listing.status_counts(self.bounds.count)[Status.NEW]
        else:
            self._count = self.listing.count_with_status(self.status)

    @property
    def count(self) -> int:
        """How many documents the list holds (so far, while a text scan is incomplete)."""
        return len(self._matches) if self.text is not None else self._count

    # -- the text filter ---------------------------------------------------------------------

    def scan(self, documents: int = SCAN_SLICE) -> int:
        """Read up to `documents` more documents for the text filter; returns how many
        matches were added. `complete` turns true when every document has been read."""
        if self.complete or self.text is None:
            return 0
        last, kept = self.listing.scan_text(self._scanned_to, documents, self.text,
                                            self.status)
        if last is None:
            self.complete = True
            return 0
        self._scanned_to = last
        self._matches.extend(kept)
        if last >= self.bounds.last:
            self.complete = True
        return len(kept)

    def scan_all(self) -> None:
        while not self.complete:
            self.scan()

    @property
    def scanned(self) -> float:
        """The share of the project a text scan has read, from 0 to 1."""
        if self.complete or not self.bounds.count:
            return 1.0
        if self.bounds.dense:
            return (self._scanned_to - self.bounds.first + 1) / self.bounds.count
        return min(self._scanned_to / self.bounds.last, 1.0)

    # -- positions -----------------------------------------------------------------------------

    def seqs(self, position: int, limit: int) -> list[int]:
        """The seqs at positions [position, position + limit) of the list."""
        end = min(position + limit, self.count)
        if position < 0 or position >= end:
            return []
        limit = end - position
        if self.text is not None:
            return list(self._matches[position:end])
        bounds = self.bounds
        if self.status is None:
            if bounds.dense:
                return list(range(bounds.first + position, bounds.first + end))
            return self._by_neighbours(position, limit, self.listing.seqs_after,
                                       self.listing.seqs_before, self.listing.seqs_at)
        if self.status is Status.NEW:
            if self._not_new is not None:
                return self._new_seqs(position, limit)
            return self._by_neighbours(
                position, limit, self.listing.new_seqs_after, None,
                lambda at, n, _total: self.listing.new_seqs_after(0, n, at))
        status = self.status
        return self._by_neighbours(
            position, limit,
            lambda after, n: self.listing.status_seqs_after(status, after, n),
            lambda before, n: self.listing.status_seqs_before(status, before, n),
            lambda at, n, total: self.listing.status_seqs_at(status, at, n, total))

    def rows(self, position: int, limit: int) -> list[dict[str, Any]]:
        """The rows at positions [position, position + limit): seq, id, title, status and
        span count."""
        return self.listing.rows(self.seqs(position, limit))

    def position_of_id(self, doc_id: str) -> int | None:
        try:
            seq = self.project.document_seq(doc_id)
        except TawsimError:
            return None
        return self.position_of(seq)

    def position_of(self, seq: int) -> int | None:
        """The document's position in the list, or None if the list does not hold it."""
        if self.text is not None:
            at = bisect_left(self._matches, seq)
            return at if at < len(self._matches) and self._matches[at] == seq else None
        bounds = self.bounds
        if not bounds.count or not bounds.first <= seq <= bounds.last:
            return None
        if self.status is not None and self.listing.status_of(seq) is not self.status:
            return None
        if self.status is None:
            return seq - bounds.first if bounds.dense else self.listing.position(seq)
        if self.status is Status.NEW:
            if self._not_new is not None:
                return seq - bounds.first - bisect_left(self._not_new, seq)
            return self.listing.new_position(seq)
        return self.listing.status_position(self.status, seq)

    # -- how positions become seqs -------------------------------------------------------------

    def _new_seqs(self, position: int, limit: int) -> list[int]:
        """New documents when seqs are consecutive: the n-th new seq is the smallest s with
        (s - first) - (documents not new before s) == n, found by bisection."""
        not_new = self._not_new
        assert not_new is not None
        first = self.bounds.first

        def new_before(seq: int) -> int:
            return seq - first - bisect_left(not_new, seq)

        low, high = first + position, first + position + len(not_new)
        while low < high:  # the smallest seq with position + 1 new documents up to it
            middle = (low + high) // 2
            if new_before(middle + 1) >= position + 1:
                high = middle
            else:
                low = middle + 1
        seqs: list[int] = []
        seq = low
        skip = bisect_left(not_new, seq)
        while len(seqs) < limit and seq <= self.bounds.last:
            if skip < len(not_new) and not_new[skip] == seq:
                skip += 1
            else:
                seqs.append(seq)
            seq += 1
        return seqs

    def _by_neighbours(self, position: int, limit: int, after: Any, before: Any,
                       at: Any) -> list[int]:
        """Keyset from a neighbouring page already read, else a jump (OFFSET on the
        narrowest index, from the nearer end)."""
        known = self._known
        if position == 0:
            seqs = after(0, limit)
        elif position - 1 in known:
            seqs = after(known[position - 1], limit)
        elif before is not None and position + limit in known:
            seqs = before(known[position + limit], limit)
        else:
            seqs = at(position, limit, self.count)
        if seqs:
            known[position] = seqs[0]
            known[position + len(seqs) - 1] = seqs[-1]
        return seqs
