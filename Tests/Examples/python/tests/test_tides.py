from datetime import datetime

import pytest

from tidelib import extremes, parse_readings, tidal_range
from tidelib.tides import ParseError, daily_summary

from .conftest import series


def test_parse_sample(sample_readings):
    assert len(sample_readings) == 18
    assert sample_readings[0].time == datetime(2024, 5, 1, 0, 0)
    assert sample_readings[4].height == pytest.approx(2.52)


def test_parse_feet_default():
    readings = parse_readings(["2024-05-01T00:00,10"], default_unit="ft")
    assert readings[0].height == pytest.approx(3.048)


def test_parse_rejects_wrong_field_count():
    with pytest.raises(ParseError, match="line 2: expected 2 fields"):
        parse_readings(["2024-05-01T00:00,1.0", "2024-05-01T01:00,1.1,extra"])


def test_parse_rejects_unordered():
    with pytest.raises(ParseError, match="time order"):
        parse_readings(["2024-05-01T02:00,1.0", "2024-05-01T01:00,1.1"])


def test_extremes_of_sample(sample_readings):
    points = extremes(sample_readings)
    assert [p.kind for p in points] == ["high", "low", "high"]
    assert [p.reading.height for p in points] == [2.52, 0.38, 2.61]


def test_extremes_need_three_readings():
    assert extremes(series([1.0, 2.0])) == []


def test_noise_is_filtered():
    # a 2 cm wobble on the rising tide is not a high water
    points = extremes(series([0.5, 1.0, 1.02, 1.01, 1.5, 2.0, 1.0]))
    assert [(p.kind, p.reading.height) for p in points] == [("high", 2.0)]


def test_tidal_range(sample_readings):
    assert tidal_range(sample_readings) == pytest.approx(2.23)


def test_daily_summary(sample_readings):
    (day, low, high, count), = daily_summary(sample_readings)
    assert (low, high, count) == (0.38, 2.61, 18)
