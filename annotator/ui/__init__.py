"""The desktop app (PySide6). The only package that imports Qt; it reaches the project only
through `annotator.services`."""
