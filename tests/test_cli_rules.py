"""`fzcheck rules show` (its reference link, a did-you-mean for a mistyped id) and `rules test --coverage`."""

from __future__ import annotations

import textwrap

import pytest

from tests.reportkit import report, run_here
from tests.rulesdoc import reference_anchors


def shown_link(capsys, *args: str) -> str:
    code, out, _err = run_here(capsys, "rules", "show", *args)
    assert code == 0
    return next(line for line in out.splitlines() if line.startswith("说明页："))[len("说明页：") :]


def test_rules_show_gives_the_rules_section_of_the_reference(capsys, monkeypatch):
    monkeypatch.delenv("FZCHECK_DOCS_URL", raising=False)
    anchors = reference_anchors()
    link = shown_link(capsys, "data.review")
    assert link == "docs/rules.md#datareview" and anchors["datareview"] == ("national", "data.review")
    township = shown_link(capsys, "data.review", "--pack", "township")
    assert anchors[township.partition("#")[2]] == ("township", "data.review"), "the township pack's own section"
    monkeypatch.setenv("FZCHECK_DOCS_URL", "https://example.org/fzcheck/blob/main")
    assert shown_link(capsys, "part.next-year") == "https://example.org/fzcheck/blob/main/docs/rules.md#partnext-year"


def test_a_users_rule_has_no_section_and_says_how_to_get_one(capsys):
    link = shown_link(capsys, "province.demonstration", "--pack", "examples/packs/provincial-example.yaml")
    assert link.startswith("无（自定义规则包中的规则；用 fzcheck rules doc --pack")


def test_a_mistyped_rule_id_gets_the_closest_one(capsys):
    code, out, err = run_here(capsys, "rules", "show", "part.leader-dutty")
    assert (code, out) == (2, "")
    assert err == "fzcheck：没有编号为 part.leader-dutty 的规则，是不是 part.leader-duty？\n"
    assert "fzcheck rules list" in run_here(capsys, "rules", "show", "zzz")[2]


def pack_with(rule_yaml: str) -> str:
    head = "id: local\ntitle: 本地规则包\nextends: national\nrules:\n"
    return head + textwrap.indent(textwrap.dedent(rule_yaml), "  ")


def example(text: str, indent: int = 10) -> str:
    return "|\n" + textwrap.indent(text, " " * indent)


OTHER = report() + "五、其他需要报告的情况\n全年无其他需要报告的事项。\n"
PLACEHOLDER = """\
- id: local.placeholder
  type: pattern
  title: “其他情况”中没有占位符
  severity: warning
  basis: 公文处理的基本要求
  message: 不应留有“某某”。
  suggestion: 换成实际名称。
  scope: [other]
  forbid: ['某某']
  examples:
    pass:
      - text: {passing}
    fail:
      - text: {failing}
"""


@pytest.mark.parametrize(
    ("failing", "covered"),
    [
        (OTHER.replace("全年无", "某某单位无"), True),
        (report(), False),  # no 其他 part: n/a, which is no pass, but does not make the rule fire
    ],
)
def test_coverage_needs_an_example_that_makes_the_rule_fire(tmp_path, capsys, failing, covered):
    path = tmp_path / "local.yaml"
    rule = PLACEHOLDER.format(passing=example(OTHER), failing=example(failing))
    path.write_text(pack_with(rule), encoding="utf-8")
    assert run_here(capsys, "rules", "test", str(path))[0] == 0, "every example gives what it expects"
    code, out, _err = run_here(capsys, "rules", "test", "--coverage", str(path))
    if covered:
        assert code == 0 and "✓ 示例覆盖：每条规则都有使它符合和不符合的示例" in out
    else:
        assert code == 1
        assert "  规则包 local 的 local.placeholder：没有使它不符合（缺失或部分符合）的示例" in out.splitlines()
        assert "✗ 示例覆盖：1 条规则缺少示例" in out


REUSE = """\
- id: local.reuse
  type: reuse
  title: 不照搬上年
  severity: warning
  basis: 依据
  message: 说明
  suggestion: 建议
  examples:
    pass:
      - text: {text}
"""


def test_coverage_needs_a_passing_example_of_a_rule_comparing_with_last_year(tmp_path, capsys):
    path = tmp_path / "local.yaml"
    path.write_text(pack_with(REUSE.format(text=example(report()))), encoding="utf-8")
    assert run_here(capsys, "rules", "test", str(path))[0] == 0, "not run without a previous report, as it should"
    code, out, _err = run_here(capsys, "rules", "test", "--coverage", str(path))
    assert code == 1
    gap = "规则包 local 的 local.reuse：没有使它不符合（缺失或部分符合）的示例；没有使它符合的示例"
    assert f"  {gap}" in out.splitlines()


def test_the_builtin_packs_are_covered(capsys):
    from checker.packs import builtin_names

    code, out, _err = run_here(capsys, "rules", "test", "--coverage", *builtin_names())
    assert code == 0, out
    assert out.splitlines()[-1] == "✓ 示例覆盖：每条规则都有使它符合和不符合的示例"
