"""`tawsim stats` checks every page of a project up to 256 MB; a larger one only with
--check, since reading 4.5 GB takes minutes and stats should answer at once."""

from __future__ import annotations

from click.testing import CliRunner

import annotator.storage.project_file as project_file
from annotator.cli import cli
from annotator.storage import ProjectStore


def test_stats_checks_small_files_and_large_ones_when_asked(tmp_path, monkeypatch):
    path = tmp_path / "p.tawsim"
    ProjectStore.create(path).close()
    checked = []
    real = project_file.ProjectFile.verify
    monkeypatch.setattr(project_file.ProjectFile, "verify",
                        lambda self: checked.append(self.path) or real(self))

    def stats(*extra: str) -> None:
        result = CliRunner().invoke(cli, ["stats", str(path), *extra])
        assert result.exit_code == 0, result.output

    stats()
    assert checked == [path]
    monkeypatch.setattr(project_file, "QUICK_CHECK_LIMIT", 1024)  # now it is "large"
    stats()
    assert checked == [path]
    stats("--check")
    assert checked == [path, path]
