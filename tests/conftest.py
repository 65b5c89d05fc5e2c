"""Shared fixtures: every test works in a temporary folder, with a real project file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TAWSIM_ANNOTATOR", "tester")
# The analyser's readings stay in memory: tests never write to the user's cache folder, and
# no two test processes share a cache file.
os.environ.setdefault("TAWSIM_CACHE_DIR", "")

from annotator.storage import ProjectStore

# No property test has a deadline: how long one example takes depends on the machine and on
# what else runs on it, and a test must never fail by chance. The suite's default profile
# keeps the number of examples small; `pytest --hypothesis-profile thorough` tries many more
# in the property tests that do not set their own number.
# The suite's examples are derived from each test itself (derandomize), so a run never fails
# by chance: what one run passes, every run passes. Looking for new failing cases is the
# thorough profile's job: pytest --hypothesis-profile thorough (a thousand random examples).
settings.register_profile("suite", deadline=None, print_blob=True, derandomize=True)
settings.register_profile("thorough", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile("suite")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "test.tawsim"


@pytest.fixture
def project(project_path: Path):
    store = ProjectStore.create(project_path)
    yield store
    store.close()
