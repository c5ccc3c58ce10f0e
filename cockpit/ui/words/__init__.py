"""Words the window shows for the domain's values, moments, people and rows."""
