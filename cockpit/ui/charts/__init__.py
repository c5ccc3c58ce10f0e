"""Charts in the window, painted natively: the chart kit (plot_*), the runbook time chart and each pane's chart."""
