"""Claims: the selected span's attributes, note and links (the details panel), the claims
table of the document, link mode (S, then a click or the picker) with the links drawn over
the article, and the scheme's letter keys on a selected span (a stance, a relation).

It may read the DeskContext (session, document, article, selection) and edits spans'
attributes, notes and links only through the DeskSession.
"""
