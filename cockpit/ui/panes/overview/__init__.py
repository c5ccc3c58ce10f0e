"""The overview: countdown, one light per pane, and the go/no-go panel."""
