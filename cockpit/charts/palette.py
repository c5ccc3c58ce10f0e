"""The charts' colours and type sizes, with no matplotlib: the window paints its charts from these too.

``charts.style`` builds matplotlib's settings from them; the Qt painters (``ui.charts``) read them here, so a
chart on screen and the same chart on paper share one palette without the window loading matplotlib.
"""

from __future__ import annotations

# Okabe & Ito, "Color Universal Design": distinguishable with every common colour-vision deficiency.
BLUE = "#0072B2"
SKY = "#56B4E9"
GREEN = "#009E73"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"
INK = "#222222"
MUTED_INK = "#555555"
BACKGROUND = "#FFFFFF"

# Points on paper; the screen keeps their ratios to the widget's own font (ui.charts.plot_paint).
TITLE_SIZE = 17
LABEL_SIZE = 13
TICK_SIZE = 12
NOTE_SIZE = 11
LEGEND_SIZE = NOTE_SIZE + 1

GRID_COLOUR = LIGHT_GREY
AXIS_COLOUR = MUTED_INK
