"""Where `fzcheck check` writes: --format NAME:FILE beside --output and --output-dir, one format at most on the
screen, and the one-line summary on stderr when everything went to files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest

from checker.cli_paths import output_destinations
from checker.errors import FzcheckError
from checker.render import format_and_path
from tests.reportkit import report, run_here


def test_a_format_is_split_from_its_file_at_the_first_colon():
    assert format_and_path("json") == ("json", None)
    assert format_and_path("json:out.json") == ("json", "out.json")
    assert format_and_path(r"sarif:C:\报告\out.sarif") == ("sarif", r"C:\报告\out.sarif")
    assert format_and_path("json:-") == ("json", "-")


def test_destinations_mix_own_files_the_output_dir_and_the_screen():
    assert output_destinations(("github", "sarif:a.sarif", "junit:b.xml"), (), None) == [
        ("github", None),
        ("sarif", "a.sarif"),
        ("junit", "b.xml"),
    ]
    assert output_destinations(("json", "sarif:own.sarif"), (), "d") == [
        ("json", str(Path("d") / "fzcheck.json")),
        ("sarif", "own.sarif"),
    ]
    in_dir = str(Path("d") / "fzcheck.txt")
    assert output_destinations(("text", "json:-"), (), "d") == [("text", in_dir), ("json", None)]
    assert output_destinations(("json", "json"), ("x.json",), None) == [("json", "x.json")]


@pytest.mark.parametrize(
    ("formats", "outputs", "words"),
    [
        (("text", "json"), (), "只能有一种格式输出到屏幕"),
        (("json:-", "sarif:-"), (), "只能有一种格式输出到屏幕"),
        (("xlsx",), (), "xlsx 格式需要写入文件"),
        (("xlsx:-",), (), "xlsx 格式需要写入文件"),
        (("json:a.json", "csv"), ("b.csv",), "--output 不能与“格式:文件”的写法同时使用"),
        (("json:",), (), "冒号后应是文件名"),
        (("json:a.json", "csv:a.json"), (), "不能写入同一个文件"),
    ],
)
def test_destinations_that_cannot_be_are_refused(formats, outputs, words):
    with pytest.raises((click.UsageError, FzcheckError)) as caught:
        output_destinations(formats, outputs, None)
    assert words in (caught.value.message if isinstance(caught.value, click.UsageError) else str(caught.value))


def test_each_format_goes_to_its_own_place_stdout_included(drafts, capsys):
    formats = ("--format", "github", "--format", "sarif:结果/out.sarif", "--format", "junit:junit.xml")
    code, out, err = run_here(capsys, "check", "gaps.txt", "--no-config", *formats)
    assert code == 1
    assert out.startswith("::") and "title=part.leader-duty" in out
    assert json.loads((drafts / "结果" / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert ET.parse(drafts / "junit.xml").getroot().tag == "testsuites"
    assert err == "", "something went to the screen: no summary"


def test_a_run_writing_only_files_ends_with_a_one_line_summary(drafts, capsys):
    code, out, err = run_here(capsys, "check", "gaps.txt", "ok.txt", "missing.txt", "--no-config",
                              "--format", "sarif:out.sarif", "--format", "csv:out.csv")  # fmt: skip
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "fzcheck：missing.txt：文件不存在",
        "fzcheck：已写入 out.sarif、out.csv；检查 3 份报告：1 份通过，1 份未通过，1 份无法读取",
    ]
    code, out, err = run_here(capsys, "check", "ok.txt", "--no-config", "--format", "json", "--output", "r.json")
    assert (code, out) == (0, "")
    assert err == "fzcheck：已写入 r.json；检查 1 份报告：1 份通过，0 份未通过\n"


def test_json_to_the_screen_by_its_own_spelling(drafts, capsys):
    code, out, _err = run_here(capsys, "check", "ok.txt", "--no-config", "--format", "json:-", "--format", "csv:o.csv")
    assert code == 0 and json.loads(out)["passed"] is True and (drafts / "o.csv").is_file()


def test_a_mistyped_format_gets_the_closest_name(drafts, capsys):
    code, out, err = run_here(capsys, "check", "ok.txt", "--no-config", "--format", "jsno:x.json")
    assert (code, out) == (2, "")
    assert err == "fzcheck：不支持的输出格式：jsno，是不是 json？\n"
    assert not (drafts / "x.json").exists()


def test_a_configurations_format_files_are_relative_to_its_folder(drafts, capsys, monkeypatch):
    (drafts / "fzcheck.toml").write_text('formats = ["text", "json:结果/r.json"]\n', encoding="utf-8")
    sub = drafts / "sub"
    sub.mkdir()
    (sub / "ok.txt").write_text(report(), encoding="utf-8")
    monkeypatch.chdir(sub)
    code, out, _err = run_here(capsys, "check", "ok.txt")
    assert code == 0 and "结论：" in out
    assert json.loads((drafts / "结果" / "r.json").read_text(encoding="utf-8"))["passed"] is True
