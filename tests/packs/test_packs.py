"""Rule packs: composition, validation with file:line:column, rule examples, the rules CLI."""

from __future__ import annotations

import pytest

from checker.errors import PackError
from checker.packs import builtin_names, load_pack, load_packs
from tests.paths import ROOT
from tests.reportkit import SAMPLE_RULE as RULE
from tests.reportkit import check_text, report, statuses
from tests.reportkit import run_fzcheck as fzcheck

PROVINCIAL = ROOT / "tests" / "fixtures" / "packs" / "provincial.yaml"


def test_provincial_pack_inherits_overrides_disables_and_adds():
    pack = load_pack(PROVINCIAL)
    ids = [r.id for r in pack.rules]
    assert "part.measures" in ids and "part.other" not in ids
    assert "province.demonstration" in ids
    assert next(r for r in pack.rules if r.id == "year.next-plan").severity == "error"
    national = load_packs(["national"])[0]
    assert next(r for r in national.rules if r.id == "year.next-plan").severity == "warning"


def test_provincial_pack_changes_verdicts(tmp_path):
    text = report(headings={"plan": "四、2024年工作打算"})  # wrong plan year
    national = check_text(tmp_path, text)
    assert national.passed  # year.next-plan is only a warning nationally
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    from checker.pipeline import check_file
    from checker.score import Gate

    provincial = check_file(str(path), [load_pack(PROVINCIAL)], Gate())
    got = {f.rule: f.status for f in provincial.findings}
    assert got["year.next-plan"] == "fail"
    assert got["province.demonstration"] == "fail"
    assert "part.other" not in got
    assert not provincial.passed  # the stricter province fails the gate


