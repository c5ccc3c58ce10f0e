"""The window's panes: one folder each (model, view, dialogs); ``registry.PANES`` lists them in order."""
