"""Charts in the window: the view, the chart process and what it renders."""
