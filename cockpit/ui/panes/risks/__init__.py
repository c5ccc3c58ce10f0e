"""The risks pane: a clickable likelihood × impact heat map, the risk register and the risk dialog."""
