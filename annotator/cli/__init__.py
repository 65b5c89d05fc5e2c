"""The `tawsim` command: a thin click layer over the same services the desktop app calls.

Each command group lives in its own module; this one gathers them under the `tawsim` group.
Errors a user can cause print one line to stderr, naming the file and line, and exit 1;
nothing is changed. Anything else escaping is a bug and shows its traceback.
"""

from __future__ import annotations

import click

from annotator import __version__
from annotator.cli import audit, exporting, formats, importing, merge, projects, scheme, search
from annotator.cli.common import TawsimGroup
from annotator.cli.review import agree, curate, status
from annotator.cli.team import package, progress

__all__ = ["cli", "main"]


@click.group(cls=TawsimGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tawsim")
def cli() -> None:
    """Tawsim (توسيم): annotate Arabic news offline, export datasets, audit extractors."""


cli.add_command(projects.init)
cli.add_command(importing.import_)
cli.add_command(exporting.export)
cli.add_command(projects.stats)
cli.add_command(projects.backup)
cli.add_command(formats.validate)
cli.add_command(search.search)
cli.add_command(scheme.scheme_group)
cli.add_command(formats.formats_)
cli.add_command(audit.audit)
cli.add_command(package)
cli.add_command(progress)
cli.add_command(agree)
cli.add_command(curate)
cli.add_command(status)
cli.add_command(merge.merge)


def main() -> None:
    cli(prog_name="tawsim")
