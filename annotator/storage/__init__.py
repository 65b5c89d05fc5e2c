"""The project file: SQLite through sqlite-utils, versioned by migrations."""

from annotator.storage.bulk import BulkImport, ImportCounts
from annotator.storage.project import PROJECT_SUFFIX, ProjectStore
from annotator.storage.scan import scan

__all__ = ["PROJECT_SUFFIX", "BulkImport", "ImportCounts", "ProjectStore", "scan"]
