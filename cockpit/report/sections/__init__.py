"""One module per part of the report; each turns the report context into its blocks."""
