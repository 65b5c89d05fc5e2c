"""Inter-annotator agreement between two layers: spans, labels, stances and links.

compare_layers() takes, per document, the text and two layers' spans and relations and
returns a PairAgreement, whose as_dict() is what `tawsim agree` prints for one pair
(compare_all() does every pair of several layers in one pass):
span F1 (exact, relaxed, label-blind; per label; bootstrap intervals over documents),
Krippendorff's α_U, Cohen's kappa over tokens and over the stances of matched claims,
SOURCE-link F1, boundary-only disagreements (proclitic, article), the label confusion
table and each document's relaxed F1. The parts are usable alone: matching, unitizing,
kappa, token_labels, bootstrap, edges.
"""

from annotator.core.agreement.kappa import Kappa, cohen_kappa
from annotator.core.agreement.matching import Matching, label_blind_matching, relaxed_matching
from annotator.core.agreement.pairwise import (
    DEFAULT_CLAIMS,
    LayeredDocument,
    PairedDocument,
    compare_all,
    compare_layers,
)
from annotator.core.agreement.results import (
    UNMATCHED,
    BoundaryOnly,
    DocumentScore,
    PairAgreement,
    SpanScores,
    Tally,
)
from annotator.core.agreement.token_labels import TokenCounter
from annotator.core.agreement.unitizing import Continuum, UnitizingAlpha, unitizing_alpha

__all__ = [
    "DEFAULT_CLAIMS",
    "UNMATCHED",
    "BoundaryOnly",
    "Continuum",
    "DocumentScore",
    "Kappa",
    "LayeredDocument",
    "Matching",
    "PairAgreement",
    "PairedDocument",
    "SpanScores",
    "Tally",
    "TokenCounter",
    "UnitizingAlpha",
    "cohen_kappa",
    "compare_all",
    "compare_layers",
    "label_blind_matching",
    "relaxed_matching",
    "unitizing_alpha",
]
