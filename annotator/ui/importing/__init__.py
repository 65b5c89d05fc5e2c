"""Importing articles into the open project (files, folders, JSON and JSONL), with a progress
dialog and Cancel; a cancelled or failed import changes nothing.

It writes to the project only through the import service.
"""
