"""The team: handing out work packages (File › Work packages…), merging the annotators' files
back (File › Merge annotators' work…), and the Team panel that shows, per annotator, what was
assigned, started and done, their active time and when their work was last merged.

It may read the DeskContext; packaging and merging run as background jobs on their own
connection to the project, through the team services (packaging, merging, progress).
"""
