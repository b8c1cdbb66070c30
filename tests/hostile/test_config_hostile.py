"""A configuration is trusted only where the user owns it, is bounded in size, and means the same from any folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.hostile.kit import bounded
from tests.paths import ROOT
from tests.reportkit import SAMPLE_RULE, one_clear_line

GAPS = (ROOT / "examples" / "gaps-2023.txt").read_text(encoding="utf-8")
LENIENT = 'fail_on = "never"\n'  # read: the report with gaps passes (exit 0); not read: it fails (exit 1)


def project(tmp_path: Path, config: str = LENIENT, name: str = "fzcheck.toml") -> tuple[Path, Path]:
    """A project folder holding a configuration, and a subfolder (where fzcheck runs) holding a report with gaps."""
    top = tmp_path / "项目"
    drafts = top / "drafts"
    drafts.mkdir(parents=True)
    (top / name).write_text(config, encoding="utf-8")
    (drafts / "gaps.txt").write_text(GAPS, encoding="utf-8")
    return top, drafts


def not_read(proc, config: Path, words: str) -> None:
    """The configuration was passed over with one notice naming it, and the defaults applied."""
    assert proc.returncode == 1, proc.stderr  # the default gate: the report with gaps fails
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines == [lines[0]] and f"不读取配置文件 {config}" in lines[0] and words in lines[0], proc.stderr


@pytest.mark.parametrize("name", ["fzcheck.toml", "pyproject.toml"])
def test_a_config_others_can_write_is_not_read(tmp_path, name):
    config = LENIENT if name == "fzcheck.toml" else "[tool.fzcheck]\n" + LENIENT
    top, drafts = project(tmp_path, config, name)
    assert bounded("check", "gaps.txt", cwd=drafts).returncode == 0, "trusted: read"
    (top / name).chmod(0o666)
    not_read(bounded("check", "gaps.txt", cwd=drafts), top / name, "可被其他用户修改")


def test_a_config_in_a_folder_others_can_write_is_not_read(tmp_path):
    top, drafts = project(tmp_path)
    top.chmod(0o777)
    try:
        not_read(bounded("check", "gaps.txt", cwd=drafts), top / "fzcheck.toml", "所在文件夹")
    finally:
        top.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away (chown) needs root")
def test_a_config_owned_by_another_user_is_not_read(tmp_path):
    top, drafts = project(tmp_path)
    os.chown(top / "fzcheck.toml", 65534, 65534)
    not_read(bounded("check", "gaps.txt", cwd=drafts), top / "fzcheck.toml", "属于其他用户（uid 65534）")
    os.chown(top / "fzcheck.toml", 0, 0)
    os.chown(top, 65534, 65534)
    not_read(bounded("check", "gaps.txt", cwd=drafts), top / "fzcheck.toml", "所在文件夹")


def test_a_config_named_with_the_option_is_read_whoever_may_write_it(tmp_path):
    top, drafts = project(tmp_path)
    (top / "fzcheck.toml").chmod(0o666)
    proc = bounded("check", "gaps.txt", "--config", str(top / "fzcheck.toml"), cwd=drafts)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


@pytest.mark.parametrize("found", [True, False])
def test_a_huge_config_is_refused_in_one_line(tmp_path, found):
    top, drafts = project(tmp_path, LENIENT + "# 注释\n" * 200_000)  # 2 MB
    options = () if found else ("--config", str(top / "fzcheck.toml"))
    line = one_clear_line(bounded("check", "gaps.txt", *options, cwd=drafts), "fzcheck.toml")
    assert "文件过大" in line


@pytest.mark.parametrize("value", ["-1", "257", "100000"])
def test_jobs_in_the_config_has_the_bounds_of_the_option(tmp_path, value):
    _top, drafts = project(tmp_path, f"jobs = {value}\n")
    line = one_clear_line(bounded("check", "gaps.txt", cwd=drafts), "fzcheck.toml")
    assert "jobs 应是 0 到 256 之间的整数" in line
    option = bounded("check", "gaps.txt", "--jobs", value, "--no-config", cwd=drafts)
    assert option.returncode == 2 and "--jobs" in option.stderr


def test_relative_paths_in_a_config_are_relative_to_its_folder(tmp_path):
    pack = "id: local\ntitle: 本地规则包\nextends: national\nrules:\n" + SAMPLE_RULE
    top, drafts = project(tmp_path, 'packs = ["packs/local.yaml"]\nformats = ["json"]\noutput_dir = "结果"\n')
    (top / "packs").mkdir()
    (top / "packs" / "local.yaml").write_text(pack, encoding="utf-8")
    proc = bounded("check", "gaps.txt", cwd=drafts)
    assert proc.returncode == 1, proc.stderr
    written = json.loads((top / "结果" / "fzcheck.json").read_text(encoding="utf-8"))
    assert "a.rule" in {f["rule"] for f in written["documents"][0]["findings"]}
    assert not (drafts / "结果").exists()
