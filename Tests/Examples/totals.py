#!/usr/bin/env python3
"""Independent totals for the example files (stdlib only).

Cobertura: for every <class>, take the <line> elements directly in its
<lines> (its methods' lines only when it has none), merge classes per
filename ('\\' -> '/'); a line seen twice keeps the larger hits and the
branch entry with more branches (then more covered). A line is covered when
hits > 0. Branches come only from lines with branch="true" (any case), from
condition-coverage's "(covered/valid)". Header totals are ignored.

JUnit: counts <testcase> elements and their <failure>/<error>/<skipped>
children; a file holding several concatenated XML documents is split.

Usage: python3 totals.py [FILE ...]   (default: every *.xml under here)
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

COND = re.compile(r"\((\d+)/(\d+)\)")


def local(tag):
    return tag.rsplit("}", 1)[-1]


def cobertura_totals(root):
    files = {}  # filename -> {number: (hits, bcov, bvalid)}
    for cls in root.iter():
        if local(cls.tag) != "class":
            continue
        name = (cls.get("filename") or "").replace("\\", "/")
        lines = [l for ls in cls if local(ls.tag) == "lines" for l in ls if local(l.tag) == "line"]
        if not lines:
            lines = [l for ms in cls if local(ms.tag) == "methods" for m in ms
                     for ls in m if local(ls.tag) == "lines" for l in ls if local(l.tag) == "line"]
        merged = files.setdefault(name, {})
        for line in lines:
            number = int(line.get("number"))
            hits = int(float(line.get("hits", "0")))
            bcov = bvalid = 0
            if (line.get("branch") or "").lower() == "true":
                m = COND.search(line.get("condition-coverage") or "")
                if m:
                    bcov, bvalid = int(m.group(1)), int(m.group(2))
            if number in merged:
                oh, oc, ov = merged[number]
                hits = max(hits, oh)
                if (ov, oc) > (bvalid, bcov):
                    bcov, bvalid = oc, ov
            merged[number] = (hits, bcov, bvalid)
    t = dict(files=len(files), lines_valid=0, lines_covered=0, branches_valid=0, branches_covered=0)
    for lines in files.values():
        for hits, bcov, bvalid in lines.values():
            t["lines_valid"] += 1
            t["lines_covered"] += hits > 0
            t["branches_valid"] += bvalid
            t["branches_covered"] += bcov
    return t


def junit_totals(text):
    docs = [d for d in re.split(r"(?=<\?xml )", text) if d.strip()]
    t = dict(documents=len(docs), tests=0, failures=0, errors=0, skipped=0)
    for doc in docs:
        for case in ET.fromstring(doc.encode()).iter():
            if local(case.tag) != "testcase":
                continue
            t["tests"] += 1
            kids = {local(k.tag) for k in case}
            t["failures"] += "failure" in kids
            t["errors"] += "error" in kids
            t["skipped"] += "skipped" in kids
    return t


def main(argv):
    here = Path(__file__).resolve().parent
    paths = [Path(a) for a in argv] or sorted(p for p in here.rglob("*.xml") if "target" not in p.parts)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        shown = path.resolve().relative_to(here) if path.resolve().is_relative_to(here) else path
        if "<coverage" in text:
            t = cobertura_totals(ET.fromstring(text.encode()))
            pct = 100.0 * t["lines_covered"] / t["lines_valid"] if t["lines_valid"] else 0.0
            print(f"{shown}\tcobertura\tfiles={t['files']}\tlines={t['lines_covered']}/{t['lines_valid']} ({pct:.1f}%)"
                  f"\tbranches={t['branches_covered']}/{t['branches_valid']}")
        else:
            t = junit_totals(text)
            print(f"{shown}\tjunit\tdocuments={t['documents']}\ttests={t['tests']}\tfailures={t['failures']}"
                  f"\terrors={t['errors']}\tskipped={t['skipped']}")


if __name__ == "__main__":
    main(sys.argv[1:])
