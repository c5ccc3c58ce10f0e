"""Launch ▸ …: the launch's own settings and its stage (dialogs, and the actions that open them)."""
