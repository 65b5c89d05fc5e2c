"""Scheme changes as values: each edit turns a scheme's JSON into the next one and says where
old names went (see scheme_migration), so the storage layer can carry the annotations along.

An edit never checks annotations; it only refuses what makes no sense in the scheme itself
(an unknown name, a name already taken, removing the last label). The result is validated
like any scheme file before anything is stored.

The ops live in one module per thing they change (labels, attributes, values, relations,
whole_scheme) and are all importable from here.
"""

from annotator.core.scheme_edits.attributes import (
    ATTRIBUTE_SETTINGS,
    AddAttribute,
    EditAttribute,
    RemoveAttribute,
    RenameAttribute,
)
from annotator.core.scheme_edits.base import SchemeEdit, SchemeOp
from annotator.core.scheme_edits.labels import (
    LABEL_SETTINGS,
    AddLabel,
    EditLabel,
    MergeLabel,
    MoveLabel,
    RemoveLabel,
    RenameLabel,
)
from annotator.core.scheme_edits.relations import (
    RELATION_SETTINGS,
    AddRelation,
    EditRelation,
    MergeRelation,
    RemoveRelation,
    RenameRelation,
    SetRelationEnds,
)
from annotator.core.scheme_edits.values import (
    VALUE_SETTINGS,
    AddValue,
    EditValue,
    MergeValue,
    RemoveValue,
    RenameValue,
)
from annotator.core.scheme_edits.whole_scheme import SCHEME_SETTINGS, EditScheme, ReplaceScheme

__all__ = [
    "ATTRIBUTE_SETTINGS",
    "LABEL_SETTINGS",
    "RELATION_SETTINGS",
    "SCHEME_SETTINGS",
    "VALUE_SETTINGS",
    "AddAttribute",
    "AddLabel",
    "AddRelation",
    "AddValue",
    "EditAttribute",
    "EditLabel",
    "EditRelation",
    "EditScheme",
    "EditValue",
    "MergeLabel",
    "MergeRelation",
    "MergeValue",
    "MoveLabel",
    "RemoveAttribute",
    "RemoveLabel",
    "RemoveRelation",
    "RemoveValue",
    "RenameAttribute",
    "RenameLabel",
    "RenameRelation",
    "RenameValue",
    "ReplaceScheme",
    "SchemeEdit",
    "SchemeOp",
    "SetRelationEnds",
]
