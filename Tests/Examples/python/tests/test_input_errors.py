"""Error paths and rarely taken branches of units.py and tides.py."""

import pytest

from tidelib import extremes, parse_height, parse_readings, tidal_range, to_feet
from tidelib.tides import ParseError
from tidelib.units import UnitError

from .conftest import series


@pytest.mark.parametrize("text", ["", "   ", "high", "1.2.3 m"])
def test_bad_heights(text):
    with pytest.raises(UnitError):
        parse_height(text)


def test_feet_stay_feet():
    assert to_feet(6, "ft") == 6.0


def test_bad_lines_raise_with_line_number():
    with pytest.raises(ParseError) as info:
        parse_readings(["# header", "", "yesterday,1.0"])
    assert info.value.line_number == 3


def test_bad_lines_can_be_skipped():
    lines = ["2024-05-01T00:00,1.0", "garbage", "2024-05-01T01:00,lots", "2024-05-01T02:00,1.2"]
    assert [r.height for r in parse_readings(lines, skip_bad=True)] == [1.0, 1.2]


def test_drying_reading():
    (reading,) = parse_readings(["2024-05-01T00:00,-0.3"])
    assert reading.is_drying()


def test_flat_water_has_no_range():
    assert tidal_range(series([1.0, 1.0, 1.0])) == 0.0


def test_double_high_keeps_the_higher():
    points = extremes(series([0.0, 2.0, 1.9, 2.8, 0.5]), min_swing=0.5)
    assert [(p.kind, p.reading.height) for p in points] == [("high", 2.8)]


def test_double_low_keeps_the_lower():
    points = extremes(series([2.0, 0.9, 1.0, 0.3, 2.0]), min_swing=0.5)
    assert [(p.kind, p.reading.height) for p in points] == [("low", 0.3)]
