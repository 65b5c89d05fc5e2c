"""The article: the text in the middle of the desk (read-only, right to left, its spans
coloured by label), the span index behind it, the layers drawn over it (marks, find hits,
invisible characters), the find bar and finder (Ctrl+F), and the edit controller that turns
a selection and a label key into a span.

It shows one document's text and spans; it edits only through the DeskSession, and knows
nothing of the panels around it.
"""
