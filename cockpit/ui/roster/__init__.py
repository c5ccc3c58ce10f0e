"""Launch ▸ People…, Sign-off roster… and Go/no-go criteria…: the team and the gate, edited in the window."""
