"""The pip command that adds an optional extra to this copy of fzcheck: every "需要安装可选依赖" line shows it.

fzcheck is not published on a package index, so a requirement naming the package alone (fzcheck[pdf])
would fail, or install a stranger's package of that name. The command names where this copy came from
instead: the checkout folder or the URL pip recorded in the distribution's direct_url.json (PEP 610), else
the folder the code runs from; when neither is known, the extra's own packages by name (from the installed
metadata). The requirement is always in double quotes, which cmd.exe, PowerShell and POSIX shells all read
alike.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

DISTRIBUTION = "fzcheck"
# Characters a shell word may hold unquoted in cmd.exe, PowerShell and POSIX shells (\w covers Chinese).
_PLAIN_WORD = re.compile(r"[\w./\\:+=@%,-]+")
_EXTRA_MARKER = re.compile(r"""^(?P<requirement>[^;]+);\s*extra\s*==\s*["'](?P<extra>[^"']+)["']\s*$""")


@dataclass(frozen=True)
class Origin:
    """Where this copy of fzcheck was installed from; both empty when unknown."""

    folder: str = ""  # a checkout: the folder holding pyproject.toml
    url: str = ""  # a direct reference pip accepts after "fzcheck[extra] @ "


def install_hint(extra: str) -> str:
    """What to run to install `extra`, as one Chinese sentence ending in the command."""
    place = origin()
    pip = pip_command(place.folder)
    if place.folder:
        return f"请在 fzcheck 文件夹（{place.folder}）中运行：{pip} install {quoted(f'.[{extra}]')}"
    if place.url:
        return f"请运行：{pip} install {quoted(f'{DISTRIBUTION}[{extra}] @ {place.url}')}"
    packages = extra_requirements(extra)
    if packages:
        return f"请运行：{pip} install {' '.join(quoted(p) for p in packages)}"
    return f"请按 fzcheck 的 README 重新安装，并带上可选依赖 {extra}"


def origin() -> Origin:
    """The recorded origin of the installed distribution, else the checkout this code is running from."""
    recorded = recorded_origin()
    if recorded.folder or recorded.url:
        return recorded
    return Origin(folder=running_checkout())


def recorded_origin() -> Origin:
    """What pip wrote to direct_url.json when it installed fzcheck (nothing for an install from an index)."""
    try:
        text = importlib.metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return Origin()
    try:
        data = json.loads(text or "")
    except ValueError:
        return Origin()
    return origin_of(data) if isinstance(data, dict) else Origin()


def origin_of(direct_url: dict) -> Origin:
    """A PEP 610 record as an Origin: a local folder that still holds the project, or a URL pip can reinstall."""
    url = direct_url.get("url")
    if not isinstance(url, str) or not url:
        return Origin()
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and isinstance(vcs.get("vcs"), str):
        # The commit installed, so that adding an extra does not also move fzcheck to another version.
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        return Origin(url=f"{vcs['vcs']}+{url}" + (f"@{revision}" if isinstance(revision, str) else ""))
    parsed = urlparse(url)
    if "dir_info" in direct_url:
        folder = url2pathname(parsed.path) if parsed.scheme == "file" else ""
        return Origin(folder=folder) if folder and is_checkout(Path(folder)) else Origin()
    if "archive_info" in direct_url:  # a wheel or sdist, on disk or on a server
        return Origin(url=url)
    return Origin()


def running_checkout() -> str:
    """The project folder when this code runs from a checkout (python -m checker), else ""."""
    folder = Path(__file__).resolve().parent.parent
    return str(folder) if is_checkout(folder) else ""


def is_checkout(folder: Path) -> bool:
    """The folder holds fzcheck's pyproject.toml."""
    try:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(rf'^name\s*=\s*"{DISTRIBUTION}"\s*$', text, re.M) is not None


def pip_command(folder: str) -> str:
    """The pip of the environment fzcheck runs in: relative to `folder` when inside it (.venv\\Scripts\\pip)."""
    scripts = Path(sys.executable).parent if sys.executable else None
    if scripts is None or not any((scripts / name).is_file() for name in ("pip", "pip.exe")):
        return f"{shell_word(sys.executable)} -m pip" if sys.executable else "python -m pip"
    pip = scripts / "pip"
    if folder:
        relative = os.path.relpath(pip, folder) if same_drive(pip, folder) else ""
        if relative and not relative.startswith(".."):
            return shell_word(relative)
    return shell_word(str(pip))


def same_drive(path: Path, folder: str) -> bool:
    """os.path.relpath refuses paths on two Windows drives."""
    return os.path.splitdrive(str(path))[0].lower() == os.path.splitdrive(folder)[0].lower()


def extra_requirements(extra: str) -> list[str]:
    """The requirements the installed metadata lists for `extra` (pdfminer-six>=…), in its order."""
    try:
        requires = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return []
    found = []
    for line in requires:
        match = _EXTRA_MARKER.match(line)
        if match and match.group("extra") == extra:
            found.append(match.group("requirement").strip())
    return found


def quoted(word: str) -> str:
    """In double quotes: brackets, spaces and > mean the same to cmd.exe, PowerShell and POSIX shells then."""
    return f'"{word}"'


def shell_word(word: str) -> str:
    """A program path as typed: quoted only when it holds a space or a character a shell would act on."""
    return word if _PLAIN_WORD.fullmatch(word) else quoted(word)
