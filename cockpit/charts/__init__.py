"""Charts as pure functions: domain rows in, a standalone matplotlib ``Figure`` out. No Qt, no pyplot.

The window wraps a figure in ``FigureCanvasQTAgg``; the report saves the same figure as vector PDF.
Import the chart modules themselves (``cockpit.charts.risks`` …): this package imports nothing, so
naming it does not pull in matplotlib before the window's first paint.
"""
