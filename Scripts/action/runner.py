"""Runs a composite action's steps on this machine the way the GitHub Actions runner does.

What the runner does and this copies: inputs take their given value or their default; `${{ … }}`
expressions in a step's `env`, `run` and the action's `outputs` are substituted before the step runs
(composite actions get no INPUT_* variables); a `shell: bash` step runs as
`bash --noprofile --norc -eo pipefail FILE`; each step gets its own GITHUB_OUTPUT and GITHUB_PATH
files, and the folders written to GITHUB_PATH come first on the PATH of later steps; a failed step
skips the rest. Only the expressions action.yml uses are known; any other one is an error, so an
action.yml that asks for more than this copy knows fails its test instead of passing untested.
"""

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class ActionRun:
    """What one run of the action left: its outputs, each step's exit status and output, the summary."""

    outputs: dict = field(default_factory=dict)
    statuses: list = field(default_factory=list)
    log: str = ""
    summary: str = ""

    @property
    def failed(self) -> bool:
        return any(status != 0 for status in self.statuses)


def load(action_yml: Path) -> dict:
    return yaml.safe_load(action_yml.read_text(encoding="utf-8"))


def parse_outputs(text: str) -> dict:
    """GITHUB_OUTPUT lines: `name=value`, or `name<<DELIMITER`, lines, `DELIMITER`."""
    outputs, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            outputs[name] = "\n".join(iter(lambda: next(lines), delimiter))
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_action(action_dir: Path, inputs: dict, workspace: Path, environment: dict, ref: str = "",
               repository: str = "") -> ActionRun:
    """Runs every step of action_dir/action.yml in workspace; environment stands in for the runner's."""
    spec = load(action_dir / "action.yml")
    declared = spec.get("inputs", {})
    unknown = set(inputs) - set(declared)
    if unknown:
        raise ValueError(f"inputs the action does not declare: {sorted(unknown)}")
    values = {name: str(inputs.get(name, entry.get("default", ""))) for name, entry in declared.items()}
    result, steps, extra_path = ActionRun(), {}, []
    context = {"github.action_path": str(action_dir), "github.action_ref": ref,
               "github.action_repository": repository, "runner.temp": environment["RUNNER_TEMP"]}

    def substitute(text: str) -> str:
        def value(match: re.Match) -> str:
            expression = match.group(1)
            if expression.startswith("inputs."):
                return values[expression.removeprefix("inputs.")]
            if expression.startswith("steps."):
                step, _, name = expression.removeprefix("steps.").partition(".outputs.")
                return steps.get(step, {}).get(name, "")
            if expression in context:
                return context[expression]
            raise ValueError(f"an expression this local runner does not know: {expression}")
        return EXPRESSION.sub(value, str(text))

    summary = Path(environment["RUNNER_TEMP"]) / "step-summary.md"
    summary.write_text("")
    for number, step in enumerate(spec["runs"]["steps"]):
        if result.failed and "always()" not in str(step.get("if", "")):
            break
        with tempfile.TemporaryDirectory() as scratch:
            files = {name: Path(scratch) / name for name in ("output", "path", "script")}
            for file in files.values():
                file.write_text("")
            files["script"].write_text(substitute(step["run"]))
            env = dict(environment, GITHUB_ACTION_PATH=str(action_dir), GITHUB_OUTPUT=str(files["output"]),
                       GITHUB_PATH=str(files["path"]), GITHUB_STEP_SUMMARY=str(summary),
                       PATH=os.pathsep.join(extra_path + [environment["PATH"]]))
            env.update({name: substitute(value) for name, value in step.get("env", {}).items()})
            if step.get("shell") != "bash":
                raise ValueError(f"step {number} has shell {step.get('shell')!r}; this runner knows bash")
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(files["script"])],
                                  cwd=workspace, env=env, capture_output=True, text=True)
            result.statuses.append(done.returncode)
            result.log += done.stdout + done.stderr
            steps[step.get("id", f"step{number}")] = parse_outputs(files["output"].read_text())
            extra_path = [line for line in files["path"].read_text().splitlines() if line][::-1] + extra_path
    result.outputs = {name: substitute(entry["value"]) for name, entry in spec.get("outputs", {}).items()}
    result.summary = summary.read_text()
    return result
