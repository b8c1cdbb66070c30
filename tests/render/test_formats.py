"""The formats registry: every format named once, rendered whole and streamed alike, and deterministic (same
results -> same bytes, even with the clock moved on).

Results come from the real pipeline on the examples (conftest.py); each format's own contract is checked in
its own file (test_junit.py, test_sarif.py, ...).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.errors import FzcheckError
from checker.render import ALL, GAPS, QUIET, VIEWS, format_list, renderer
from checker.render import FORMATS as REGISTRY
from tests.paths import ROOT
from tests.render.kit import ERRORS, not_applicable, render

FORMATS = ("junit", "sarif", "github", "markdown", "csv", "xlsx", "html")


def test_examples_have_not_applicable_items(results):
    # The format tests check n/a in every format: the gaps example must hold some.
    assert not_applicable(results[0]) and not_applicable(results[1])


# --- registry ----------------------------------------------------------------------------------


def test_registry_names_every_format():
    assert list(REGISTRY) == ["text", "json", *FORMATS[:4], "html", "csv", "xlsx"]
    for fmt, spec in REGISTRY.items():
        assert spec.name == fmt
        assert callable(renderer(fmt))
    with pytest.raises(FzcheckError):
        renderer("pdf")


def test_output_dir_names_are_distinct_and_from_the_registry(tmp_path):
    extensions = [spec.extension for spec in REGISTRY.values()]
    assert len(set(extensions)) == len(extensions)
    chosen = [fmt for fmt in REGISTRY if fmt != "xlsx" or importlib.util.find_spec("openpyxl")]
    args = ["check", "examples/gaps-2023.txt", "--output-dir", str(tmp_path)]
    for fmt in chosen:
        args += ["--format", fmt]
    from checker.cli import main

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        main(args)
    finally:
        os.chdir(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"fzcheck.{REGISTRY[fmt].extension}" for fmt in chosen)


@pytest.mark.parametrize("fmt", list(REGISTRY))
def test_each_format_renders_whole_and_streamed_alike(fmt, results, monkeypatch):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # both renderings dated alike
    spec = REGISTRY[fmt]
    whole = spec.render(results, ERRORS)
    assert isinstance(whole, bytes) and whole
    assert b"".join(spec.chunks(results, ERRORS)) == whole
    if spec.streams:
        assert len(list(spec.chunks(results, ERRORS))) > len(results)  # report by report, not whole


@pytest.mark.parametrize("fmt", list(REGISTRY))
def test_only_the_formats_read_by_a_person_fold_and_the_others_ignore_the_view(fmt, results, monkeypatch):
    """-q and -v change how much the text, Markdown and HTML reports show; every other format (JSON above all)
    is the same bytes whatever the view."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # xlsx is dated when written: the same date for each
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
    spec = REGISTRY[fmt]
    assert spec.views == (fmt in ("text", "markdown", "html"))
    outputs = {view: spec.render(results, ERRORS, view) for view in VIEWS}
    if spec.views:
        assert outputs[ALL] != outputs[GAPS]
        assert outputs[GAPS] == spec.render(results, ERRORS)  # the default
    else:
        assert outputs[QUIET] == outputs[GAPS] == outputs[ALL]


def test_help_and_readme_list_the_registry():
    from click.testing import CliRunner

    from checker.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = f"| `--format 格式[:文件]` | 输出格式，可多次指定：{format_list('`')}。"
    assert any(line.startswith(row) for line in readme.splitlines())
    shown = CliRunner().invoke(cli, ["check", "--help"], terminal_width=1000).output
    assert format_list() in shown


def test_only_text_formats_go_to_the_screen():
    from checker.cli import main

    assert [f for f, spec in REGISTRY.items() if spec.binary] == ["xlsx"]
    assert main(["check", "examples/gaps-2023.txt", "--format", "xlsx"]) == 2


def test_json_and_light_formats_import_neither_rich_nor_openpyxl(tmp_path):
    code = f"""
import sys
from checker.cli import main
from checker.render import renderer
from checker.pipeline import check_file
from checker.score import Gate
main(["check", "--format", "json", "--output", {str(tmp_path / "out.json")!r}, "examples/gaps-2023.txt"])
results = [check_file("examples/gaps-2023.txt", None, Gate())]
for fmt in ("junit", "sarif", "github", "markdown", "csv", "html"):
    renderer(fmt)(results, [])
print(sorted(m for m in ("rich", "openpyxl") if m in sys.modules))
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, env=os.environ.copy()
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


# --- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_results_give_same_bytes(fmt, results, monkeypatch):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
        # A workbook is dated when written (its properties), unless SOURCE_DATE_EPOCH fixes the date.
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    first = render(fmt, results)
    if fmt == "xlsx":
        time.sleep(1.1)  # openpyxl stamps datetime.now() on save, to the second
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400 * 400)  # a later day: zip dates, clocks
    second = render(fmt, results)
    assert first == second
    assert isinstance(first, bytes) and first


def test_output_files_get_ordinary_permissions(tmp_path: Path) -> None:
    from tests.reportkit import run_fzcheck

    out = tmp_path / "out.json"
    old = os.umask(0o022)
    try:
        run_fzcheck("check", str(ROOT / "examples" / "complete-2024.txt"), "--format", "json", "-o", str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("output_dir", [False, True])
def test_a_config_format_not_in_the_registry_is_refused_in_one_line(output_dir, tmp_path, capsys):
    from checker.cli import main

    (tmp_path / "fzcheck.toml").write_text('formats = ["pdf"]\n', encoding="utf-8")
    args = ["check", str(ROOT / "examples" / "gaps-2023.txt"), "--config", str(tmp_path / "fzcheck.toml")]
    if output_dir:
        args += ["--output-dir", str(tmp_path / "out")]
    assert main(args) == 2
    captured = capsys.readouterr()
    listed = "、".join(REGISTRY)
    assert captured.err == f"fzcheck：不支持的输出格式：pdf（可用：{listed}）\n" and captured.out == ""
    assert not (tmp_path / "out").exists()
