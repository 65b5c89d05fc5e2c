"""Train/dev/test splits decided by a hash of the document id.

The same document always lands in the same part, whatever else the project holds, whichever
layer is exported and on whichever machine: adding documents never moves old ones between
parts, and a document's layers never leak across train and test.
"""

from __future__ import annotations

import hashlib
import math

from annotator.core.errors import TawsimError
from annotator.core.filenames import is_windows_device, name_key

Split = tuple[tuple[str, float], ...]  # (part name, share), shares summing to 1


def parse_split(spec: str) -> Split:
    """`train=0.8,dev=0.1,test=0.1` (shares, or percentages summing to 100)."""
    parts: list[tuple[str, float]] = []
    for item in spec.split(","):
        name, sep, share = item.strip().partition("=")
        name = name.strip()
        if not sep or not name:
            raise TawsimError(f"--split takes NAME=SHARE,..., not {item.strip()!r}")
        if not name.replace("-", "").replace("_", "").isalnum():
            raise TawsimError(f"split part {name!r} must be a plain name (letters, digits)")
        try:
            value = float(share)
        except ValueError:
            raise TawsimError(f"split share {share!r} is not a number") from None
        if not math.isfinite(value) or value < 0:
            raise TawsimError(f"split share {share!r} must be zero or more")
        # Each part is a file named after it: train and Train are one file on Windows or macOS.
        if any(name_key(name) == name_key(other) for other, _ in parts):
            raise TawsimError(f"split part {name!r} is named twice (part names are file names, "
                              "compared without case)")
        if is_windows_device(name):
            raise TawsimError(f"split part {name!r} is a name Windows keeps for a device; "
                              "choose another")
        parts.append((name, value))
    total = sum(value for _, value in parts)
    if math.isclose(total, 100.0, abs_tol=1e-6):
        parts = [(name, value / 100.0) for name, value in parts]
    elif not math.isclose(total, 1.0, abs_tol=1e-6):
        raise TawsimError(f"split shares must add up to 1 (or 100), not {total:g}")
    if len(parts) < 2:
        raise TawsimError("a split needs at least two parts")
    return tuple(parts)


def position(doc_id: str) -> float:
    """Where the document falls in [0, 1): the first 8 bytes of SHA-256 of its id."""
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def part_of(doc_id: str, split: Split) -> str:
    point = position(doc_id)
    reached = 0.0
    for name, share in split:
        reached += share
        if point < reached:
            return name
    return split[-1][0]  # rounding left a sliver at the top
