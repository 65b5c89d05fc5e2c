"""The scheme: its dialog (labels, colours, keys, attributes, values, relation types, with
what each change touches), loading and saving scheme files, and the help panel (F1) that
shows the project's guidelines from it.

It may read the DeskContext; scheme changes go through the DeskSession's scheme services,
which check and migrate the project's annotations.
"""
