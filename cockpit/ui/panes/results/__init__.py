"""The Tests pane: runs per level with pass rate, a trend per level, the latest failures, and result import."""
