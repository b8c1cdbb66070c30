"""`fzcheck config`: the configuration file check would read here (or why none) and the settings in force."""

from __future__ import annotations

import os

import pytest

from checker.batch import default_jobs
from checker.config import KEYS
from tests.reportkit import run_here


def settings(out: str) -> dict[str, str]:
    """key -> the rest of its line, from the settings listed under 生效的设置."""
    lines = out.splitlines()
    start = lines.index("生效的设置（fzcheck check 的命令行选项优先于这些设置）：")
    rows = {}
    for line in lines[start + 1 :]:
        if line.startswith("  ") and not line.startswith("      "):
            key, _, value = line.strip().partition(" = ")
            rows[key.strip()] = value
    return rows


def test_the_file_found_upward_and_every_setting_with_its_source(tmp_path, monkeypatch, capsys):
    config = tmp_path / "fzcheck.toml"
    config.write_text(
        'fail_under = 80\nformats = ["junit", "sarif:out.sarif"]\njobs = 0\nignore = ["outline.*"]\n'
        '[[waivers]]\nrule = "data.review"\nreason = "复议数据由县政府报告"\napproved_by = "张某"\n'
        "expires = 2000-01-01\n",
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    code, out, err = run_here(capsys, "config")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"配置文件：{config}"
    rows = settings(out)
    assert list(rows) == list(KEYS), "every key of a configuration, in its order"
    assert rows["fail_under"] == "80（配置文件）"
    assert rows["formats"] == f"junit、sarif:{tmp_path / 'out.sarif'}（配置文件）"
    assert rows["jobs"] == f"CPU 核数 {default_jobs()}（配置文件）"
    assert rows["fail_on"] == "error（默认）" and rows["select"] == "全部规则（默认）"
    assert rows["waivers"] == "1 项（配置文件）"
    waiver = "第 1 项：data.review，批准人 张某，有效期至 2000-01-01（已过期，不再生效）；理由：复议数据由县政府报告"
    assert f"      {waiver}" in out.splitlines()


def test_no_file_found_says_where_it_looked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, _err = run_here(capsys, "config")
    assert code == 0
    assert out.splitlines()[0] == (
        f"配置文件：无（从 {tmp_path} 向上没有找到 fzcheck.toml 或含 [tool.fzcheck] 的 pyproject.toml）"
    )
    assert all(value.endswith("（默认）") for value in settings(out).values())


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file ownership is checked on POSIX systems only")
def test_a_file_not_trusted_is_named_with_the_reason(tmp_path, monkeypatch, capsys):
    config = tmp_path / "fzcheck.toml"
    config.write_text('fail_on = "never"\n', encoding="utf-8")
    config.chmod(0o666)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_here(capsys, "config")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"配置文件：无（不读取配置文件 {config}：文件可被其他用户修改）"
    assert settings(out)["fail_on"] == "error（默认）"


def test_no_config_and_a_named_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "fzcheck.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    other = tmp_path / "ci.toml"
    other.write_text('fail_on = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = run_here(capsys, "config", "--no-config")[1]
    assert out.splitlines()[0] == "配置文件：无（--no-config：不读取配置文件）"
    assert settings(out)["fail_on"] == "error（默认）"
    out = run_here(capsys, "config", "--config", str(other))[1]
    assert out.splitlines()[0] == f"配置文件：{other}" and settings(out)["fail_on"] == "warning（配置文件）"


def test_unknown_rule_ids_are_warned_about_as_check_does(tmp_path, monkeypatch, capsys):
    (tmp_path / "fzcheck.toml").write_text('select = ["part.leader-dutty", "part.*"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_here(capsys, "config")
    assert code == 0
    assert err == (
        f"fzcheck：配置文件 {tmp_path / 'fzcheck.toml'}：select 中的 part.leader-dutty 不是已知的规则编号，"
        "是不是 part.leader-duty？\n"
    )
