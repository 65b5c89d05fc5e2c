"""The document list: a filter by status and text, and a table of the project's documents
(title, status, span count) read a page at a time, so a project of any size opens at once.

It shows the open session's documents and reports which one was chosen; it keeps span
counts current from the session's edit signal, and never changes a document.
"""
