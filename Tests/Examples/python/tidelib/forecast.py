"""Harmonic tide prediction from a handful of constituents."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from .tides import Reading

# Angular speeds in degrees per hour of the main constituents.
SPEEDS = {
    "M2": 28.9841042,
    "S2": 30.0,
    "N2": 28.4397295,
    "K1": 15.0410686,
    "O1": 13.9430356,
}

EPOCH = datetime(2000, 1, 1)


@dataclass(frozen=True)
class Constituent:
    name: str
    amplitude: float  # metres
    phase: float  # degrees

    @property
    def speed(self):
        try:
            return SPEEDS[self.name]
        except KeyError:
            raise ValueError(f"unknown constituent {self.name}") from None


def height_at(when, constituents, datum=0.0):
    hours = (when - EPOCH).total_seconds() / 3600.0
    level = datum
    for c in constituents:
        level += c.amplitude * math.cos(math.radians(c.speed * hours - c.phase))
    return level


def predict(start, hours, constituents, step_minutes=10, datum=0.0):
    """Predicted readings from ``start`` for ``hours`` hours."""
    if step_minutes <= 0:
        raise ValueError("step_minutes must be positive")
    if hours < 0:
        raise ValueError("hours must not be negative")
    steps = int(hours * 60 // step_minutes)
    step = timedelta(minutes=step_minutes)
    return [
        Reading(start + i * step, height_at(start + i * step, constituents, datum))
        for i in range(steps + 1)
    ]


def next_high_water(after, constituents, datum=0.0, horizon_hours=26):
    """Time and height of the first high water strictly after ``after``."""
    series = predict(after, horizon_hours, constituents, step_minutes=6, datum=datum)
    for before, here, later in zip(series, series[1:], series[2:]):
        if here.height >= before.height and here.height > later.height:
            return here
    return None


def smooth(readings, window=3):
    """Centered moving average; the ends use a shorter window."""
    if window < 1 or window % 2 == 0:
        raise ValueError("window must be a positive odd number")
    if window == 1 or len(readings) < 2:
        return list(readings)
    half = window // 2
    out = []
    for i, reading in enumerate(readings):
        lo = max(0, i - half)
        hi = min(len(readings), i + half + 1)
        mean = sum(r.height for r in readings[lo:hi]) / (hi - lo)
        out.append(Reading(reading.time, mean))
    return out


def residuals(observed, constituents, datum=0.0):
    """Observed minus predicted height for every observation."""
    return [
        (r.time, r.height - height_at(r.time, constituents, datum))
        for r in observed
    ]
