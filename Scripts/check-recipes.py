#!/usr/bin/env python3
"""Parses every ```yaml block of docs/scheduling.md (the GitHub Actions and GitLab CI recipes) and
checks that each `uses: …/tidemark@…` step passes only inputs that action.yml declares.
Usage: python3 Scripts/check-recipes.py   (exit 1 on the first problem)"""
import pathlib
import re
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
text = (root / "docs/scheduling.md").read_text()
inputs = set(yaml.safe_load((root / "action.yml").read_text())["inputs"])
blocks = re.findall(r"^( *)```yaml\n(.*?)^\1```", text, flags=re.S | re.M)
if not blocks:
    sys.exit("check-recipes: no yaml block in docs/scheduling.md")


def steps(node):
    if isinstance(node, dict):
        if "uses" in node:
            yield node
        for value in node.values():
            yield from steps(value)
    elif isinstance(node, list):
        for value in node:
            yield from steps(value)


for number, (indent, body) in enumerate(blocks, 1):
    body = "\n".join(line[len(indent):] for line in body.splitlines())
    try:
        document = yaml.safe_load(body)
    except yaml.YAMLError as error:
        sys.exit(f"check-recipes: yaml block {number} of docs/scheduling.md does not parse: {error}")
    for step in steps(document):
        if "/tidemark@" in str(step["uses"]):
            unknown = set(step.get("with") or {}) - inputs
            if unknown:
                sys.exit(f"check-recipes: yaml block {number} passes inputs action.yml lacks: {sorted(unknown)}")
print(f"check-recipes: {len(blocks)} yaml blocks of docs/scheduling.md parse; the action's inputs exist")
