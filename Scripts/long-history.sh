#!/usr/bin/env bash
# Renders a site from a long history: 10 000 runs of the tidelib package over three years (about
# nine a day), to see that the overview stays readable (Scripts/browser-check.sh takes its
# screenshots). The runs carry the counts of the real sample reports
# (Tests/Examples/python/sample-history/reports), walking between them as a project drifts up and
# down, with a failed measurement about every 700 runs and stretches of failing tests; they go in
# through `tidemark history import`, so no per-line data is kept and the site is the overview,
# history and alerts pages. Deterministic: the same site every time.
# Usage: bash Scripts/long-history.sh OUTPUT_DIR
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -eq 1 ] || { echo "usage: bash Scripts/long-history.sh OUTPUT_DIR" >&2; exit 64; }
output="$1"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

swift build --product tidemark >&2
tidemark="$(swift build --show-bin-path)/tidemark"

python3 - Tests/Examples/python/sample-history/reports "$scratch/export.jsonl" <<'PY'
import datetime, glob, gzip, json, os, random, re, sys
from xml.etree import ElementTree

folder, out = sys.argv[1], sys.argv[2]
# The counts of each real report, from its <line> elements (as Tidemark counts them).
levels = []
for path in sorted(glob.glob(os.path.join(folder, "[vr]*-coverage.xml.gz"))):
    root = ElementTree.fromstring(gzip.open(path).read())
    lines = covered = branches = taken = 0
    for line in root.iter("line"):
        lines += 1
        covered += int(float(line.get("hits", "0"))) > 0
        match = re.search(r"\((\d+)/(\d+)\)", line.get("condition-coverage", ""))
        if line.get("branch", "").lower() == "true" and match:
            taken += int(match.group(1))
            branches += int(match.group(2))
    levels.append((covered / lines, lines, covered, branches, taken))
levels.sort()
rng = random.Random(12)
start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
step = datetime.timedelta(days=3 * 365) / 10_000
position = 2
with open(out, "w") as export:
    for index in range(10_000):
        if rng.random() < 0.02:
            position = min(len(levels) - 1, max(0, position + rng.choice((-1, 1, 1))))
        _, lines, covered, branches, taken = levels[position]
        failing = (index // 400) % 9 == 4 and index % 400 < 60
        component = {
            "name": "python", "producer": "coverage.py", "status": "measured", "reason": None,
            "linesValid": lines, "linesCovered": covered, "branchesValid": branches, "branchesCovered": taken,
            "tests": {"tests": 52, "passed": 52 - failing, "failures": int(failing), "errors": 0, "skipped": 0,
                      "collectionErrors": 0},
            "contentHash": "long-%d" % index, "files": [],
        }
        if index % 701 == 350:
            component.update(status="failed", reason="blocked by 1 collection error (scenarios.test_stations)",
                             linesValid=0, linesCovered=0, branchesValid=0, branchesCovered=0)
        time = (start + step * index).strftime("%Y-%m-%dT%H:%M:%SZ")
        run = {"id": "long-%05d" % index, "time": time, "commit": "long-%05d" % index, "branch": "main",
               "buildURL": None, "components": [component]}
        export.write(json.dumps(run, sort_keys=True) + "\n")
PY
"$tidemark" history import --history "$scratch/history.sqlite" "$scratch/export.jsonl"
"$tidemark" render --history "$scratch/history.sqlite" --config Tests/Examples/tidemark.toml --output "$output"
