"""Regenerate reports/ from examples/: `python -m tests.regen_reports` (run from the project root)."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT

FORMATS = {"txt": "text", "json": "json"}


def example_names() -> list[str]:
    return sorted(p.name for p in (ROOT / "examples").glob("*.txt"))


def render(name: str, fmt: str) -> str:
    """The report of one example, as the CLI prints it (paths relative to the project root)."""
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", fmt, "--color", "never", f"examples/{name}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr)
    return proc.stdout


def expected_reports() -> dict[str, str]:
    """reports/ file name -> content."""
    out = {}
    for name in example_names():
        stem = name.rsplit(".", 1)[0]
        for suffix, fmt in FORMATS.items():
            out[f"{stem}.{suffix}"] = render(name, fmt)
    return out


def main() -> int:
    target = ROOT / "reports"
    target.mkdir(exist_ok=True)
    for file_name, content in expected_reports().items():
        (target / file_name).write_text(content, encoding="utf-8")
        print(f"reports/{file_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
