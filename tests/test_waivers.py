"""Waivers a CI team can govern: approved_by and expires, expired waivers counting again, waivers that waive
nothing reported, bad fields refused with the file and line."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from checker.waivers import Waiver, split_expired, unused_waivers
from tests.reportkit import run_here


def configure(folder: Path, waivers: str, name: str = "fzcheck.toml") -> Path:
    path = folder / name
    path.write_text(waivers, encoding="utf-8")
    return path


def statuses(out: str, index: int = 0) -> dict[str, str]:
    return {f["rule"]: f["status"] for f in json.loads(out)["documents"][index]["findings"]}


def test_a_waiver_applies_up_to_and_including_its_expiry_day():
    waiver = Waiver("data.review", "理由", expires=datetime.date(2025, 6, 30))
    assert not waiver.expired_on(datetime.date(2025, 6, 30))
    assert waiver.expired_on(datetime.date(2025, 7, 1))
    assert not Waiver("data.review", "理由").expired_on(datetime.date(2999, 1, 1))
    active, expired = split_expired([waiver, Waiver("x", "y")], datetime.date(2025, 7, 1))
    assert [w.rule for w in active] == ["x"] and expired == (waiver,)


def test_an_expired_waiver_stops_applying_and_says_so_in_one_line(drafts, capsys):
    config = configure(
        drafts,
        '[[waivers]]\nrule = "enforcement.three-systems"\nreason = "本局无执法职能"\n'
        'approved_by = "法制科 李某"\nexpires = 2000-01-31\n',
    )
    code, out, err = run_here(capsys, "check", "gaps.txt", "--format", "json")
    assert statuses(out)["enforcement.three-systems"] == "fail", "the gap counts again"
    assert code == 1
    assert err == (
        f"fzcheck：配置文件 {config}：waivers 第 1 项（enforcement.three-systems，批准人 法制科 李某，"
        "有效期至 2000-01-31）已过期，不再生效，1 项重新计为未达标\n"
    )


def test_a_waiver_still_in_force_waives_and_says_nothing(drafts, capsys):
    waiver = '[[waivers]]\nrule = "enforcement.three-systems"\nreason = "本局无执法职能"\nexpires = "2999-12-31"\n'
    configure(drafts, waiver)
    code, out, err = run_here(capsys, "check", "gaps.txt", "--format", "json")
    assert statuses(out)["enforcement.three-systems"] == "waived"
    assert (code, err) == (1, "")


def test_a_waiver_that_waived_nothing_is_reported_unless_its_files_were_not_checked(drafts, capsys):
    config = configure(
        drafts,
        '[[waivers]]\nrule = "part.measures"\nreason = "甲"\n'  # passes in gaps.txt: nothing to waive
        '[[waivers]]\nrule = "data.review"\nfile = "其他单位.docx"\nreason = "乙"\n'  # a file not checked
        '[[waivers]]\nrule = "data.litigation"\nreason = "丙"\n'  # waives the gap
        '[[waivers]]\nrule = "data.*"\nreason = "丁"\n',  # data.litigation was waived by the one before
    )
    code, out, err = run_here(capsys, "check", "gaps.txt", "--format", "json")
    assert statuses(out)["data.litigation"] == "waived" and statuses(out)["data.review"] == "waived"
    assert err.splitlines() == [
        f"fzcheck：配置文件 {config}：waivers 第 1 项（part.measures）没有豁免任何项目"
        "（所涉报告中该项已符合或不适用），可以删除",
    ]
    assert code == 1, "a notice, not a failure"


def test_the_first_covering_waiver_is_the_used_one(drafts):
    from checker.pipeline import check_file
    from checker.score import Gate

    first, second = Waiver("data.*", "甲", position=1), Waiver("data.review", "乙", position=2)
    result = check_file(str(drafts / "gaps.txt"), None, Gate(waivers=(first, second)))
    assert next(f for f in result.findings if f.rule == "data.review").waiver == "甲"
    assert unused_waivers((first, second), [result]) == [second]


@pytest.mark.parametrize(
    ("field", "wanted"),
    [
        ('expires = "2025-02-30"', "expires 应是日期 YYYY-MM-DD，如 2025-06-30"),
        ('expires = "30/06/2025"', "expires 应是日期 YYYY-MM-DD，如 2025-06-30"),
        ("expires = 20250630", "expires 应是日期 YYYY-MM-DD，如 2025-06-30"),
        ("expires = 2025-06-30T08:00:00", "expires 应是日期 YYYY-MM-DD，如 2025-06-30"),
        ('approved_by = ""', "approved_by 应是批准人的姓名或部门（非空文字）"),
        ("approved_by = 3", "approved_by 应是批准人的姓名或部门（非空文字）"),
    ],
)
def test_a_bad_expiry_or_approver_is_one_line_with_the_file_and_line(drafts, capsys, field, wanted):
    lines = ["[[waivers]]", 'rule = "part.other"', 'reason = "甲"', "[[waivers]]", 'rule = "data.review"',
             'reason = "乙"', field]  # fmt: skip
    config = configure(drafts, "\n".join(lines) + "\n")
    code, out, err = run_here(capsys, "check", "ok.txt")
    assert code == 2 and out == ""
    assert err == f"fzcheck：配置文件 {config}：第 7 行，waivers 第 2 项（data.review）的 {wanted}\n"


def test_a_bad_expiry_in_pyproject_names_its_line_there(drafts, capsys):
    config = configure(
        drafts,
        '[project]\nname = "x"\n\n[[tool.fzcheck.waivers]]\nrule = "part.other"\nreason = "甲"\nexpires = "明年"\n',
        "pyproject.toml",
    )
    code, _out, err = run_here(capsys, "check", "ok.txt")
    assert code == 2
    assert err.startswith(f"fzcheck：配置文件 {config}：第 7 行，waivers 第 1 项（part.other）的 expires")


def test_an_unknown_waiver_field_gets_the_closest_name(drafts, capsys):
    configure(drafts, '[[waivers]]\nrule = "part.other"\nreason = "甲"\nexpire = 2025-01-01\n')
    code, _out, err = run_here(capsys, "check", "ok.txt")
    assert code == 2 and "未知字段 expire，是不是 expires？" in err and err.count("\n") == 1
