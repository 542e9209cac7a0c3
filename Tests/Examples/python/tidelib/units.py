"""Height units: metres, feet and the strings people type for them."""

FEET_PER_METRE = 3.280839895

_SUFFIXES = {
    "m": "m",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "ft": "ft",
    "foot": "ft",
    "feet": "ft",
    "'": "ft",
}


class UnitError(ValueError):
    """Raised when a height string or unit cannot be understood."""


def to_metres(value, unit):
    """Convert ``value`` expressed in ``unit`` to metres."""
    unit = normalise_unit(unit)
    if unit == "m":
        return float(value)
    return float(value) / FEET_PER_METRE


def to_feet(value, unit):
    """Convert ``value`` expressed in ``unit`` to feet."""
    unit = normalise_unit(unit)
    if unit == "ft":
        return float(value)
    return float(value) * FEET_PER_METRE


def normalise_unit(unit):
    key = unit.strip().lower()
    if key not in _SUFFIXES:
        raise UnitError(f"unknown unit: {unit!r}")
    return _SUFFIXES[key]


def parse_height(text, default_unit="m"):
    """Parse strings such as ``"1.83 m"``, ``"6ft"`` or ``"-0.2"`` into metres."""
    text = text.strip()
    if not text:
        raise UnitError("empty height")
    number = text
    unit = default_unit
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if text.lower().endswith(suffix):
            number = text[: -len(suffix)].strip()
            unit = suffix
            break
    try:
        value = float(number)
    except ValueError:
        raise UnitError(f"not a height: {text!r}") from None
    return to_metres(value, unit)


def format_height(metres, unit="m", decimals=2):
    """Render a height in metres for display in ``unit``."""
    unit = normalise_unit(unit)
    value = metres if unit == "m" else to_feet(metres, "m")
    sign = "+" if value > 0 else ""
    return f"{sign}{value:.{decimals}f} {unit}"
