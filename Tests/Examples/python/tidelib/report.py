"""Small text reports: plain tables, Markdown and CSV."""

from .tides import daily_summary, extremes
from .units import format_height


def tide_table(readings, unit="m", style="plain"):
    """High and low waters as a table in ``style`` (plain, markdown, csv)."""
    rows = [
        (e.reading.time.strftime("%Y-%m-%d %H:%M"), e.kind.upper(), format_height(e.reading.height, unit))
        for e in extremes(readings)
    ]
    header = ("time", "tide", "height")
    if style == "plain":
        return _plain(header, rows)
    if style == "markdown":
        return _markdown(header, rows)
    if style == "csv":
        return _csv(header, rows)
    raise ValueError(f"unknown style {style!r}")


def _plain(header, rows):
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def _markdown(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def _csv(header, rows):
    def quote(cell):
        if any(ch in cell for ch in ',"\n'):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return "\n".join(",".join(quote(c) for c in line) for line in [header, *rows])


def daily_report(readings, unit="m"):
    """One line per day: lowest, highest and number of readings."""
    if not readings:
        return "no readings"
    lines = []
    for day, low, high, count in daily_summary(readings):
        note = ""
        if low < 0:
            note = "  (drying)"
        elif count < 24:
            note = f"  ({count} readings)"
        lines.append(f"{day.isoformat()}  low {format_height(low, unit)}  high {format_height(high, unit)}{note}")
    return "\n".join(lines)


def warnings(readings, flood_level):
    """Messages for readings at or above ``flood_level`` metres."""
    out = []
    for reading in readings:
        if reading.height >= flood_level:
            out.append(f"{reading.time:%Y-%m-%d %H:%M} flood level reached: {format_height(reading.height)}")
    if len(out) > 3:
        out = out[:3] + [f"... and {len(out) - 3} more"]
    return out
