"""Other spellings news uses for the same Arabic word, for reading a word a dictionary holds
in another spelling (core.farahidi_lexicon): hamza seats, final letters, and the singular of a
sound feminine plural."""

from __future__ import annotations

# News spells a hamza on whichever seat its writer prefers (انتمائهم and انتماءهم, بدأوا and
# بدءوا), and a dictionary may hold only some: a word it cannot read is read in the other spellings.
_HAMZA_RESPELLINGS = (("ئ", "ء"), ("ؤ", "ء"), ("أو", "ءو"), ("ء", "ئ"))
# Final ه news writes for ة (بطريقه).
_FINAL_RESPELLINGS = (("ه", "ة"),)
# A dictionary lacks many sound feminine plurals (تمركزات, أهميات) whose singular it reads.
_PLURAL = "ات"


def respellings(letters: str) -> list[str]:
    """Other spellings of `letters` news uses for the same word, most faithful first, and the
    singular of a sound feminine plural."""
    variants: list[str] = []
    for written, other in _HAMZA_RESPELLINGS:
        if written in letters[1:]:
            variants.append(letters[:1] + letters[1:].replace(written, other))
    for written, other in _FINAL_RESPELLINGS:
        if letters.endswith(written):
            variants.append(letters[:-1] + other)
    if letters.endswith(_PLURAL) and len(letters) > 4:
        singular = letters[:-len(_PLURAL)]
        variants += [singular + "ة", singular]
    return variants


def with_final_ya(letters: str) -> str | None:
    """The same word with final ي for the ى many writers put in its place (وهى for وهي);
    None for a word that does not end in ى."""
    return letters[:-1] + "ي" if letters.endswith("ى") and len(letters) > 2 else None
