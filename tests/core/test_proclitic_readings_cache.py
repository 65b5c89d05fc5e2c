"""The word -> readings cache in front of the analyser (core.lexicon_cache)."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.lexicon import WordReadings
from annotator.core.lexicon_cache import CachedLexicon, decode, encode

cuts = st.frozensets(st.integers(0, 2))
readings = st.builds(
    WordReadings, cuts, cuts, cuts, cuts,
    st.dictionaries(st.integers(0, 2), st.integers(0, 10**6)), st.integers(0, 10**6),
    st.floats(0, 1), st.dictionaries(st.integers(1, 2), st.floats(0, 1)), st.booleans(),
    cuts, cuts, st.booleans(), st.dictionaries(st.integers(1, 2), st.integers(0, 10**6)),
    st.booleans())


@given(st.none() | readings)
def test_readings_survive_a_line_of_the_file(word_readings):
    line = encode(word_readings)
    assert "\n" not in line and "\t" not in line
    assert decode(line) == word_readings


class CountingAnalyser:
    def __init__(self):
        self.asked: list[str] = []

    def __call__(self, letters):
        self.asked.append(letters)
        return None if letters == "لاي" else WordReadings(frozenset({0}), attested={0: 44})


def test_words_are_analysed_once_and_remembered_in_the_file(tmp_path):
    path = tmp_path / "cache" / "readings.txt"
    analyser = CountingAnalyser()
    first = CachedLexicon(analyser, "analyser 1", path)
    assert first("وادي").attested == {0: 44} and first("لاي") is None
    first("وادي")
    assert analyser.asked == ["وادي", "لاي"]
    # Another process: reads the file, asks the analyser nothing it has seen.
    later = CountingAnalyser()
    second = CachedLexicon(later, "analyser 1", path)
    assert second("وادي").attested == {0: 44} and second("لاي") is None
    assert later.asked == []
    assert second.learn(["وادي", "وبغداد", "لاي"]) == 1 and later.asked == ["وبغداد"]


def test_a_file_of_another_analyser_version_is_started_afresh(tmp_path):
    path = tmp_path / "readings.txt"
    CachedLexicon(CountingAnalyser(), "analyser 1", path)("وادي")
    analyser = CountingAnalyser()
    CachedLexicon(analyser, "analyser 2", path)("وادي")
    assert analyser.asked == ["وادي"]
    assert path.read_text(encoding="utf-8").splitlines()[0].endswith("analyser 2")


def test_a_broken_line_is_skipped_and_an_unwritable_place_keeps_memory_only(tmp_path):
    path = tmp_path / "readings.txt"
    CachedLexicon(CountingAnalyser(), "v", path)("وادي")
    with path.open("a", encoding="utf-8") as file:
        file.write("وقال\t[1,2")  # a process stopped half way through a line
    analyser = CountingAnalyser()
    cache = CachedLexicon(analyser, "v", path)
    assert cache("وادي") is not None and cache("وقال") is not None
    assert analyser.asked == ["وقال"]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    nowhere = CachedLexicon(CountingAnalyser(), "v", blocked / "readings.txt")
    assert nowhere("وادي") is not None and nowhere.path is None
