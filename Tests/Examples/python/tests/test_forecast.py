from datetime import datetime

import pytest

from tidelib import Constituent, next_high_water, predict, smooth
from tidelib.forecast import height_at, residuals

from .conftest import series


def test_single_constituent_peaks_at_phase():
    m2 = Constituent("M2", 1.0, 0.0)
    assert height_at(datetime(2000, 1, 1), [m2], datum=2.0) == pytest.approx(3.0)


def test_predict_length_and_step(harbour):
    out = predict(datetime(2024, 5, 1), 2, harbour, step_minutes=30)
    assert len(out) == 5
    assert (out[1].time - out[0].time).total_seconds() == 1800


def test_predict_rejects_bad_step(harbour):
    with pytest.raises(ValueError):
        predict(datetime(2024, 5, 1), 2, harbour, step_minutes=0)


def test_next_high_water_is_within_a_tidal_day(harbour):
    start = datetime(2024, 5, 1, 3, 0)
    high = next_high_water(start, harbour, datum=1.9)
    assert high is not None
    assert 0 < (high.time - start).total_seconds() < 13 * 3600
    assert high.height > 1.9


def test_smooth_keeps_length():
    raw = series([1.0, 2.0, 3.0, 2.0, 1.0])
    out = smooth(raw)
    assert [round(r.height, 3) for r in out] == [1.5, 2.0, 2.333, 2.0, 1.5]


def test_smooth_window_one_is_identity():
    raw = series([1.0, 2.0])
    assert smooth(raw, window=1) == raw


def test_residuals_of_prediction_are_zero(harbour):
    predicted = predict(datetime(2024, 5, 1), 1, harbour)
    assert all(abs(r) < 1e-9 for _, r in residuals(predicted, harbour))
