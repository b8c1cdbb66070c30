"""`fzcheck serve` as a user starts it: the printed address, Ctrl-C, refusals, the password prompt."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli, main
from checker.errors import FzcheckError
from checker.install import install_hint
from checker.web import auth
from checker.web.store import Store

ROOT = Path(__file__).resolve().parents[2]
STARTED = re.compile(r"^fzcheck 网页版已启动：(http://127\.0\.0\.1:\d+/)$")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def start(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """The server started in a child process, and the address it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", "--no-browser", "--jobs", "1", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline().strip()
    match = STARTED.match(line)
    if not match:
        process.kill()
        pytest.fail(f"no start line: {line!r} {process.stderr.read()}")
    return process, match.group(1)


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, err


def test_serve_prints_its_address_answers_and_stops_on_ctrl_c(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    process, url = start([], {"TMPDIR": str(temp)})
    try:
        assert urllib.request.urlopen(url + "healthz", timeout=10).read() == b"ok"
        page = urllib.request.urlopen(url, timeout=10).read().decode()
        assert 'id="upload-form"' in page
        assert next(p.name for p in temp.iterdir()).startswith("fzcheck-web-")  # the private data folder
    finally:
        code, err = stop(process)
    assert code == 0 and "已停止" in err and "Traceback" not in err
    assert list(temp.iterdir()) == []  # removed at exit


def test_shared_server_logs_no_token_or_password(tmp_path):
    password = "harbor-lantern-42"
    process, url = start(["--shared", "--data", str(tmp_path)], {"FZCHECK_PASSWORD": password})
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        origin = {"Origin": url.rstrip("/")}

        def post(path: str, fields: dict[str, str]):
            body = urllib.parse.urlencode(fields).encode()
            try:
                return opener.open(urllib.request.Request(url + path, body, origin), timeout=10)
            except urllib.error.HTTPError as exc:
                return exc

        assert post("login", {"password": password}).status == 303
        page = post("season/links", {"unit": "某县司法局"}).read().decode()
        token = re.search(r"/u/([A-Za-z0-9_-]{40,})", page).group(1)
        try:
            opener.open(url + "u/" + token, timeout=10)
        except urllib.error.HTTPError as exc:
            assert exc.code == 303
    finally:
        code, err = stop(process)
    assert code == 0
    assert "GET /u/… 303" in err
    assert token not in err and password not in err
    assert auth.verify_password(password, Store(tmp_path).setting(auth.PASSWORD_KEY))


def test_another_host_needs_a_data_folder_and_a_password(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FZCHECK_PASSWORD", raising=False)
    assert main(["serve", "--no-browser", "--host", "0.0.0.0"]) == 2
    assert "--data" in capsys.readouterr().err
    assert main(["serve", "--no-browser", "--host", "192.0.2.1", "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "请先设置审核人密码" in err and "--set-password" in err


def test_set_password_prompts_twice_and_stores_a_hash(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--set-password", "--data", str(tmp_path)], input="lotus-pond-7\n" * 2)
    assert result.exit_code == 0, result.output
    stored = Store(tmp_path).setting(auth.PASSWORD_KEY)
    assert "lotus-pond-7" not in stored and auth.verify_password("lotus-pond-7", stored)
    mismatch = CliRunner().invoke(
        cli, ["serve", "--set-password", "--data", str(tmp_path)], input="aaaaaaaa\nbbbbbbbb\n"
    )
    assert mismatch.exit_code != 0  # the two entries differ: asked again until the input ends, nothing stored
    short = CliRunner().invoke(cli, ["serve", "--set-password", "--data", str(tmp_path)], input="short\nshort\n")
    assert isinstance(short.exception, FzcheckError) and "至少 8 个字符" in str(short.exception)
    assert auth.verify_password("lotus-pond-7", Store(tmp_path).setting(auth.PASSWORD_KEY))


def test_missing_web_extra_is_one_chinese_line(monkeypatch, capsys):
    import checker.web

    monkeypatch.setattr(checker.web, "missing_web_packages", lambda: ["starlette", "uvicorn"])
    assert main(["serve", "--no-browser"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"fzcheck：网页版需要安装可选依赖 web（缺少 starlette、uvicorn），{install_hint('web')}"
    assert err.endswith('install ".[web]"')  # the tests run from a checkout


def test_check_does_not_import_the_web_framework(tmp_path):
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"main(['check', 'examples/complete-2024.txt', '--format', 'json', '-o', {str(tmp_path / 'r.json')!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('starlette', 'uvicorn', 'jinja2', 'python_multipart', 'httpx', 'anyio')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
