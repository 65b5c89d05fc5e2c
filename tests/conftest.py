"""Shared fixtures: every test works in a temporary folder, with a real project file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TAWSIM_ANNOTATOR", "tester")

from annotator.storage import ProjectStore

# `pytest --hypothesis-profile thorough` tries many more cases in the property tests that do
# not set their own number; the suite's default keeps them fast.
settings.register_profile("thorough", max_examples=1000, deadline=None)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "test.tawsim"


@pytest.fixture
def project(project_path: Path):
    store = ProjectStore.create(project_path)
    yield store
    store.close()
