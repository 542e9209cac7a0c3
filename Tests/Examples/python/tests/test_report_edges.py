"""Some of report.py's edge cases (report.py stays the least covered module)."""

import pytest

from tidelib.report import daily_report, tide_table, warnings

from .conftest import series


def test_csv_and_unknown_style(sample_readings):
    assert tide_table(sample_readings, style="csv").splitlines()[1] == "2024-05-01 04:00,HIGH,+2.52 m"
    with pytest.raises(ValueError):
        tide_table(sample_readings, style="html")


def test_daily_report_empty():
    assert daily_report([]) == "no readings"


def test_flood_warning():
    assert warnings(series([2.0, 3.1]), flood_level=3.0) == ["2024-05-01 01:00 flood level reached: +3.10 m"]
