"""Every change to annotations is a command with do and undo, run through one stack.

base says what a command is and what it needs from the project; spans, relations, status and
batch hold the commands; fields says which fields an update touches; revisions records what
a writer last saw; stack runs them with undo and redo; summary describes them for menus.
Everything is importable from here, as it was when this was a single module.
"""

from annotator.core.commands.base import (
    AnnotationStore,
    Change,
    Command,
    EditRecord,
    StaleEdit,
)
from annotator.core.commands.batch import Batch
from annotator.core.commands.relations import AddRelation, RemoveRelation, UpdateRelation
from annotator.core.commands.spans import AddSpan, RemoveSpan, UpdateSpan
from annotator.core.commands.stack import CommandStack, Listener
from annotator.core.commands.status import SetStatus
from annotator.core.commands.summary import EditSummary, span_summary

__all__ = [
    "AddRelation",
    "AddSpan",
    "AnnotationStore",
    "Batch",
    "Change",
    "Command",
    "CommandStack",
    "EditRecord",
    "EditSummary",
    "Listener",
    "RemoveRelation",
    "RemoveSpan",
    "SetStatus",
    "StaleEdit",
    "UpdateRelation",
    "UpdateSpan",
    "span_summary",
]
