"""Building blocks for test reports: our own made-up text, assembled per test."""

from __future__ import annotations

from pathlib import Path

from checker.model import Document, Line, Result
from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate
from tests.paths import ROOT

TITLE = "青石县人民政府关于{year}年度法治政府建设情况的报告"
OPENING = (
    "{year}年，青石县坚持以习近平法治思想为指导，统筹推进法治政府建设各项工作，取得了新的进展。现将有关情况报告如下："
)

MEASURES = [
    "（一）依法全面履行政府职能",
    "1.深化放管服改革。全年取消和下放行政许可事项12项，政务服务事项网上可办率达到98%。",
    "（二）严格规范公正文明执法",
    "1.落实行政执法“三项制度”。全县32个执法单位在统一平台公示执法信息，配备执法记录仪410台，"
    "重大执法决定法制审核率100%。",
    "（三）依法化解行政争议",
    "1.发挥行政复议主渠道作用。全年收到行政复议申请64件，受理58件，审结51件，直接纠错7件。行政复议委员会审议疑难案件5件。",
    "2.做好行政应诉工作。全县行政诉讼一审案件37件，败诉2件，行政机关负责人出庭应诉率100%。",
]
LEADER = [
    "县委、县政府主要负责人认真履行推进法治建设第一责任人职责，做到“四个亲自”，全年主持召开专题会议6次，"
    "组织会前学法12次，27个部门主要负责人年终述法。",
]
SHORTCOMINGS = [
    "一是部分执法人员业务能力不足；二是基层法治力量薄弱。究其原因，主要是培训机制不健全、编制保障不够。",
]
PLAN = [
    "{next_year}年，我县将继续深化法治政府建设：一是完善重大行政决策程序；二是加强执法人员培训；三是提升复议应诉质效。",
]

# One valid rule of a pack, as YAML list item (pack tests vary its fields).
SAMPLE_RULE = """  - id: a.rule
    type: keywords
    title: 标题
    severity: warning
    basis: 依据
    message: 说明
    suggestion: 建议
    any: [法治]
"""

STANDARD_HEADINGS = {
    "measures": "一、{year}年度推进法治政府建设的主要举措和成效",
    "leader": "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "shortcomings": "三、推进法治政府建设存在的不足和原因",
    "plan": "四、{next_year}年推进法治政府建设的主要安排",
}


def report(year: int = 2024, headings: dict[str, str | None] | None = None, **bodies: list[str]) -> str:
    """A complete report; `headings` replaces (or with None drops) a part's heading, bodies replace its text."""
    chosen = {**STANDARD_HEADINGS, **(headings or {})}
    texts = {
        "measures": bodies.get("measures", MEASURES),
        "leader": bodies.get("leader", LEADER),
        "shortcomings": bodies.get("shortcomings", SHORTCOMINGS),
        "plan": bodies.get("plan", PLAN),
    }
    lines = [TITLE, OPENING]
    for key in ("measures", "leader", "shortcomings", "plan"):
        heading = chosen.get(key)
        if heading is None and key not in bodies:
            continue
        if heading:
            lines.append(heading)
        lines.extend(texts[key])
    text = "\n".join(lines) + "\n"
    return text.replace("{year}", str(year)).replace("{next_year}", str(year + 1))


def check_text(tmp_path: Path, text: str, name: str = "report.txt", encoding: str = "utf-8", **options) -> Result:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return check_file(str(path), load_packs(["national"]), Gate(), **options)


def statuses(result: Result) -> dict[str, str]:
    return {f.rule: f.status for f in result.findings}


def finding(result: Result, rule: str):
    return next(f for f in result.findings if f.rule == rule)


def run_fzcheck(*args: str, cwd: Path | None = None, timeout: int = 600, preexec_fn=None, env: dict | None = None):
    """The real command line in a child process, from `cwd` (default: the project root), without color;
    `env` adds to the environment.

    `preexec_fn` runs in the child before fzcheck starts (the hostile tests limit its memory there).
    """
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )


def one_clear_line(proc, name: str) -> str:
    """The bad-input contract: exit 2, one Chinese line on stderr naming the file, no traceback."""
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert name in lines[0], lines[0]
    return lines[0]


def line_at(doc: Document, offset: int) -> Line:
    """The line of a document holding a normalized offset (a binary search over its lines)."""
    lo, hi = 0, len(doc.lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc.lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return doc.lines[lo]


def run_here(capsys, *args: str) -> tuple[int, str, str]:
    """The command line in this process (checker.cli.main, faster than a child): exit code, stdout, stderr."""
    from checker.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
