"""Exporting a dataset: the dialog (format, its options, layer, status, labels, a split),
the export running in the background with a progress dialog and Cancel, and the report of
what the format could not carry.

It may read the DeskContext; it writes files only through the export service, never the
project.
"""
