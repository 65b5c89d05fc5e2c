"""The use cases: what the desktop app and the command line both call."""
