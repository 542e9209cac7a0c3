"""tidelib — a tiny tide-table toolkit.

Reads water-level observations, finds high and low waters, predicts the
next tides from a few harmonic constituents and renders small reports.
"""

from .units import to_metres, to_feet, parse_height, format_height
from .tides import Reading, parse_readings, extremes, tidal_range
from .forecast import Constituent, predict, next_high_water, smooth

__all__ = [
    "to_metres",
    "to_feet",
    "parse_height",
    "format_height",
    "Reading",
    "parse_readings",
    "extremes",
    "tidal_range",
    "Constituent",
    "predict",
    "next_high_water",
    "smooth",
]

__version__ = "0.3.0"
