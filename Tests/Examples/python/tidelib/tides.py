"""Observed water levels: parsing and finding high and low waters."""

from dataclasses import dataclass
from datetime import datetime

from .units import parse_height


class ParseError(ValueError):
    def __init__(self, line_number, message):
        super().__init__(f"line {line_number}: {message}")
        self.line_number = line_number


@dataclass(frozen=True)
class Reading:
    time: datetime
    height: float  # metres above chart datum

    def is_drying(self):
        return self.height < 0


@dataclass(frozen=True)
class Extreme:
    kind: str  # "high" or "low"
    reading: Reading


def parse_readings(lines, default_unit="m", skip_bad=False):
    """Parse ``time,height`` lines; ``#`` starts a comment.

    Readings must be in time order. With ``skip_bad`` malformed lines are
    ignored instead of raising :class:`ParseError`.
    """
    readings = []
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != 2:
            if skip_bad:
                continue
            raise ParseError(number, f"expected 2 fields, got {len(parts)}")
        try:
            when = datetime.fromisoformat(parts[0])
            height = parse_height(parts[1], default_unit)
        except ValueError as error:
            if skip_bad:
                continue
            raise ParseError(number, str(error)) from error
        if readings and when <= readings[-1].time:
            raise ParseError(number, "readings are not in time order")
        readings.append(Reading(when, height))
    return readings


def extremes(readings, min_swing=0.05):
    """Return the turning points (high and low waters) of a series.

    A turning point is kept only when the level moved at least ``min_swing``
    metres since the previous kept one, which filters out sensor noise.
    """
    if len(readings) < 3:
        return []
    found = []
    for before, here, after in zip(readings, readings[1:], readings[2:]):
        if here.height >= before.height and here.height > after.height:
            kind = "high"
        elif here.height <= before.height and here.height < after.height:
            kind = "low"
        else:
            continue
        if found and abs(here.height - found[-1].reading.height) < min_swing:
            continue
        if found and found[-1].kind == kind:
            # two highs in a row: keep the more extreme one
            better = here.height > found[-1].reading.height
            if kind == "low":
                better = not better
            if better:
                found[-1] = Extreme(kind, here)
            continue
        found.append(Extreme(kind, here))
    return found


def tidal_range(readings):
    """Largest difference between consecutive high and low waters."""
    points = extremes(readings)
    if len(points) < 2:
        return 0.0
    return max(abs(a.reading.height - b.reading.height) for a, b in zip(points, points[1:]))


def daily_summary(readings):
    """Group readings per calendar day: (day, lowest, highest, count)."""
    days = {}
    for reading in readings:
        day = reading.time.date()
        low, high, count = days.get(day, (reading.height, reading.height, 0))
        days[day] = (min(low, reading.height), max(high, reading.height), count + 1)
    return [(day, *values) for day, values in sorted(days.items())]
