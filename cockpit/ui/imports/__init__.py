"""Importing tables (CSV, .xlsx) through the mapping dialog, and exporting panes to CSV or Excel."""
