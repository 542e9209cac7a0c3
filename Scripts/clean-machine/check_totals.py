#!/usr/bin/env python3
"""Checks a sample site's summary.json against totals computed independently (Tests/Examples/totals.py).

Runs with the standard library alone, inside the clean Debian root of Scripts/clean-machine-test.sh.
Usage: python3 check_totals.py EXAMPLES_DIR SITE_DIR   (exits 1 and says what differs)
"""

import gzip
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

COUNTS = ("linesValid", "linesCovered", "branchesValid", "branchesCovered")


def plan(examples: Path) -> list:
    """The sample history's days (python/sample-history/plan.txt): (date, variant, components)."""
    text = (examples / "python" / "sample-history" / "plan.txt").read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line[:1].isdigit()]


def expected(examples: Path) -> dict:
    sys.path.insert(0, str(examples))
    import totals  # noqa: E402 — the examples' own independent counter

    _, variant, measured = plan(examples)[-1]  # the generated run, shown on the site
    reports = examples / "python" / "sample-history" / "reports"
    coverage = {"python": gzip.open(reports / f"{variant}-coverage.xml.gz").read(),
                "rust": (examples / "rust" / "reports" / "coverage.xml").read_bytes()}
    components = {}
    for name, data in coverage.items():
        if name not in measured.split(","):
            continue
        t = totals.cobertura_totals(ET.fromstring(data))
        components[name] = dict(zip(COUNTS, (t["lines_valid"], t["lines_covered"],
                                             t["branches_valid"], t["branches_covered"])))
    junit = totals.junit_totals(gzip.open(reports / f"{variant}-junit.xml.gz").read().decode("utf-8"))
    components["python"]["tests"] = junit["tests"]
    components["python"]["failures"] = junit["failures"]
    return components


def main(examples: Path, site: Path) -> int:
    summary = json.loads((site / "summary.json").read_text(encoding="utf-8"))
    want = expected(examples)
    problems = []
    got = {c["name"]: c for c in summary["components"]}
    if sorted(got) != sorted(want):
        problems.append(f"components {sorted(got)}, expected {sorted(want)}")
    for name, counts in want.items():
        component = got.get(name, {})
        for key, value in counts.items():
            actual = (component.get("tests") or {}).get(key) if key in ("tests", "failures") else component.get(key)
            if actual != value:
                problems.append(f"{name}.{key} = {actual}, expected {value}")
    for key in COUNTS:
        if summary["overall"][key] != sum(c[key] for c in want.values()):
            problems.append(f"overall.{key} = {summary['overall'][key]}")
    days = len(plan(examples))
    if summary.get("runs") != days:
        problems.append(f"runs = {summary.get('runs')}, expected {days} (one per day of the sample plan)")
    for problem in problems:
        print(f"check_totals: {problem}", file=sys.stderr)
    if not problems:
        print("check_totals: summary.json agrees with totals.py: "
              + ", ".join(f"{n} {c['linesCovered']}/{c['linesValid']} lines" for n, c in want.items()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
