"""checker/install.py: the pip command a missing-extra line shows, for each way fzcheck can have been installed."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

import checker.install as install
from checker.install import Origin, install_hint, origin_of
from tests.paths import ROOT

# `pip install fzcheck[pdf]` or 'fzcheck[pdf]' with no "@ URL" after it: a name pip would look up on an index.
_BARE_NAME = re.compile(r"""pip install\s+["']?fzcheck\[[^\]]*\]["']?(?!\s*@)""")


def checkout(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text('[project]\nname = "fzcheck"\n', encoding="utf-8")
    return folder


def venv_in(folder: Path, monkeypatch) -> None:
    """sys.executable inside folder/.venv, with pip beside it, as the README's set-up leaves it."""
    scripts = folder / ".venv" / "bin"
    scripts.mkdir(parents=True)
    (scripts / "pip").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "executable", str(scripts / "python"))


def test_hint_for_a_checkout_runs_pip_in_the_project_folder(tmp_path, monkeypatch):
    folder = checkout(tmp_path / "我的 文档" / "fzcheck")
    venv_in(folder, monkeypatch)
    monkeypatch.setattr(install, "origin", lambda: Origin(folder=str(folder)))
    hint = install_hint("pdf")
    assert hint == f'请在 fzcheck 文件夹（{folder}）中运行：.venv/bin/pip install ".[pdf]"'
    assert "'" not in hint and "fzcheck[" not in hint


def test_pip_outside_the_project_folder_is_named_in_full_and_quoted_when_it_has_a_space(tmp_path, monkeypatch):
    folder = checkout(tmp_path / "fzcheck")
    elsewhere = tmp_path / "Program Files" / "环境"
    venv_in(elsewhere, monkeypatch)
    monkeypatch.setattr(install, "origin", lambda: Origin(folder=str(folder)))
    pip = elsewhere / ".venv" / "bin" / "pip"
    assert install_hint("docx") == f'请在 fzcheck 文件夹（{folder}）中运行："{pip}" install ".[docx]"'


def test_hint_for_a_git_install_names_the_repository_and_commit(monkeypatch):
    monkeypatch.setattr(sys, "executable", "")
    recorded = {
        "url": "https://git.example.org/unit/fzcheck.git",
        "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "main"},
    }
    monkeypatch.setattr(install, "origin", lambda: origin_of(recorded))
    assert install_hint("web") == (
        '请运行：python -m pip install "fzcheck[web] @ git+https://git.example.org/unit/fzcheck.git@0123abc"'
    )
    assert not _BARE_NAME.search(install_hint("web"))


def test_hint_when_the_origin_is_unknown_names_the_extras_packages(monkeypatch):
    monkeypatch.setattr(sys, "executable", "")
    monkeypatch.setattr(install, "origin", lambda: Origin())
    requires = ['pdfminer-six>=20231228; extra == "pdf"', "openpyxl>=3.1; extra == 'all'", "click>=8.1"]
    monkeypatch.setattr(importlib.metadata, "requires", lambda name: requires)
    assert install_hint("pdf") == '请运行：python -m pip install "pdfminer-six>=20231228"'
    monkeypatch.setattr(importlib.metadata, "requires", lambda name: [])
    assert install_hint("pdf") == "请按 fzcheck 的 README 重新安装，并带上可选依赖 pdf"


def test_direct_url_records(tmp_path):
    folder = checkout(tmp_path / "报告 检查" / "fzcheck")
    url = folder.as_uri()  # percent-encodes the space and the Chinese characters
    assert "%20" in url
    assert origin_of({"url": url, "dir_info": {"editable": True}}) == Origin(folder=str(folder))
    assert origin_of({"url": url, "dir_info": {}}) == Origin(folder=str(folder))
    assert origin_of({"url": (tmp_path / "gone").as_uri(), "dir_info": {}}) == Origin()  # moved or deleted
    wheel = "https://files.example.org/fzcheck-0.1.0-py3-none-any.whl"
    assert origin_of({"url": wheel, "archive_info": {}}) == Origin(url=wheel)
    tagged = {"url": "https://h/x.git", "vcs_info": {"vcs": "git", "requested_revision": "v1"}}
    assert origin_of(tagged) == Origin(url="git+https://h/x.git@v1")
    assert origin_of({"url": 3}) == Origin()


def test_this_test_run_finds_its_checkout():
    # Installed editable (direct_url.json) or run from the folder: either way the checkout is this project.
    assert install.origin() == Origin(folder=str(ROOT))
    assert install_hint("pdf").endswith('install ".[pdf]"')


@pytest.mark.parametrize("path", ["checker", "README.md", "examples", ".pre-commit-hooks.yaml", "docs"])
def test_no_install_command_names_the_bare_package(path):
    files = [ROOT / path] if (ROOT / path).is_file() else sorted(p for p in (ROOT / path).rglob("*") if p.is_file())
    found = [
        f"{p.relative_to(ROOT)}: {m.group()}"
        for p in files
        if p.suffix in (".py", ".md", ".yml", ".yaml", ".service", ".bat", ".cmd", ".conf", "")
        for m in _BARE_NAME.finditer(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []


def test_the_hint_is_a_command_a_shell_runs_and_pip_accepts():
    # The exact command of the hint, through /bin/sh in the folder it names; --dry-run installs nothing.
    hint = install_hint("pdf")
    folder, command = re.fullmatch(r"请在 fzcheck 文件夹（(.+)）中运行：(.+)", hint).groups()
    proc = subprocess.run(
        ["/bin/sh", "-c", f"{command} --dry-run --no-deps --no-build-isolation --no-index --quiet"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
