"""CoNLL export with proclitics split: a word the team labels whole stays one token, as the
desk's label keys keep it (a name the dictionary would cut), but never against the article."""

from annotator.core.proclitics import decide_proclitics
from annotator.services.exporting import export_dataset
from annotator.services.session import AnnotationSession
from tests.services.conftest import add_documents

# Composed for this test. ويلسون (Wilson) is a name the dictionary lacks, read و + a verb.
TEXT = "وصل ويلسون أمس. وقال ويلسون إن الوفد في والعراق."


def rows(path, columns=2):
    """Token rows: the token and the first `columns` - 1 tag columns (ENTITY, then CLAIM)."""
    return [line.split("\t")[:columns] for line in path.read_text("utf-8").split("\n")
            if line and not line.startswith(("#", "-DOCSTART-"))]


def at(word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def test_a_name_labelled_whole_is_one_token_and_the_article_still_splits(project, tmp_path):
    assert decide_proclitics("ويلسون").verdict == "trim"  # what the tokeniser does alone
    add_documents(project, [("d", TEXT)])
    gold = AnnotationSession(project, "lead", layer="gold")
    gold.add_span("d", *at("ويلسون"), "ACTOR")
    gold.add_span("d", *at("والعراق"), "LOCATION")  # a slip: the article still splits
    out = tmp_path / "gold.conll"
    export_dataset(project, out, format="conll", layer="gold")
    tokens = rows(out)
    assert tokens[1:2] == [["ويلسون", "B-ACTOR"]]
    assert ["ويلسون", "O"] in tokens  # the second mention, the same word, kept whole too
    assert ["و", "O"] in tokens and ["قال", "O"] in tokens
    assert tokens[-3:-1] == [["و", "B-LOCATION"], ["العراق", "I-LOCATION"]]


def test_a_claim_says_nothing_of_its_first_word(project, tmp_path):
    add_documents(project, [("d", TEXT)])
    gold = AnnotationSession(project, "lead", layer="gold")
    start, _ = at("وقال")
    gold.add_span("d", start, at("والعراق")[1], "CLAIM")  # a claim keeps what it quotes
    out = tmp_path / "gold.conll"
    export_dataset(project, out, format="conll", layer="gold")
    tokens = [[token, claim] for token, _, claim in rows(out, columns=3)]
    assert tokens[5:9] == [["و", "B-CLAIM"], ["قال", "I-CLAIM"], ["و", "I-CLAIM"],
                           ["يلسون", "I-CLAIM"]]
