"""The dependency direction is enforced by tools, so breaking it fails a test."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the test extras"
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_core_storage_formats_services_and_cli_import_without_qt():
    """Import every non-UI module with PySide6 made unimportable; the core also without
    sqlite3. A module that reaches for them fails here even if no contract names it."""
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class Block:
            def __init__(self, names): self.names = names
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in self.names:
                    raise ImportError(f"blocked import of {name}")

        sys.meta_path.insert(0, Block({"PySide6", "shiboken6", "sqlite3", "_sqlite3",
                                       "sqlite_utils"}))
        import annotator.core
        for info in pkgutil.walk_packages(annotator.core.__path__, "annotator.core."):
            importlib.import_module(info.name)
        sys.meta_path[0] = Block({"PySide6", "shiboken6"})
        import annotator
        for info in pkgutil.walk_packages(annotator.__path__, "annotator."):
            if not info.name.startswith("annotator.ui"):
                importlib.import_module(info.name)
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
