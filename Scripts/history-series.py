#!/usr/bin/env python3
"""Writes a synthetic history in `tidemark history export` form (JSON Lines, one run per line, oldest
first), for the benchmarks: COUNT runs ten minutes apart from 2023-11-14, each with two components
(python: 4 000 lines, 800 branches, 300 tests with one failure; rust: 2 500 lines) of 20 files
that add up to them.
Without SEED, line coverage climbs steadily from 50 % to 95 % (Scripts/bench-history.sh); with SEED,
it jumps around in that range in an order the seed picks, and run ids and hashes depend on the seed,
so histories with different seeds share no run (Scripts/bench-postgres.sh: 200 projects).
Usage: python3 Scripts/history-series.py PATH COUNT [SEED]"""
import datetime
import hashlib
import json
import sys

path, count = sys.argv[1], int(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else None


def step(i):
    """Where run i's coverage lies between 50 % and 95 %, in COUNTths."""
    return i if seed is None else (i * 7919 + seed) % count


def run_tag(i):
    return str(i) if seed is None else f"{i}-{seed}"


def hash_tag(name, i):
    return f"{name}{i}" if seed is None else f"{name}{i}{seed}"


def files(valid, covered, branches_valid, branches_covered):
    """20 files whose counts add up to the component's (`history import` checks that they do)."""
    def part(total, k):
        return total // 20 + (1 if k < total % 20 else 0)
    return [{"path": f"src/m{k}.py", "linesValid": part(valid, k), "linesCovered": part(covered, k),
             "branchesValid": part(branches_valid, k), "branchesCovered": part(branches_covered, k)}
            for k in range(20)]


with open(path, "w") as out:
    for i in range(count):
        comps = []
        for name, valid in (("python", 4000), ("rust", 2500)):
            covered = int(valid * (0.5 + 0.45 * step(i) / count))
            comps.append({"name": name, "producer": "coverage.py" if name == "python" else "tarpaulin",
                          "status": "measured", "reason": None, "linesValid": valid, "linesCovered": covered,
                          "branchesValid": 800 if name == "python" else 0,
                          "branchesCovered": 480 if name == "python" else 0,
                          "tests": {"tests": 300, "passed": 299, "failures": 1, "errors": 0, "skipped": 0,
                                    "collectionErrors": 0} if name == "python" else None,
                          "contentHash": hashlib.sha256(hash_tag(name, i).encode()).hexdigest(),
                          "files": files(valid, covered, 800 if name == "python" else 0,
                                         480 if name == "python" else 0)})
        t = 1700000000 + i * 600
        run = {"id": hashlib.sha256(run_tag(i).encode()).hexdigest()[:32],
               "time": datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "commit": f"{i:040x}", "branch": "main", "buildURL": None, "components": comps}
        out.write(json.dumps(run, sort_keys=True, separators=(",", ":")) + "\n")
