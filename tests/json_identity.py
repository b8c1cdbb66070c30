"""The JSON of every report fzcheck can reach, kept outside the project, to show a refactoring changes no byte.

    python -m tests.json_identity save DIR      # before: write DIR/<set>/<file>.json
    python -m tests.json_identity compare DIR   # after: exit 1 and name every file whose JSON differs

The sets are examples/, the holdout fixtures and, when they are beside the project, the real
reports in ../shared/corpus and ../shared/realworld. The snapshots quote those reports, so they
are written outside the project (DIR), never committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

SETS = {
    "examples": ROOT / "examples",
    "holdout": ROOT / "tests" / "fixtures" / "holdout",
    "corpus": ROOT.parent / "shared" / "corpus",
    "realworld": ROOT.parent / "shared" / "realworld",
}


def reports() -> list[tuple[str, Path]]:
    """(set name, report) for every report of the sets that exist."""
    out = []
    for name, folder in SETS.items():
        if folder.is_dir():
            out.extend((name, path) for path in sorted(folder.glob("*.txt")))
    return out


def json_of(path: Path) -> bytes:
    """`fzcheck check PATH --format json`, as bytes."""
    proc = subprocess.run(
        # Relative to the project, so a snapshot taken in another checkout compares equal.
        [sys.executable, "-m", "checker", "check", os.path.relpath(path, ROOT), "--format", "json", "--no-config"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    return proc.stdout


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("save", "compare"):
        print(__doc__)
        return 2
    action, folder = argv[0], Path(argv[1])
    differ = []
    for name, path in reports():
        target = folder / name / (path.name + ".json")
        data = json_of(path)
        if action == "save":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        elif not target.is_file() or target.read_bytes() != data:
            differ.append(f"{name}/{path.name}")
    if action == "compare":
        for item in differ:
            print(f"differs: {item}")
        print(f"{len(reports()) - len(differ)}/{len(reports())} identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
