"""Comparing layers and building gold: a prediction (or another annotator's) layer shown
beside the working layer, its disagreements outlined, walked with F4 and accepted with A;
the lead's curation of several annotators into gold (versions side by side, accept, reject,
accept all, pre-merge, mark reviewed); the agreement figures of the document and the
project; and, in an annotator's package, the lead's feedback.

It may read the DeskContext and every layer through the services; it writes only the
working layer, through the session.
"""
