"""Remote sources in the window: the Sources menu, the manage and edit dialogs, background refresh."""
