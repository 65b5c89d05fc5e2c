"""The desktop app (PySide6): the only package that imports Qt; it reaches the project only
through `annotator.services`.

Its rooms, from the top down (import-linter keeps every arrow pointing down, and features
never import each other):
- `shell/`: the app, the main window, menus, actions, status bar, docks, settings dialogs;
  it builds every feature and wires them together.
- the features: `documents/`, `spans/`, `claims/`, `compare/`, `search/`, `scheme/`,
  `export/`, `importing/`; each gets the DeskContext, never the window.
- `context.py`: the DeskContext, what a feature may see and do.
- `article/`: the article as text, its highlighting and marks, find, and turning selections
  into edits.
- `common/`: what every room uses: the interface language, settings, the project session
  behind Qt signals, background jobs, small widget helpers.
"""
