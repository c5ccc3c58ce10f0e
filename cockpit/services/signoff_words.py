"""The decisions ``cockpit signoff --decision`` takes, and the value each is stored as (a module of its own:
the command line lists them without loading the roster's service)."""

DECISIONS = {"go": "go", "no_go": "no_go", "conditional": "conditional_go", "pending": "pending"}
