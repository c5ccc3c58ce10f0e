"""The support pane: the ticket queue in SLA order with live countdowns, triage actions and the open-tickets chart."""
