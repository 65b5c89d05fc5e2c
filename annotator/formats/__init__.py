"""Interchange formats: one module per format, all registered in `registry`."""
