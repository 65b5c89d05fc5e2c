"""What the tests of the interface's translations read: the strings the desk code wraps in tr()
and trn() and the refusals marked translatable() or translatable_plural() anywhere in annotator/,
extracted by Babel as the README's `pybabel extract` does, and the catalogues."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

from annotator.core.datafiles import resource_file

ROOT = Path(__file__).resolve().parents[3]
# the README's `-k tr -k trn:1,2 -k translatable -k translatable_plural:1,2`
KEYWORDS = parse_keywords(["tr", "trn:1,2", "translatable", "translatable_plural:1,2"])
SINGLE = {"tr", "translatable"}
COUNTED = {"trn", "translatable_plural"}

# A message is its msgid, or (singular, plural) for a counted phrase, as Babel keys them.
MessageId = str | tuple[str, ...]


def extracted() -> set[MessageId]:
    """What the README's `pybabel extract -F babel.cfg --no-default-keywords -k tr …` finds."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)
    return {message for _path, _line, message, _comments, _context in found}


def wrapped_in_f_strings() -> set[MessageId]:
    """Marked strings (tr(), trn(), translatable(), translatable_plural()) inside the {…} of an
    f-string: Babel sees them on Python 3.12 and later, where f-strings are tokenised, but not
    on 3.11."""
    found: set[MessageId] = set()
    for path in sorted((ROOT / "annotator").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for f_string in (node for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)):
            for call in (node for node in ast.walk(f_string) if isinstance(node, ast.Call)):
                name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
                texts = [arg.value for arg in call.args if isinstance(arg, ast.Constant)]
                if name in SINGLE and texts:
                    found.add(texts[0])
                elif name in COUNTED and len(texts) > 1:
                    found.add((texts[0], texts[1]))
    return found


def messages_in_code() -> set[MessageId]:
    """Every string the code marks for the catalogue, on any supported Python."""
    return extracted() | wrapped_in_f_strings()


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=path.stem)


def shipped_catalogue(language: str) -> Catalog:
    return read_catalogue(resource_file("i18n", f"{language}.po"))


def messages(catalogue: Catalog) -> dict[MessageId, Message]:
    """The catalogue's entries by msgid, without its header."""
    return {message.id: message for message in catalogue if message.id}


def form_categories(catalogue: Catalog) -> list[str]:
    """The CLDR category each plural form (msgstr[0], msgstr[1], …) stands for, found by
    sending numbers through the catalogue's Plural-Forms rule; fails if one form would serve
    two categories, i.e. if the rule disagrees with CLDR."""
    rule = gettext.c2py(catalogue.plural_expr)
    locale = Locale.parse(catalogue.locale_identifier)
    seen: dict[int, set[str]] = {}
    for number in range(2000):
        seen.setdefault(rule(number), set()).add(locale.plural_form(number))
    assert all(len(categories) == 1 for categories in seen.values()), seen
    return [seen[form].pop() for form in range(catalogue.num_plurals)]


def numbers_per_form(catalogue: Catalog) -> list[int]:
    """How many of the numbers 0 to 1999 each plural form serves."""
    rule = gettext.c2py(catalogue.plural_expr)
    counts = [0] * catalogue.num_plurals
    for number in range(2000):
        counts[rule(number)] += 1
    return counts
