#!/usr/bin/env python3
"""Spread the example runs one day apart so the sample site shows a trend over time.

The six Python runs were measured minutes apart (see python/regenerate.sh); a real project's runs
are days apart. This rewrites ONLY the `timestamp` attribute of each report's <coverage> element
(coverage.py writes milliseconds, grcov seconds) to 09:00 UTC on consecutive days; every count
stays as the tools wrote it. Run after regenerate.sh:  python3 Tests/Examples/spread-timestamps.py
"""
import pathlib
import re
import sys

here = pathlib.Path(__file__).resolve().parent
start = 1795165200  # 2026-11-20T09:00:00Z
day = 86400
plan = [(here / f"python/history/coverage-run0{n}.xml", start + (n - 1) * day, True) for n in range(1, 7)]
plan += [(here / "python/reports/coverage.xml", start + 5 * day, True),
         (here / "rust/reports/coverage.xml", start + 5 * day + 60, False)]
for path, seconds, millis in plan:
    text = path.read_text(encoding="utf-8")
    value = str(seconds * 1000 if millis else seconds)
    new, count = re.subn(r'(<coverage\b[^>]*?\btimestamp=")[0-9.]*(")', lambda m: m.group(1) + value + m.group(2), text, count=1)
    if count != 1:
        sys.exit(f"{path}: no timestamp attribute on <coverage>")
    path.write_text(new, encoding="utf-8")
    print(f"{path.relative_to(here)}: timestamp={value}")
