"""Error paths of forecast.py."""

from datetime import datetime

import pytest

from tidelib import Constituent, next_high_water, predict, smooth

from .conftest import series


def test_unknown_constituent():
    with pytest.raises(ValueError, match="unknown constituent"):
        predict(datetime(2024, 5, 1), 1, [Constituent("Z9", 1.0, 0.0)])


def test_negative_hours():
    with pytest.raises(ValueError):
        predict(datetime(2024, 5, 1), -1, [])


def test_no_high_water_without_constituents():
    assert next_high_water(datetime(2024, 5, 1), [], horizon_hours=1) is None


@pytest.mark.parametrize("window", [0, 2, -3])
def test_smooth_rejects_even_windows(window):
    with pytest.raises(ValueError):
        smooth(series([1.0, 2.0, 3.0]), window=window)
