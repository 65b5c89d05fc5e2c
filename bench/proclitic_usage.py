"""Where the usage thresholds of core.word_usage come from, measured again.

    python bench/proclitic_usage.py

The analyser's annotated corpus (shipped with farahidi) says, for each written word it saw,
which cut each occurrence had. Every word beginning with و ف ب ك ل that it saw 20 times or
more, 95% of them with one reading that the analyser can place, is a labelled example: split
(its proclitics cut) or whole. For each, the gap between how often written Arabic uses the word
and its rest (core.word_usage: Zipf units of wordfreq's Arabic list) is taken after the cut
(for a whole word, after its shortest possible cut). Printed per first letter: how many
examples of each, the 5% quantile of the whole words' gaps (the threshold: below it a word is
used as proclitics + rest are), the threshold the decision uses (the quantile to a tenth), and
the share of each kind below it. The proclitic table in tests/ is not read: the thresholds are
set on the corpus, and scored on the table.
"""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from annotator.core import farahidi_corpus  # noqa: E402
from annotator.core.farahidi_lexicon import analyse_word  # noqa: E402
from annotator.core.lexicon import PROCLITIC_LETTERS  # noqa: E402
from annotator.core.word_usage import USED_AS_A_SPLIT, word_usage  # noqa: E402

SIGHTINGS = 20
SHARE = 0.95


def labelled_gaps() -> dict[tuple[str, str], list[float]]:
    """(kind, first letter) -> the usage gaps of the corpus's well-attested words."""
    gaps: dict[tuple[str, str], list[float]] = defaultdict(list)
    for word, lemmas in farahidi_corpus.attested().items():
        if word[:1] not in PROCLITIC_LETTERS or len(word) < 3 \
                or sum(count for _, count in lemmas) < SIGHTINGS:
            continue
        readings = analyse_word(word)
        if readings is None or not readings.analysed:
            continue
        preferred, share = readings.preference()
        if preferred is None or share < SHARE:
            continue
        cut = preferred or min((cut for cut in readings.cuts if cut > 0), default=0)
        used = word_usage(word, cut) if cut else None
        if used is not None:
            gaps["split" if preferred else "whole", word[0]].append(used.gap)
    return gaps


def main() -> None:
    gaps = labelled_gaps()
    print("letter | whole: n, 5% quantile | threshold | below it: whole, split (n)")
    for letter in PROCLITIC_LETTERS:
        whole, split = gaps["whole", letter], gaps["split", letter]
        threshold = USED_AS_A_SPLIT[letter]
        print(f"{letter} | {len(whole)}, {statistics.quantiles(whole, n=20)[0]:+.2f} | "
              f"{threshold:+.1f} | {sum(gap < threshold for gap in whole) / len(whole):.1%}, "
              f"{sum(gap < threshold for gap in split) / len(split):.1%} ({len(split)})")


if __name__ == "__main__":
    main()
