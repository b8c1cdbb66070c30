"""Batches: checked in parallel and reported in the order given, glob patterns, several output formats, the
summary table; light results that drop the report text unless a format shows it, and lose nothing else."""

from __future__ import annotations

import json
from pathlib import Path

from checker.batch import Job, check_one
from checker.render.json import render_json
from checker.score import Gate
from tests.paths import ROOT
from tests.reportkit import report, run_fzcheck
from tests.reportkit import run_fzcheck as fzcheck

EXAMPLE = str(ROOT / "examples" / "gaps-2023.txt")
GAPS = (ROOT / "examples" / "gaps-2023.txt").read_text(encoding="utf-8")


def test_batch_in_parallel_keeps_the_order_and_reports_unreadable_files(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    # More files than checker.batch keeps in one process, so the parallel path really runs.
    for index in range(60):
        text = report(year=2016 + index % 10) if index % 2 else GAPS
        (folder / f"r{index:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "r99.txt").write_bytes(b"")
    serial = fzcheck("check", "--format", "json", "--jobs", "1", "drafts", cwd=tmp_path)
    parallel = fzcheck("check", "--format", "json", "--jobs", "2", "drafts", cwd=tmp_path)
    assert serial.stdout == parallel.stdout
    assert parallel.returncode == 2, "one unreadable file: exit 2 after the others were checked"
    out = json.loads(parallel.stdout)
    assert [Path(d["path"]).name for d in out["documents"]] == [f"r{i:02d}.txt" for i in range(60)]
    assert [Path(e["path"]).name for e in out["errors"]] == ["r99.txt"]


def test_size_limit_option_refuses_a_file_alone_and_in_a_parallel_batch(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    big = folder / "big.txt"
    big.write_text(report() + "备注：" + "法治政府建设。" * 75_000 + "\n", encoding="utf-8")  # about 1.6 MB
    assert fzcheck("check", "drafts/big.txt", cwd=tmp_path).returncode in (0, 1), "read under the default limit"
    alone = fzcheck("check", "drafts/big.txt", "--max-size", "1", cwd=tmp_path)
    assert alone.returncode == 2 and "文件过大" in alone.stderr and "上限 1 MB" in alone.stderr
    # More files than checker.batch keeps in one process: the limit must reach the worker processes.
    for index in range(60):
        (folder / f"r{index:02d}.txt").write_text(report(year=2016 + index % 10), encoding="utf-8")
    batch = fzcheck("check", "drafts", "--jobs", "2", "--max-size", "1", "--format", "json", cwd=tmp_path)
    assert batch.returncode == 2
    out = json.loads(batch.stdout)
    assert len(out["documents"]) == 60
    assert [(Path(e["path"]).name, "上限 1 MB" in e["message"]) for e in out["errors"]] == [("big.txt", True)]


def test_glob_patterns_are_expanded(tmp_path):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(report(), encoding="utf-8")
    out = json.loads(fzcheck("check", "--format", "json", "*.txt", cwd=tmp_path).stdout)
    assert sorted(Path(d["path"]).name for d in out["documents"]) == ["a.txt", "b.txt"]


def test_several_formats_to_an_output_dir(tmp_path):
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    proc = fzcheck("check", "--format", "json", "--format", "text", "--output-dir", "out", "r.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "out" / "fzcheck.json").read_text(encoding="utf-8"))["documents"]
    assert "法治政府建设年度报告检查" in (tmp_path / "out" / "fzcheck.txt").read_text(encoding="utf-8")


def test_several_formats_need_destinations(tmp_path):
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    proc = fzcheck("check", "--format", "json", "--format", "text", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "--output" in proc.stderr


def test_batch_summary_table_sorted_by_score(tmp_path):
    (tmp_path / "good.txt").write_text(report(), encoding="utf-8")
    (tmp_path / "gaps.txt").write_text(GAPS, encoding="utf-8")
    out = fzcheck("check", "gaps.txt", "good.txt", cwd=tmp_path).stdout
    table = out[out.index("汇总") :]
    assert table.index("good.txt") < table.index("gaps.txt")


def test_unreadable_file_keeps_its_row_in_the_summary(tmp_path):
    (tmp_path / "good.txt").write_text(report(), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = fzcheck("check", "good.txt", "empty.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    summary = proc.stdout[proc.stdout.index("汇总") :]
    assert "empty.txt" in summary and "无法检查" in summary


def test_a_light_result_renders_the_same_json() -> None:
    full = check_one(Job(EXAMPLE, (), Gate(), None, None))
    light = check_one(Job(EXAMPLE, (), Gate(), None, None, keep_text=False))
    assert len(light.document.lines) < len(full.document.lines) and not light.sections
    assert not light.document.text and not light.document.blocks
    assert light.findings == full.findings and light.score == full.score
    assert render_json([light], []) == render_json([full], [])


def test_the_summary_table_names_a_body_named_only_in_the_opening_whatever_the_formats(tmp_path: Path) -> None:
    # The title names no body; the first sentence does. Without an HTML output the results are light.
    text = report(year=2024).splitlines()
    text[0] = "2024年度法治政府建设情况报告"
    text.insert(1, "青禾县人民政府坚持以习近平法治思想为指导，全面推进依法行政。")
    (tmp_path / "a.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GAPS, encoding="utf-8")
    plain = fzcheck("check", "a.txt", "b.txt", "--jobs", "1", cwd=tmp_path)
    with_html = fzcheck(
        "check", "a.txt", "b.txt", "--jobs", "1", "--format", "text", "--format", "html:r.html", cwd=tmp_path
    )
    assert plain.stdout == with_html.stdout
    assert "青禾县人民政府" in plain.stdout[plain.stdout.index("汇总") :]


def test_the_html_report_of_a_batch_still_shows_each_text(tmp_path: Path) -> None:
    out = tmp_path / "batch.html"
    done = run_fzcheck(
        "check", EXAMPLE, str(ROOT / "examples" / "complete-2024.txt"), "--format", "html", "-o", str(out)
    )
    assert done.returncode in (0, 1), done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('class="ln"') > 40  # the lines of both reports


def test_jobs_zero_or_none_is_one_process_per_core():
    from checker.batch import default_jobs, workers_for

    assert workers_for(0) == workers_for(None) == default_jobs() >= 1
    assert workers_for(3) == 3


def test_jobs_zero_on_the_command_line_and_in_a_configuration(tmp_path, monkeypatch, capsys):
    from tests.reportkit import report, run_here

    (tmp_path / "ok.txt").write_text(report(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_here(capsys, "check", "ok.txt", "--no-config", "--jobs", "0")[0] == 0
    (tmp_path / "fzcheck.toml").write_text("jobs = 0\n", encoding="utf-8")
    assert run_here(capsys, "check", "ok.txt")[0:3:2] == (0, "")


def test_every_format_is_the_same_from_one_process_and_from_workers(tmp_path):
    """Workers render their reports' pieces of each output and the parent joins them: every format, in
    every view, on 64 reports and two unreadable files, with --statistics and the waiver notices, is byte
    for byte what one process writes."""
    from checker.render import FORMATS

    folder = tmp_path / "drafts"
    folder.mkdir()
    sources = sorted((ROOT / "tests" / "fixtures" / "holdout").glob("*.txt")) + sorted(
        (ROOT / "examples").glob("*.txt")
    )
    for index in range(64):
        source = sources[index % len(sources)]
        (folder / f"r{index:02d}_{source.name}").write_bytes(source.read_bytes())
    (folder / "z_empty.txt").write_bytes(b"")
    (folder / "z_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "fzcheck.toml").write_text(
        '[[waivers]]\nrule = "data.litigation"\nreason = "甲"\n'  # waives gaps
        '[[waivers]]\nrule = "part.measures"\nfile = "r00_*"\nreason = "乙"\n'  # unused: nothing to waive there
        '[[waivers]]\nrule = "data.review"\nreason = "丙"\nexpires = 2000-01-31\n',  # expired: the gaps count again
        encoding="utf-8",
    )
    env = {"SOURCE_DATE_EPOCH": "1764547200"}  # the workbook is dated when written: one date for both runs
    formats = [arg for fmt in FORMATS for arg in ("--format", fmt)]
    for view in ([], ["-q"], ["-v"]):
        outputs, said = {}, {}
        for jobs in ("1", "2"):
            out = f"out{jobs}{''.join(view)}"
            args = ("check", "drafts", "--jobs", jobs, *view, *formats, "--output-dir", out, "--statistics")
            done = fzcheck(*args, cwd=tmp_path, env=env)
            assert done.returncode == 2, done.stderr  # the two unreadable files
            outputs[jobs] = {path.name: path.read_bytes() for path in sorted((tmp_path / out).iterdir())}
            said[jobs] = (done.stdout, done.stderr.replace(out, "OUT"))
        assert sorted(outputs["1"]) == sorted(f"fzcheck.{spec.extension}" for spec in FORMATS.values())
        for name, data in outputs["1"].items():
            assert outputs["2"][name] == data, (view, name)
        assert said["2"] == said["1"], view
        stdout, stderr = said["1"]
        assert "规则统计（64 份报告）" in stdout
        assert "waivers 第 2 项（part.measures，文件 r00_*）没有豁免任何项目" in stderr
        assert "waivers 第 3 项（data.review，有效期至 2000-01-31）已过期" in stderr
        assert "检查 66 份报告" in stderr
    screens = {}
    for fmt in ("text", "json", "markdown"):  # and to standard output, a pipe
        for view in ([], ["-q"], ["-v"]):
            serial = fzcheck("check", "drafts", "--jobs", "1", *view, "--format", fmt, cwd=tmp_path)
            parallel = fzcheck("check", "drafts", "--jobs", "2", *view, "--format", fmt, cwd=tmp_path)
            assert (parallel.stdout, parallel.stderr) == (serial.stdout, serial.stderr), (fmt, view)
            screens[fmt + "".join(view)] = serial.stdout
    assert "汇总（按得分排序）" in screens["text"]
    assert len(screens["text-q"]) < len(screens["text"]) < len(screens["text-v"])
