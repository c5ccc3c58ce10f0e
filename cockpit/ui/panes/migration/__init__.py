"""The Migration pane: runbook time chart with ETA and slack, the step table with Start / Finish, the reconciliation ledger."""
