"""Colours for the charts: Okabe–Ito, safe for colour-blind readers, strong enough for a projector.

Yellow is left out of lines and bars that sit on white: it disappears on a washed-out projector.
"""

from __future__ import annotations

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "black": "#000000",
    "yellow": "#F0E442",
}

# Lines drawn one after another (retention by district): the first is "all groups", in black.
LINE_COLOURS = (
    OKABE_ITO["black"],
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["green"],
    OKABE_ITO["orange"],
    OKABE_ITO["purple"],
    OKABE_ITO["sky"],
)

STATUS_COLOURS = {
    "present": OKABE_ITO["green"],
    "late": OKABE_ITO["sky"],
    "excused": OKABE_ITO["orange"],
    "absent": OKABE_ITO["vermillion"],
}

BAR = OKABE_ITO["sky"]
BAR_LIGHT = "#B3DAF2"  # sky blue, lightened: bars behind a line must not compete with it
LINE = OKABE_ITO["blue"]
SECOND = OKABE_ITO["vermillion"]
GRID_TEXT = "#33444a"

# Counts behind a rate (meetings held under the attendance line): grey, so that the blue of
# the rate is the only blue, and its axis is written in the same grey.
COUNT_BAR = "#C9D1D4"
COUNT_TEXT = "#4d5d63"
TARGET = "#33444a"  # the office's target: a dark dashed line, neither good nor bad
BELOW_TARGET = OKABE_ITO["vermillion"]  # a bar under the target; its number is written beside it
# A different marker on each line as well as a colour: shapes survive colour blindness and
# a black-and-white print.
LINE_SYMBOLS = ("o", "s", "t", "d", "+", "x", "star")
NEAR_TARGET_BAR = OKABE_ITO["orange"]  # within a few points under the target
