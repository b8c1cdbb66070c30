"""The score: n/a items left out, each missing required item costing at least 8 points, counts computed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import ERROR, FAIL, INFO, NA, PARTIAL, PASS, WAIVED, WARNING, Finding, GroupDef, Pack
from checker.pipeline import check_file
from checker.score import REQUIRED_PENALTY, Gate, gate_passed, pack_groups, score_of, tallies

STATUS_SCORES = {PASS: 1.0, PARTIAL: 0.5, FAIL: 0.0}

# Our own made-up report of an invented county: every required item present, with figures.
TITLE = "白溪县人民政府关于2024年度法治政府建设情况的报告"
PARTS = {
    "measures": [
        "一、2024年度推进法治政府建设的主要举措和成效",
        "（一）严格规范行政执法。全面落实行政执法“三项制度”，全县执法单位在统一平台公示执法信息，"
        "重大执法决定法制审核率100%。",
        "（二）依法化解行政争议。全年收到行政复议申请41件，受理38件，审结35件，直接纠错4件。"
        "全县行政诉讼一审案件22件，败诉1件，行政机关负责人出庭应诉率100%。",
    ],
    "leader": [
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        "县长主持召开政府常务会议专题研究法治政府建设5次，带头年终述法。",
    ],
    "shortcomings": [
        "三、推进法治政府建设存在的不足和原因",
        "一是基层执法人员业务能力不足。究其原因，主要是培训经费保障不够。",
    ],
    "plan": [
        "四、2025年推进法治政府建设的主要安排",
        "2025年，我县将健全重大行政决策程序，加强执法人员轮训。",
    ],
}
# Required parts removed one more at a time, with the rule that then fails.
DROPPED = (("leader", "part.leader-duty"), ("shortcomings", "part.shortcomings"), ("plan", "part.next-year"))


def report_without(*dropped: str) -> str:
    lines = [TITLE]
    for key, part in PARTS.items():
        if key not in dropped:
            lines += part
    return "\n".join(lines) + "\n"


def finding(status: str, severity: str = WARNING, weight: float = 1.0, rule: str = "a.rule", part: str = "") -> Finding:
    return Finding(rule, "标题", part, status, severity, weight, "说明", "建议")


@pytest.fixture(scope="module")
def missing_0_to_3(tmp_path_factory) -> list:
    """Results of the report missing 0, 1, 2 and 3 required parts, checked with the default packs."""
    folder: Path = tmp_path_factory.mktemp("score")
    results = []
    for count in range(len(DROPPED) + 1):
        path = folder / f"missing-{count}.txt"
        path.write_text(report_without(*(key for key, _ in DROPPED[:count])), encoding="utf-8")
        results.append(check_file(str(path), None, Gate()))
    return results


def test_the_complete_report_meets_every_required_item(missing_0_to_3):
    complete = missing_0_to_3[0]
    assert complete.required_met == complete.required_total == 7
    assert complete.unmet[ERROR] == 0
    assert complete.passed


def test_each_missing_required_item_costs_at_least_8_points(missing_0_to_3):
    for count in range(1, len(missing_0_to_3)):
        result = missing_0_to_3[count]
        statuses = {f.rule: f.status for f in result.findings}
        assert [statuses[rule] for _, rule in DROPPED[:count]] == [FAIL] * count
        assert (result.required_met, result.required_total) == (7 - count, 7)
        assert missing_0_to_3[count - 1].score - result.score >= 8, [r.score for r in missing_0_to_3]


def test_three_missing_required_items_score_well_under_90(missing_0_to_3):
    assert missing_0_to_3[3].score < 70


def test_text_header_shows_score_and_required_met(missing_0_to_3, tmp_path):
    from tests.reportkit import run_fzcheck

    path = tmp_path / "missing-2.txt"
    path.write_text(report_without("leader", "shortcomings"), encoding="utf-8")
    proc = run_fzcheck("check", str(path))
    assert f"得分：{missing_0_to_3[2].score:g} / 100   必备 5/7    结论：✗ 未通过（2 项必备内容未达标）" in proc.stdout


def test_na_and_waived_items_are_left_out_of_the_score():
    base = [finding(PASS), finding(FAIL)]
    assert score_of(base, STATUS_SCORES) == 50.0
    assert score_of([*base, finding(NA, weight=5), finding(WAIVED, weight=5)], STATUS_SCORES) == 50.0
    # n/a is not a pass in disguise: it does not lift the score either.
    assert score_of([*base, finding(NA, severity=ERROR, weight=5)], STATUS_SCORES) == 50.0


def test_required_items_cost_a_penalty_on_top_of_their_weight():
    advisory = [finding(PASS) for _ in range(20)]
    required = [finding(PASS, ERROR), finding(PASS, ERROR)]
    assert score_of(advisory + required, STATUS_SCORES) == 100.0
    partial = score_of([*advisory, finding(PASS, ERROR), finding(PARTIAL, ERROR)], STATUS_SCORES)
    missing = score_of([*advisory, finding(PASS, ERROR), finding(FAIL, ERROR)], STATUS_SCORES)
    # weighted share 21.5/22 (21/22), less 5 (10) points
    assert partial == round(100 * 21.5 / 22 - REQUIRED_PENALTY / 2, 1)
    assert missing == round(100 * 21 / 22 - REQUIRED_PENALTY, 1)
    assert 100 - missing >= 8 and missing < partial < 100
    # the same gap in an advisory item costs only its weighted share
    assert score_of([*advisory[1:], finding(FAIL), *required], STATUS_SCORES) == round(100 * 21 / 22, 1)


def test_score_never_goes_below_zero():
    assert score_of([finding(FAIL, ERROR) for _ in range(12)], STATUS_SCORES) == 0.0


def test_nothing_to_score_is_a_full_score():
    assert score_of([finding(NA), finding(NA, ERROR)], STATUS_SCORES) == 100.0


def test_na_never_blocks_the_gate():
    findings = (finding(PASS, ERROR), finding(NA, ERROR), finding(NA, WARNING))
    assert gate_passed(findings, 100.0, Gate(fail_on="warning"))
    assert not gate_passed((*findings, finding(PARTIAL, ERROR)), 100.0, Gate())


def test_tallies_count_each_status_and_required_items_once():
    findings = (
        finding(PASS, ERROR, rule="freshness.x"),
        finding(FAIL, ERROR, rule="part.b", part="next-year"),
        finding(NA, ERROR, rule="consistency.x"),
        finding(WAIVED, ERROR, rule="data.y", part="measures"),
        finding(PARTIAL, WARNING, rule="zz.c"),
        finding(FAIL, INFO, rule="part.d", part="measures"),
    )
    parts = {"measures": "主要举措", "leader-duty": "履职", "next-year": "下一年"}
    got = tallies(findings, parts, {"publication": "发布", "freshness": "用语时效"})
    assert got["counts"] == {PASS: 1, PARTIAL: 1, FAIL: 2, NA: 1, WAIVED: 1}
    # n/a and waived required items count neither as met nor in the total
    assert (got["required_met"], got["required_total"]) == (1, 2)
    assert got["unmet"] == {ERROR: 1, WARNING: 1, INFO: 1}
    assert got["not_applicable"] == (2,)
    # groups in the packs' part order, then the rule groups, then unknown groups; the n/a item in none of them
    assert got["groups"] == (("measures", (3, 5)), ("next-year", (1,)), ("freshness", (0,)), ("zz", (4,)))
    # titles: the part's from the packs, a rule group's own, else the id
    assert got["group_titles"] == {"measures": "主要举措", "next-year": "下一年", "freshness": "用语时效", "zz": "zz"}
    # without the packs' parts, a part is one more group after the declared rule groups, as first met
    assert [group for group, _ in tallies(findings, {}, {"zz": "其他"})["groups"]] == [
        "zz",
        "freshness",
        "next-year",
        "measures",
    ]
    assert got["missing_parts"] == ()  # part titles only of `part` rules (rule_type), never info ones


def test_pack_groups_rank_by_order_then_as_declared_the_first_pack_deciding():
    def pack(pid: str, *groups: GroupDef) -> Pack:
        return Pack(id=pid, version="1", title="", path=f"{pid}.yaml", rules=(), groups={g.id: g for g in groups})

    first = pack("a", GroupDef("late", "后"), GroupDef("second", "二", 20), GroupDef("unordered", "无序"))
    second = pack("b", GroupDef("first", "一", 10), GroupDef("second", "别的标题", 1), GroupDef("last", "末"))
    got = pack_groups([first, second])
    assert list(got) == ["first", "second", "late", "unordered", "last"]
    assert got["second"] == "二"
