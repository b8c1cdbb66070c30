"""The rule reference is generated from whatever packs are given, built-in or a province's own."""

from pathlib import Path

from checker.packs import load_pack
from checker.ruledoc import reference_markdown
from tests.test_cli import fzcheck

PROVINCE = """\
id: province
title: 某省补充要求
basis: 《某省法治政府建设年度报告工作指引》（某政办发〔2024〕1号）
extends: national
rules:
  - id: year.next-plan
    severity: error
  - id: province.demonstration
    type: keywords
    part: measures
    title: 示范创建情况
    severity: warning
    weight: 2
    years: [2026, 2030]
    basis: 《某省法治政府建设年度报告工作指引》第三条
    message: 报告应写明示范创建情况。
    suggestion: 写明创建的示范项目。
    any: [示范创建]
    examples:
      pass:
        - text: |
            某市2026年度法治政府建设情况报告
            一、主要举措和成效
            开展示范创建。
      fail:
        - text: |
            某市2026年度法治政府建设情况报告
            一、主要举措和成效
            全年办理行政复议案件5件。
"""


def province_pack(tmp_path: Path):
    path = tmp_path / "province.yaml"
    path.write_text(PROVINCE, encoding="utf-8")
    return load_pack(path)


def section(page: str, rule_id: str) -> str:
    return page.split(f"## {rule_id}\n", 1)[1].split("\n## ", 1)[0].split("\n# ", 1)[0]


def test_a_new_rule_is_documented_with_its_years_level_basis_and_examples(tmp_path):
    page = reference_markdown([province_pack(tmp_path)], "# 规则参考\n")
    entry = section(page, "province.demonstration")
    assert "级别：建议（warning），权重 2" in entry
    assert "报告年度：2026—2030年度" in entry
    assert "《某省法治政府建设年度报告工作指引》第三条" in entry
    assert "`any`：示范创建" in entry
    assert "开展示范创建。" in entry and "全年办理行政复议案件5件。" in entry


def test_an_extending_pack_documents_the_rules_it_changes_and_names_the_rest(tmp_path):
    page = reference_markdown([province_pack(tmp_path)], "# 规则参考\n")
    assert "改动：级别）" in section(page, "year.next-plan")
    assert "## part.measures\n" not in page  # inherited unchanged: named, not repeated
    assert "`part.measures`" in page


def test_a_note_is_shown_under_the_first_entry_of_its_rule_only(tmp_path):
    pack = province_pack(tmp_path)
    page = reference_markdown([pack, pack], "# 规则参考\n", {"province.demonstration": "- **判定**：手写说明"})
    assert page.count("手写说明") == 1


def test_rules_doc_command_documents_a_pack_given_by_path(tmp_path):
    province_pack(tmp_path)
    proc = fzcheck("rules", "doc", "--pack", str(tmp_path / "province.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert "## province.demonstration\n" in proc.stdout
    assert "# 某省补充要求（规则包 `province`）" in proc.stdout
