"""Project hygiene: the wheel ships the built-in packs; the code is ruff-clean; reports/ is current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.paths import ROOT


def test_wheel_ships_and_finds_builtin_packs(tmp_path):
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling (extra 'test')")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("fzcheck-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "checker/builtin_rules/national.yaml" in names
        zf.extractall(tmp_path / "site")
    # From the unpacked wheel alone (no source tree), the built-in pack is found and loads.
    code = "from checker.packs import load_packs, builtin_dir; load_packs(['national']); print(builtin_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site")},
    )
    assert out.returncode == 0, out.stderr
    assert "builtin_rules" in out.stdout


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(),
    reason="ruff is not installed (extra 'test')",
)
@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_ruff_clean(args):
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    proc = subprocess.run([ruff, *args, "checker", "tests"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def floors_of(requirements: list[str]) -> dict[str, set[str]]:
    """name -> the floors (`name>=floor`) the requirements ask for."""
    floors: dict[str, set[str]] = {}
    for requirement in requirements:
        match = re.match(r"^([A-Za-z0-9_.-]+)>=([^;,\s]+)", requirement)
        if match:
            floors.setdefault(match.group(1).lower(), set()).add(match.group(2))
    return floors


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def test_each_package_has_one_floor_everywhere():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    hook = re.findall(r'"([^"]+>=[^"]+)"', (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    runtime = floors_of(
        [*project["dependencies"], *hook, *(r for name, extra in extras.items() if name != "test" for r in extra)]
    )
    assert {name: found for name, found in runtime.items() if len(found) > 1} == {}
    # The test extra may ask for more (Starlette's TestClient on httpx2 needs starlette 1.10), never for less.
    for name, found in floors_of(extras["test"]).items():
        assert name not in runtime or version_key(min(found, key=version_key)) >= version_key(*runtime[name]), name
    # Before 20251230 pdfminer.six unpickled CMap files a crafted PDF could choose (CVE-2025-64512).
    assert runtime["pdfminer.six"] == {"20251230"}
