"""Used only by history run04: a real, deliberately failing test.

It asserts a formatting rule the code does not follow (zero is printed
without a sign, "0.00 m", not "+0.00 m"), so pytest reports one failure
while coverage is still measured.
"""

from tidelib import format_height


def test_zero_height_has_plus_sign():
    assert format_height(0.0) == "+0.00 m"


def test_negative_height_has_minus_sign():
    assert format_height(-1.0) == "-1.00 m"
