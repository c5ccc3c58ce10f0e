"""The status report from the window: export, print and print preview."""
