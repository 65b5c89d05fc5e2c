"""Search: Ctrl+F in the article, the project search panel, label all occurrences, the
label's proclitic policy (Ctrl+T), invisible characters, and the search index kept up to
date in the background.

It may read the DeskContext; long work runs as background jobs on their own connection, and
every edit goes through the DeskSession.
"""
