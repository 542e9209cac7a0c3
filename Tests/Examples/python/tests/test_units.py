import pytest

from tidelib import format_height, parse_height, to_feet, to_metres
from tidelib.units import UnitError


def test_metres_are_unchanged():
    assert to_metres(1.5, "m") == 1.5


def test_feet_to_metres():
    assert to_metres(10, "ft") == pytest.approx(3.048)


def test_metres_to_feet():
    assert to_feet(1, "metres") == pytest.approx(3.2808, abs=1e-4)


@pytest.mark.parametrize(
    "text, expected",
    [("1.83 m", 1.83), ("1.83m", 1.83), ("6ft", 1.8288), ("6 feet", 1.8288), ("-0.2", -0.2), ("2 Meters", 2.0)],
)
def test_parse_height(text, expected):
    assert parse_height(text) == pytest.approx(expected)


def test_parse_height_default_unit():
    assert parse_height("10", default_unit="ft") == pytest.approx(3.048)


def test_format_height():
    assert format_height(1.234) == "+1.23 m"
    assert format_height(-0.5, decimals=1) == "-0.5 m"


def test_format_height_in_feet():
    assert format_height(1.0, unit="ft") == "+3.28 ft"


def test_unknown_unit():
    with pytest.raises(UnitError):
        to_metres(1, "fathoms")
