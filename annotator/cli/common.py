"""What every `tawsim` command shares: user errors as one line, plurals and a progress bar.

Errors a user can cause print one line to stderr, naming the file and line, and exit 1;
nothing is changed. Anything else escaping is a bug and shows its traceback.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from annotator.core.errors import TawsimError
from annotator.core.model import Status
from annotator.core.phrases import counted
from annotator.services.projects import as_user_error

STATUSES = [s.value for s in Status]
PROGRESS_DELAY = 0.5  # seconds of silence before a progress bar appears


plural = counted  # the CLI's name for it


class TawsimGroup(click.Group):
    """Turns user errors into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TawsimError as error:
            click.echo(f"tawsim: error: {error}", err=True)
            ctx.exit(1)
        except Exception as error:
            translated = as_user_error(error)
            if translated is None:
                raise
            click.echo(f"tawsim: error: {translated}", err=True)
            ctx.exit(1)


@contextmanager
def lazy_progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress callback that shows a bar on a terminal, once the work has taken a moment.
    Written to a pipe or a log, a bar is only its label on a line of its own, which would
    break the rule that a refusal is one line (and how long a moment is depends on the
    machine): nothing is shown there."""
    if not sys.stderr.isatty():
        yield lambda count: None
        return
    started = time.monotonic()
    state: dict[str, Any] = {"bar": None, "done": 0}

    def advance(count: int) -> None:
        state["done"] += count
        bar = state["bar"]
        if bar is None:
            if time.monotonic() - started < PROGRESS_DELAY:
                return
            bar = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            bar.__enter__()
            bar.update(state["done"] - count)
            state["bar"] = bar
        bar.update(count)

    try:
        yield advance
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)
