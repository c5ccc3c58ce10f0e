"""The open launch file in the window: the session, its undo, and the worker threads it runs on."""
