"""The label scheme: which labels, attributes and relation types a project allows.

definitions holds the scheme as frozen values, loading reads and checks it (its shape
against the JSON Schema, then the rules in rules), hotkeys maps typed keys to scheme keys.
Everything is importable from here, as it was when the scheme was a single module.
"""

from annotator.core.scheme.definitions import (
    FALLBACK_LANGUAGE,
    LANGUAGES,
    PROCLITIC_POLICIES,
    STYLES,
    AttributeDef,
    AttributeValue,
    ClaimRoles,
    LabelDef,
    RelationDef,
    Scheme,
    localise,
)
from annotator.core.scheme.hotkeys import hotkey_of
from annotator.core.scheme.loading import (
    InvalidScheme,
    default_scheme,
    load_scheme,
    parse_scheme_text,
    scheme_from_dict,
)
from annotator.core.scheme.rules import Pointer

__all__ = [
    "FALLBACK_LANGUAGE",
    "LANGUAGES",
    "PROCLITIC_POLICIES",
    "STYLES",
    "AttributeDef",
    "AttributeValue",
    "ClaimRoles",
    "InvalidScheme",
    "LabelDef",
    "Pointer",
    "RelationDef",
    "Scheme",
    "default_scheme",
    "hotkey_of",
    "load_scheme",
    "localise",
    "parse_scheme_text",
    "scheme_from_dict",
]
