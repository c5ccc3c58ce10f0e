"""Go-Live Cockpit: one launch file, every pane a launch team watches on go-live day."""

__version__ = "0.1.0"
