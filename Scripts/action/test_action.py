#!/usr/bin/env python3
"""Tests action.yml by running its steps locally, as the runner would (Scripts/action/runner.py).

The release tarball is served from a folder standing in for GitHub (GITHUB_SERVER_URL=file://…), the
action sits where the runner unpacks one (…/_actions/OWNER/REPO/v0.9.0), and each test starts from
an empty tool cache unless it says otherwise. The build-from-source path is not run here (a full
release build); Scripts/release.sh builds the same way.
Usage: python3 Scripts/action/test_action.py dist/tidemark-VERSION-linux-x86_64.tar.gz
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runner import EXPRESSION, load, run_action  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
VERSION = (ROOT / "VERSION").read_text().strip()
if len(sys.argv) < 2 or not Path(sys.argv[1]).is_file():
    sys.exit("usage: python3 Scripts/action/test_action.py dist/tidemark-VERSION-linux-x86_64.tar.gz")
TARBALL = Path(sys.argv.pop(1)).resolve()
EXAMPLES = "Tests/Examples"
COVERAGE = f"python={EXAMPLES}/python/reports/coverage.xml\nrust={EXAMPLES}/rust/reports/coverage.xml\n"
BASE_INPUTS = {
    "coverage": COVERAGE,
    "junit": f"python={EXAMPLES}/python/reports/junit.xml",
    "source-root": f"python={EXAMPLES}/python\n  rust={EXAMPLES}/rust  \n",
}


class ActionYAMLTests(unittest.TestCase):
    def test_every_expression_names_a_declared_input_or_step(self):
        spec = load(ROOT / "action.yml")
        self.assertEqual(spec["runs"]["using"], "composite")
        steps = spec["runs"]["steps"]
        ids = {step.get("id") for step in steps}
        used = set()
        for step in steps:
            self.assertEqual(step.get("shell"), "bash", step.get("name"))
            for text in [step["run"], *step.get("env", {}).values()]:
                for expression in EXPRESSION.findall(str(text)):
                    if expression.startswith("inputs."):
                        used.add(expression.removeprefix("inputs."))
            # Inputs reach the shell through env only: an expression inside `run` would be pasted into the script.
            self.assertNotIn("inputs.", step["run"])
        self.assertEqual(used, set(spec["inputs"]), "declared inputs and inputs used differ")
        for name, output in spec["outputs"].items():
            step = re.fullmatch(r"\$\{\{ steps\.(\w+)\.outputs\.[\w-]+ \}\}", output["value"])
            self.assertTrue(step and step.group(1) in ids, name)


class ActionRunTests(unittest.TestCase):
    def setUp(self):
        self.scratch = Path(tempfile.mkdtemp())
        self.action = self.scratch / "_actions" / "tidemark-org" / "tidemark" / "v0.9.0"
        self.action.mkdir(parents=True)
        shutil.copy(ROOT / "action.yml", self.action)
        shutil.copy(ROOT / "VERSION", self.action)
        shutil.copytree(ROOT / "Scripts" / "action", self.action / "Scripts" / "action")
        self.server = self.scratch / "server"
        self.publish(TARBALL.read_bytes())
        self.workspace = self.scratch / "workspace"
        shutil.copytree(ROOT / EXAMPLES, self.workspace / EXAMPLES)
        self.tool_cache = self.scratch / "toolcache"

    def tearDown(self):
        shutil.rmtree(self.scratch)

    def publish(self, tarball: bytes, checksum: str = ""):
        release = self.server / "tidemark-org" / "tidemark" / "releases" / "download" / f"v{VERSION}"
        release.mkdir(parents=True, exist_ok=True)
        name = TARBALL.name
        (release / name).write_bytes(tarball)
        (release / f"{name}.sha256").write_text(f"{checksum or hashlib.sha256(tarball).hexdigest()}  {name}\n")

    def run_action(self, **inputs):
        runner_temp = Path(tempfile.mkdtemp(dir=self.scratch))
        environment = {
            "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
            "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_SERVER_URL": self.server.as_uri(), "GITHUB_REPOSITORY": "someone/project",
            "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567", "GITHUB_REF_NAME": "main",
            "GITHUB_RUN_ID": "42", "RUNNER_TEMP": str(runner_temp), "RUNNER_TOOL_CACHE": str(self.tool_cache),
            "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
        }
        # The runner leaves github.action_ref and github.action_repository empty in composite actions.
        return run_action(self.action, {**BASE_INPUTS, **inputs}, self.workspace, environment)

    def test_downloads_the_release_and_reports_a_failed_gate(self):
        run = self.run_action(**{"fail-under-line": "99"})
        self.assertIn(f"downloading tidemark-{VERSION}-linux-x86_64", run.log)
        self.assertEqual(run.statuses, [0, 3], run.log)
        self.assertEqual(run.outputs["exit-code"], "3")
        self.assertEqual(run.outputs["line-rate"], "0.979885")
        self.assertEqual(run.outputs["branch-rate"], "0.943182")
        self.assertEqual(run.outputs["site"], "public")
        site_summary = (self.workspace / "public" / "summary.md").read_text()
        self.assertIn("python", site_summary)
        self.assertEqual(run.summary, site_summary)
        summary = json.loads((self.workspace / "public" / "summary.json").read_text())
        self.assertEqual([c["name"] for c in summary["components"]], ["python", "rust"])
        self.assertEqual(summary["commit"], "0123456789abcdef0123456789abcdef01234567")

    def test_a_cached_binary_needs_no_download_and_passing_gates_exit_0(self):
        self.run_action()
        shutil.rmtree(self.server)
        run = self.run_action(**{"fail-under-line": "90", "fail-on-drop": "true", "fail-on-test-errors": "true"})
        self.assertIn("from the tool cache", run.log)
        self.assertEqual(run.statuses, [0, 0], run.log)
        self.assertEqual(run.outputs["exit-code"], "0")
        self.assertEqual(run.outputs["line-rate"], "0.979885")

    def test_a_release_that_does_not_match_its_checksum_stops_the_action(self):
        self.publish(TARBALL.read_bytes(), checksum="0" * 64)
        run = self.run_action()
        self.assertEqual(run.statuses, [1], run.log)
        self.assertIn("does not match its SHA-256 file", run.log)
        self.assertFalse((self.workspace / "public").exists())

    def test_an_input_error_reports_no_rates_and_no_summary(self):
        self.run_action()
        run = self.run_action(coverage=f"python={EXAMPLES}/python/reports/missing.xml")
        self.assertEqual(run.outputs["exit-code"], "1", run.log)
        self.assertEqual((run.outputs["line-rate"], run.outputs["branch-rate"]), ("", ""))
        self.assertEqual(run.summary, "")
        self.assertTrue((self.workspace / "public" / "index.html").exists(), "the earlier site stays")

    def test_a_flag_input_takes_true_or_false_only(self):
        run = self.run_action(**{"fail-on-drop": "yes"})
        self.assertEqual(run.statuses, [0, 64], run.log)
        self.assertIn("fail-on-drop must be true or false", run.log)

    def test_extra_arguments_are_split_at_white_space(self):
        run = self.run_action(args="--line-target 95\n--branch-target 90")
        self.assertEqual(run.statuses, [0, 0], run.log)
        self.assertIn("--line-target 95 --branch-target 90", run.log)

    def test_history_from_is_passed_through_when_tidemark_has_it(self):
        self.run_action(output="previous")
        run = self.run_action(**{"history-from": "previous", "history": ".tidemark/fresh.sqlite"})
        binary = self.tool_cache / "tidemark" / VERSION / "x64" / "tidemark"
        help_text = subprocess.run([binary, "generate", "--help"], capture_output=True, text=True).stdout
        if "--history-from" in help_text:
            self.assertEqual(run.outputs["exit-code"], "0", run.log)
            self.assertIn("--history-from previous", run.log)
        else:
            self.assertEqual(run.statuses, [0, 64], run.log)
            self.assertIn("history-from needs a tidemark with --history-from", run.log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
