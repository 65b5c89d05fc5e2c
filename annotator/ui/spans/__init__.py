"""The span list: the open document's spans as a sortable table (label, text, position),
following the article's selection and choosing a span in it.

It shows what the shell gives it (the document's spans and each edit's changes) and edits
nothing.
"""
