"""Used only for history/interrupted-junit.xml: imports a module that does
not exist, so pytest stops with "Interrupted: 1 error during collection"."""

from tidelib.stations import nearest_station  # ImportError: no such module


def test_nearest_station():
    assert nearest_station(50.1, -5.5).name == "Tidemark Quay"
