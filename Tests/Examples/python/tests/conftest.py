from datetime import datetime, timedelta

import pytest

from tidelib import Constituent, Reading

# Two tides a day at a harbour with a 1.9 m mean level.
SAMPLE = """\
# station: Tidemark Quay, heights in metres above chart datum
2024-05-01T00:00,1.20
2024-05-01T01:00,1.65
2024-05-01T02:00,2.10
2024-05-01T03:00,2.45
2024-05-01T04:00,2.52   # high water
2024-05-01T05:00,2.30
2024-05-01T06:00,1.80
2024-05-01T07:00,1.20
2024-05-01T08:00,0.70
2024-05-01T09:00,0.41
2024-05-01T10:00,0.38   # low water
2024-05-01T11:00,0.62
2024-05-01T12:00,1.10
2024-05-01T13:00,1.70
2024-05-01T14:00,2.25
2024-05-01T15:00,2.61
2024-05-01T16:00,2.58
2024-05-01T17:00,2.20
"""


@pytest.fixture
def sample_lines():
    return SAMPLE.splitlines()


@pytest.fixture
def sample_readings(sample_lines):
    from tidelib import parse_readings

    return parse_readings(sample_lines)


@pytest.fixture
def harbour():
    return [Constituent("M2", 1.10, 45.0), Constituent("S2", 0.35, 80.0), Constituent("K1", 0.08, 200.0)]


def series(heights, start=datetime(2024, 5, 1), minutes=60):
    return [Reading(start + timedelta(minutes=i * minutes), h) for i, h in enumerate(heights)]
