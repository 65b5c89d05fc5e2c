"""The shell: the app (`tawsim-gui`), the main window and what belongs to the window as a
whole: its actions and menus, the label palette, the status bar, where the docks go, the
document header, the context menu, the working layer, file dialogs and the screenshots.

It builds the DeskContext and every feature, places their panels, actions and menus, and
tells them in turn when a project, a layer or a document opens. It is the only room that
imports the main window, and the only one that may import the features.
"""
