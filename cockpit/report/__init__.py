"""The status report (DESIGN.md: one layout, rendered to PDF or to a printer). Qt-free.

``build.build_report(data, now=…, paper=…)`` returns the report's pages as standalone matplotlib Figures;
``output.write_pdf`` writes them as one PDF, ``output.write_svgs`` as one SVG per page for the window to
print. The window reaches all of this only through ``python -m cockpit.report.worker``: this package
imports nothing, so naming it loads no matplotlib.
"""
