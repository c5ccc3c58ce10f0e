"""Building blocks every pane shares: the row model, column widths, delegates, theme, message bar and conflict dialog."""
