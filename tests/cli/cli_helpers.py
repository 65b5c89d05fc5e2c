"""Running the `tawsim` command in a test: a run that must succeed, and a refusal that must be
one line on stderr with exit code 1, never a traceback."""

from __future__ import annotations

from click.testing import CliRunner, Result

from annotator.cli import cli


def run(*args: object, ok: bool = True) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(*args: object) -> str:
    """The one line of a refused command (exit code 1)."""
    result = run(*args, ok=False)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tawsim: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]
