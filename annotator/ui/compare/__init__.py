"""Comparing layers: a prediction (or another annotator's) layer shown beside the working
layer, the disagreements outlined in both articles and listed, walked with F4, and a
predicted span accepted into the working layer as one undoable edit.

It may read the DeskContext and both layers through the services; it writes only the
working layer, through the session.
"""
