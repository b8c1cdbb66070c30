"""The CI examples and the pre-commit hook run the fzcheck commands they show.

Every `fzcheck …` command in examples/ci/*.yml and .pre-commit-hooks.yaml is run (as
`python -m checker …`) on a copy of examples/complete-2024.txt standing for drafts/.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.paths import ROOT
from tests.sarifschema import sarif_errors

CI_FILES = (ROOT / "examples" / "ci" / "github-actions.yml", ROOT / "examples" / "ci" / "gitlab-ci.yml")
HOOKS = ROOT / ".pre-commit-hooks.yaml"
SAMPLE = ROOT / "examples" / "complete-2024.txt"
_COMMAND = re.compile(r"^\s*(?:-\s+)?(fzcheck\s+(?:check|diff|rules)\b[^\n]*)$", re.M)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def supported_formats() -> str:
    return run(["check", "--help"], ROOT).stdout


def strings(node) -> list[str]:
    """Every string value of a YAML document."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return []


def commands(path: Path) -> list[str]:
    """The fzcheck commands of a CI file: shell lines starting with `fzcheck check|diff|rules`."""
    found = []
    for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
        for match in _COMMAND.finditer(text):
            found.append(re.split(r"\s(?:\|\||&&|;|\||#)\s?", match.group(1))[0].strip())
    return found


def output_files(args: list[str]) -> list[str]:
    """The files a command writes: --output FILE, and --format NAME:FILE."""
    named = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("--output", "-o")]
    inline = [args[i + 1].partition(":")[2] for i, arg in enumerate(args[:-1]) if arg == "--format"]
    return named + [target for target in inline if target and target != "-"]


@pytest.mark.parametrize("path", CI_FILES, ids=lambda p: p.name)
def test_ci_example_commands_run(path, tmp_path):
    help_text = supported_formats()
    if "sarif" not in help_text or "junit" not in help_text:
        pytest.skip("fzcheck check does not support --format sarif/junit yet")
    found = commands(path)
    assert found, f"{path.name} runs no fzcheck command"
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(SAMPLE, drafts / SAMPLE.name)
    for command in found:
        args = shlex.split(command.replace("drafts/", f"{drafts}/"))[1:]
        proc = run(args, tmp_path)
        assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
        outputs = output_files(args)
        assert outputs, f"{command} writes no report file"
        for name in outputs:
            written = tmp_path / name
            assert written.is_file() and written.stat().st_size > 0, f"{command} did not write {name}"
            if name.endswith(".sarif"):  # what code scanning is handed must be valid SARIF 2.1.0
                assert sarif_errors(json.loads(written.read_text(encoding="utf-8"))) == [], name


def test_ci_examples_publish_the_reports_they_write():
    github = yaml.safe_load(CI_FILES[0].read_text(encoding="utf-8"))
    steps = github["jobs"]["fzcheck"]["steps"]
    uses = {step.get("uses", "").split("@")[0]: step for step in steps}
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "fzcheck.sarif"
    assert uses["actions/upload-artifact"]["with"]["path"] == "fzcheck-junit.xml"
    assert github["permissions"]["security-events"] == "write"
    gitlab = yaml.safe_load(CI_FILES[1].read_text(encoding="utf-8"))
    assert gitlab["fzcheck"]["artifacts"]["reports"]["junit"] == "fzcheck-junit.xml"
    assert gitlab["fzcheck"]["artifacts"]["when"] == "always"


def test_ci_examples_install_fzcheck_from_its_repository():
    # fzcheck is on no package index: the bare name would fail, or fetch a stranger's package.
    steps = yaml.safe_load(CI_FILES[0].read_text(encoding="utf-8"))["jobs"]["fzcheck"]["steps"]
    checkout = next(s for s in steps if s.get("with", {}).get("repository"))
    assert checkout["with"]["repository"] == "${{ env.FZCHECK_REPOSITORY }}"
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert install["run"] == f'pip install "./{checkout["with"]["path"]}[all]"'
    gitlab = yaml.safe_load(CI_FILES[1].read_text(encoding="utf-8"))["fzcheck"]
    assert gitlab["script"][0] == 'pip install "fzcheck[all] @ git+${FZCHECK_GIT}@${FZCHECK_REF}"'
    assert gitlab["variables"]["FZCHECK_GIT"].startswith("https://")
    assert not gitlab["image"].endswith("-slim")  # pip needs git for a git+ URL


def test_pre_commit_hook_runs_on_matching_files(tmp_path):
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "fzcheck")
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for name in ("报告.txt", "drafts/a.md", "b.docx", "c.html", "d.htm", "e.pdf"):
        assert files.search(name), name
    for name in ("setup.py", "a.doc", "notes.txt.bak"):
        assert not files.search(name), name
    draft = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, draft)
    args = [*shlex.split(hook["entry"])[1:], str(draft)]  # pre-commit appends the staged file names
    proc = run(args, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "清河县人民政府" in proc.stdout
