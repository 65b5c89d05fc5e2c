"""What every room of the desk uses: the interface language and counted phrases (gettext
catalogues), label swatches and status names, fonts, the app's settings, the project session
behind Qt signals (DeskSession), background jobs on their own connection (JobRunner), and
small helpers for actions, docks, lists, tooltips and progress dialogs.

It shows nothing on its own and imports no other room of the desk.
"""
