"""The proclitic decision on a corpus that writes و apart: a check nobody tuned the rules on.

    python bench/proclitics_heldout.py CORPUS.conll

Some CoNLL corpora (NewsFANE) write the conjunction و as a token of its own and tag named
entities. Two things can be read off such a file without splitting anything by hand:

- each token written right after a lone و, joined to it again (و + أعلن), is a word whose و
  is a proclitic: the decision should trim it;
- each entity token that begins with و with no lone و before it (a name: وانج, ويجان) is a
  word whose و is its own letter: the decision must not trim it.

The corpus's own tokenising has errors (it also writes و apart from words such as وظائف),
so the first figure is a floor, not an accuracy. Printed: the counts of each verdict, and the
names that lost their first letter. The corpus is read where it is; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from annotator.core.proclitics import decide_proclitics  # noqa: E402

INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\ufeff"))


def tokens(path: Path) -> list[tuple[str, str] | None]:
    """(token, tag) per line, None for a sentence break; direction marks removed."""
    rows: list[tuple[str, str] | None] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip():
            rows.append(None)
            continue
        token, _, tag = line.replace("\t", " ").partition(" ")
        rows.append((token.translate(INVISIBLE).strip(), tag.strip()))
    return rows


def read_off(rows: list[tuple[str, str] | None]) -> tuple[set[str], set[str]]:
    """(words written و + the next token, entity tokens beginning with their own و)."""
    joined: set[str] = set()
    names: set[str] = set()
    for at, row in enumerate(rows):
        if row is None:
            continue
        token, tag = row
        before = rows[at - 1] if at else None
        after = rows[at + 1] if at + 1 < len(rows) else None
        if token == "و" and after is not None and len(after[0]) >= 2 \
                and "\u0621" <= after[0][0] <= "\u064a":
            joined.add("و" + after[0])
        if tag != "O" and token.startswith("و") and len(token) > 2 \
                and not (before is not None and before[0] == "و"):
            names.add(token)
    return joined, names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    joined, names = read_off(tokens(args.corpus))
    verdicts = Counter(decide_proclitics(word).verdict for word in joined)
    print(f"{len(joined)} distinct words written و + token: "
          + ", ".join(f"{verdict} {count}" for verdict, count in sorted(verdicts.items()))
          + f" (trimmed {verdicts['trim'] / max(len(joined), 1):.1%})")
    cut = sorted(word for word in names if decide_proclitics(word).verdict == "trim")
    print(f"{len(names)} distinct entity tokens beginning with their own و; first letter cut "
          f"in {len(cut)}: {' '.join(cut) or '-'}")


if __name__ == "__main__":
    main()
