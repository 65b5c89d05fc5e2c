"""Arabic news-style passages written for the tests, and hypothesis strategies over such text.

The passages mix what breaks annotation tools: harakat and shadda on letters, tatweel, NBSP,
direction marks, emoji with skin tones and ZWJ sequences, curly quotes, and CRLF line endings.
"""

from __future__ import annotations

from hypothesis import strategies as st

# A fictional incident, composed for Tawsim's tests.
ARTICLE_LF = (
    "قالت مصادرُ محلية إنّ قذائفَ سقطت على بلدة الزهراء 🚀 صباح الأحد.\n"
    "وأكد\u00a0المتحدث باسم الدفاع المدني أن “الطريق مفتوح أمام المدنيين” 👍🏽.\n"
    "\n"
    "ونفت الوزارةُ وقوعَ أي إصابات بسوريا، بينما قال شاهدٌ إن الـقصف \u200fاستمر ساعة "
    "👨\u200d👩\u200d👧.\n"
)
ARTICLE_CRLF = ARTICLE_LF.replace("\n", "\r\n")

SHORT = "أعلنت الشرطة في الموصل ضبط شاحنة تحمل صواريخ."

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءأإآؤئةى"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0652"  # tanwin, fatha, damma, kasra, sukun
SHADDA = "\u0651"
TATWEEL = "\u0640"
NBSP = "\u00a0"
MARKS = "\u200f\u200e\u061c\u200c\u200d"  # RLM, LRM, ALM, ZWNJ, ZWJ
EMOJI = ["🚀", "👍🏽", "👨\u200d👩\u200d👧", "🇸🇾", "😀"]

_pieces = st.one_of(
    st.sampled_from(list(ARABIC_LETTERS)),
    st.sampled_from(list(ARABIC_LETTERS)).map(lambda c: c + SHADDA),
    st.tuples(st.sampled_from(list(ARABIC_LETTERS)), st.sampled_from(list(HARAKAT))).map(
        "".join),
    st.sampled_from([TATWEEL, NBSP, " ", "\r\n", "\n", "\r", "،", ".", "“", "”", "5"]),
    st.sampled_from(list(MARKS)),
    st.sampled_from(EMOJI),
)

arabic_text = st.lists(_pieces, min_size=1, max_size=60).map("".join)
"""Random strings of Arabic letters, harakat, shadda, tatweel, NBSP, marks, emoji and CRLF."""

stored_text = arabic_text.map(lambda s: s.replace("\r\n", "\n").replace("\r", "\n"))
"""The same, already canonical (as a project stores it)."""
