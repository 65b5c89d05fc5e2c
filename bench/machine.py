"""What machine a benchmark ran on, in the same words in every report."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_facts() -> dict[str, str]:
    return {"cpu": cpu_model(), "cores": str(os.cpu_count()),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version}


def describe_machine(*extra: str) -> str:
    """One line: cores, CPU, Python, SQLite, and anything the benchmark adds."""
    facts = machine_facts()
    parts = [f"{facts['cores']} cores, {facts['cpu']}", f"Python {facts['python']}",
             f"SQLite {facts['sqlite']}", *extra]
    return "; ".join(parts)
