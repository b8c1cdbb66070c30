"""Windows launch: examples/windows/启动检查网页.bat is a sane batch file, and `fzcheck-web` starts the web page.

cmd.exe is not available here: the batch file is checked as text (encoding, line ends, quoting, labels),
not run.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.paths import ROOT

BAT = ROOT / "examples" / "windows" / "启动检查网页.bat"


def bat_lines() -> list[str]:
    return BAT.read_bytes().decode("utf-8").split("\r\n")


def test_bat_is_utf8_with_crlf_and_switches_the_code_page_before_any_chinese():
    data = BAT.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # a BOM would be read as part of the first command
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = bat_lines()
    switch = next(i for i, line in enumerate(lines) if line.strip() == "chcp 65001 >nul")
    assert all(line.isascii() for line in lines[:switch])
    assert any(not line.isascii() for line in lines[switch:])  # the messages are Chinese


def test_bat_creates_the_venv_with_py_and_installs_from_the_project_folder():
    text = "\n".join(bat_lines())
    assert 'cd /d "%~dp0..\\.."' in text and (BAT.parent / ".." / ".." / "pyproject.toml").resolve().is_file()
    assert "py -3 -m venv .venv" in text
    assert '".venv\\Scripts\\python.exe" -m pip install ".[web]"' in text
    assert '".venv\\Scripts\\fzcheck-web.exe"' in text
    # Every path under .venv is in double quotes (the project folder may have spaces in its path).
    assert re.findall(r'(?<!")\.venv\\Scripts', text) == []
    assert "fzcheck[" not in text


def test_bat_stops_with_the_message_on_failure():
    lines = [line.strip() for line in bat_lines()]
    labels = {line[1:] for line in lines if line.startswith(":")}
    targets = set(re.findall(r"\bgoto (\w+)", "\n".join(lines)))
    assert targets <= labels and "fail" in targets
    assert lines[lines.index(":fail") + 2] == "pause"
    for line in lines:
        if line.startswith("echo "):
            # An ASCII parenthesis in an echo would end an if (...) block early.
            assert "(" not in line and ")" not in line, line


def test_fzcheck_web_is_an_installed_entry_point():
    try:
        scripts = importlib.metadata.entry_points(group="console_scripts")
    except TypeError:  # pragma: no cover - Python < 3.10 has no selection
        pytest.skip("importlib.metadata too old")
    found = {e.name: e.value for e in scripts if e.name in ("fzcheck", "fzcheck-web")}
    if "fzcheck" not in found:
        pytest.skip("fzcheck 未安装（直接从源码运行），没有命令行入口")
    assert found["fzcheck-web"] == "checker.cli:run_web"


def test_fzcheck_web_starts_the_web_page():
    script = Path(sys.executable).with_name("fzcheck-web")
    if not script.is_file():
        pytest.skip("fzcheck-web 入口未安装（直接从源码运行）")
    from tests.web.server import serve

    with serve(jobs=1, program=[str(script)]) as server, urllib.request.urlopen(server.url, timeout=30) as page:
        assert page.status == 200 and "检查报告" in page.read().decode("utf-8")