BROKEN = {
    "unknown_key_did_you_mean": ("id: p\nrules:\n" + RULE.replace("    any:", "    anyy:"), 10, "是不是 any"),
    "unknown_pack_key": ("id: p\nrulez: []\nrules:\n" + RULE, 2, "是不是 rules"),
    "bad_type": ("id: p\nrules:\n" + RULE.replace("type: keywords", "type: keyword"), 4, "是不是 keywords"),
    "missing_basis": ("id: p\nrules:\n" + RULE.replace("    basis: 依据\n", ""), 3, "basis"),
    "missing_message": ("id: p\nrules:\n" + RULE.replace("    message: 说明\n", ""), 3, "message"),
    "missing_suggestion": ("id: p\nrules:\n" + RULE.replace("    suggestion: 建议\n", ""), 3, "suggestion"),
    "duplicate_id": ("id: p\nrules:\n" + RULE + RULE, 11, "重复"),
    "bad_severity": ("id: p\nrules:\n" + RULE.replace("severity: warning", "severity: fatal"), 6, "severity"),
    "bad_yaml": ("id: p\nrules: [\n  - a: : b\n", 3, "YAML"),
    "bad_applies_to": ("id: p\nrules:\n" + RULE + "    applies_to: [city]\n", 11, "applies_to"),
    "extends_missing": ("id: p\nextends: nosuch\nrules:\n" + RULE, None, "nosuch"),
    "disable_unknown": ("id: p\nextends: national\ndisable: [no.such]\nrules:\n" + RULE, 3, "no.such"),
    "bad_examples": ("id: p\nrules:\n" + RULE + "    examples: [x]\n", 11, "examples"),
    "groups_not_mapping": ("id: p\ngroups: [a]\nrules:\n" + RULE, 2, "groups 应是映射"),
    "group_bad_order": ("id: p\ngroups:\n  a: {title: 甲, order: first}\nrules:\n" + RULE, 3, "order 应是"),
    "group_unknown_key": ("id: p\ngroups:\n  a: {titel: 甲}\nrules:\n" + RULE, 3, "是不是 title"),
    "group_empty_title": ("id: p\ngroups:\n  a: {title: ' '}\nrules:\n" + RULE, 3, "title 应是"),
    "group_names_a_part": ("id: p\ngroups:\n  measures: 举措\nrules:\n" + RULE, 3, "与部分同名"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_lint_names_file_line_and_problem(tmp_path, name):
    text, line, words = BROKEN[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    proc = fzcheck("rules", "lint", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    assert words in out
    if line is not None:
        assert f"{path}:{line}:" in out


def test_rules_test_cli_passes_a_builtin_pack():
    # A smoke test of the command: every built-in example runs in-process in test_ruletest.py.
    proc = fzcheck("rules", "test", "national")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "✓ part.measures：" in proc.stdout and "没有示例" not in proc.stdout


def test_rules_test_reports_a_failing_example(tmp_path):
    path = tmp_path / "wrong.yaml"
    path.write_text(
        PROVINCIAL.read_text(encoding="utf-8").replace("积极开展法治政府建设示范创建", "积极开展工作"), "utf-8"
    )
    proc = fzcheck("rules", "test", str(path))
    assert proc.returncode == 1
    assert "✗ province.demonstration" in proc.stdout


def test_rules_show_prints_a_chinese_page():
    proc = fzcheck("rules", "show", "part.leader-duty")
    assert proc.returncode == 0
    for words in ("检查什么", "为什么（依据）", "怎么写", "符合的示例", "不符合的示例", "第四章"):
        assert words in proc.stdout


def test_rules_show_unknown_id():
    proc = fzcheck("rules", "show", "no.such")
    assert proc.returncode == 2
    assert "no.such" in proc.stderr


def test_default_packs_follow_the_report_type(tmp_path):
    from checker.pipeline import check_file
    from checker.score import Gate

    government, dept = tmp_path / "g.txt", tmp_path / "d.txt"
    government.write_text(report(), encoding="utf-8")
    dept.write_text(report().replace("青石县人民政府", "青石县司法局"), encoding="utf-8")
    assert check_file(str(government), None, Gate()).packs[0] == "national"
    department = check_file(str(dept), None, Gate())
    assert department.document.report_type == "department"
    expected = "department" if "department" in builtin_names() else "national"
    assert department.packs[0] == expected
    assert statuses(department)["part.measures"] == "pass"


def test_example_provincial_pack_moves_the_department_deadline(tmp_path):
    from checker.pipeline import check_file
    from checker.score import Gate

    example = load_pack(ROOT / "examples" / "packs" / "provincial-example.yaml")
    text = "发文日期 | 2025-03-15 |\n" + report().replace("青石县人民政府", "青石县司法局")
    path = tmp_path / "dept.txt"
    path.write_text(text, encoding="utf-8")
    national = {f.rule: f.status for f in check_file(str(path), load_packs(["national"]), Gate()).findings}
    provincial = {f.rule: f.status for f in check_file(str(path), [example], Gate()).findings}
    assert national["meta.published-on-time"] == "pass"  # 4月1日 nationally
    assert provincial["meta.published-on-time"] == "fail"  # 3月1日 for departments in the province
    assert "part.other" in national and "part.other" not in provincial
    assert "province.demonstration" not in provincial  # the province asks it of governments only


def test_extra_pack_without_parts_reads_the_national_parts():
    outline = load_packs(["freshness"])[0]
    assert {"measures", "next-year", "shortcomings"} <= set(outline.parts)


def test_unknown_part_in_scope_is_a_load_error(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("id: p\nrules:\n" + RULE + "    exclude: [plan]\n", encoding="utf-8")
    with pytest.raises(PackError, match="plan"):
        load_pack(path)


GROUPED = """id: grouped
extends: national
groups:
  province: {title: 本省补充要求, order: 5}
  publication: 公开发布
rules:
""" + RULE.replace("a.rule", "province.rule")


def test_a_pack_declares_its_rule_groups_and_retitles_inherited_ones(tmp_path):
    path = tmp_path / "grouped.yaml"
    path.write_text(GROUPED, encoding="utf-8")
    groups = load_pack(path).groups
    assert (groups["province"].title, groups["province"].order) == ("本省补充要求", 5)
    assert (groups["publication"].title, groups["publication"].order) == ("公开发布", None)  # replaced whole
    assert load_packs(["national"])[0].groups["publication"].title == "发布与公开"


def test_a_packs_own_group_title_shows_in_the_output(tmp_path):
    path, draft = tmp_path / "grouped.yaml", tmp_path / "report.txt"
    path.write_text(GROUPED, encoding="utf-8")
    draft.write_text(report(), encoding="utf-8")
    # --show-passed: the rule passes, and a passed item is listed under its group only when every item is shown
    proc = fzcheck("check", str(draft), "--pack", str(path), "--no-config", "--show-passed")
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    # order 5 puts the group before the ones without an order, which follow the parts as declared
    assert out.index("━━ 第一责任人职责 ━━") < out.index("━━ 本省补充要求 ━━") < out.index("━━ 公开发布 ━━")
    assert "province.rule" in out.split("━━ 本省补充要求 ━━")[1].split("━━")[0]


@pytest.mark.parametrize(("pack", "group"), [("outline-2016-2020", "outline2015"), ("areas-2026", "areas")])
def test_reissued_rules_keep_their_groups_heading_under_the_new_prefix(pack, group):
    parent = load_packs(["outline-2021-2025"])[0].groups["outline"]
    groups = load_packs([pack])[0].groups
    assert (groups[group].id, groups[group].title, groups[group].order) == (group, parent.title, parent.order)
    assert "outline" not in groups
    assert all(rule.id.startswith(group + ".") for rule in load_packs([pack])[0].rules)


def test_a_reissued_group_is_titled_in_the_screen_report(tmp_path):
    draft = tmp_path / "report.txt"
    draft.write_text(report(year=2018), encoding="utf-8")
    out = fzcheck("check", str(draft), "--year", "2018", "--no-config").stdout
    assert "━━ 纲要领域覆盖 ━━" in out and "━━ outline2015 ━━" not in out


def test_nesting_too_deep_for_the_marks_is_a_pack_error(tmp_path, monkeypatch):
    # libyaml composes 600 levels without complaint (PyYAML before 6.0.4 sets no limit); recording each
    # node's position then recursed past Python's limit outside the error handling: a bare RecursionError.
    import sys

    from checker.packs.yamlread import read_yaml

    pack = tmp_path / "nested.yaml"
    pack.write_text("id: p\nrules: " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        with pytest.raises(PackError, match="YAML 嵌套过深"):
            read_yaml(pack)
    finally:
        sys.setrecursionlimit(limit)
