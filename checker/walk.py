"""Which files a batch checks: paths as given, glob patterns expanded, folders walked.

A walk (a folder or a glob pattern) leaves out what a user would not call a report: Word/WPS
lock files, hidden files and folders, and README/LICENSE-like files. A file named on the command
line is always checked. Links to folders are not followed, so a link loop cannot make the walk
endless; a file link that loops or leads nowhere is kept (the loader says what is wrong with it).
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

# What a walk skips, declared once: (reason shown with check --verbose, test on the file name).
LOCK_PREFIXES = ("~$", ".~lock.")  # Word/WPS owner files (~$报告.docx); LibreOffice's .~lock.报告.docx#
NOTE_STEMS = ("readme", "license", "licence", "copying", "changelog", "changes", "notice", "authors")
NOTE_NAMES = ("说明", "使用说明", "自述文件")
SKIP_REASONS = {
    "lock": "锁定文件（Word/WPS 打开文档时生成，不是报告）",
    "hidden": "隐藏文件",
    "note": "说明文件（README、LICENSE 等）",
}


@dataclass
class Walk:
    files: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, Chinese problem)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, Chinese reason)


def skip_reason(path: Path, root: Path | None = None) -> str | None:
    """Why a walk leaves this file out (a key of SKIP_REASONS), or None to check it.

    `root` is the folder walked: a hidden folder above it was named by the user and does not count.
    """
    name = path.name
    if name.startswith(LOCK_PREFIXES):
        return "lock"
    below = path.relative_to(root).parts if root is not None else (name,)
    if any(part.startswith(".") for part in below):
        return "hidden"
    stem = name.split(".", 1)[0]
    if stem.lower().startswith(NOTE_STEMS) or stem in NOTE_NAMES:
        return "note"
    return None


def is_report(path: Path) -> bool:
    """A file to check in a folder walk: a file, or a link that leads nowhere (reported, not silently skipped)."""
    return path.is_file() or (path.is_symlink() and not path.exists())


def has_pattern(raw: str) -> bool:
    return any(ch in raw for ch in "*?[") and not Path(raw).exists()


def expand_paths(paths: tuple[str, ...] | list[str]) -> Walk:
    """Files to check in the order given (folders sorted), paths that are missing, files skipped and why."""
    walk = Walk()
    for raw in paths:
        if has_pattern(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                walk.errors.append((raw, "文件不存在"))
            for match in matches:
                if Path(match).is_dir():
                    walk_folder(walk, Path(match), match)
                else:
                    add_found(walk, Path(match), None)
            continue
        path = Path(raw)
        if path.is_dir():
            walk_folder(walk, path, raw)
        elif path.exists() or path.is_symlink():
            walk.files.append(raw)  # named by the user: always checked; a broken or looping link: the loader says which
        else:
            walk.errors.append((raw, "文件不存在"))
    walk.files = list(dict.fromkeys(walk.files))
    return walk


def walk_folder(walk: Walk, folder: Path, raw: str) -> None:
    """The reports in a folder and its subfolders, sorted; an error when there are none."""
    from checker.load import supported_suffixes

    before = len(walk.files)
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in supported_suffixes() and is_report(p)):
        add_found(walk, path, folder)
    if len(walk.files) == before:
        walk.errors.append((raw, "文件夹中没有可检查的报告（.txt/.md/.docx/.pdf/.html 等）"))


def add_found(walk: Walk, path: Path, root: Path | None) -> None:
    """A file found by a walk or a pattern: to be checked, or skipped with its reason."""
    reason = skip_reason(path, root)
    if reason:
        walk.skipped.append((str(path), SKIP_REASONS[reason]))
    else:
        walk.files.append(str(path))
