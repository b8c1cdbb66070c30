"""Project hygiene: the wheel ships the built-in packs; the code is ruff-clean; reports/ is current."""

from __future__ import annotations

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
