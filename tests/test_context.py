"""What a rule reads through its Context: variables filled into terms and messages."""

from __future__ import annotations

import re

import pytest

from checker.evaluate import Context
from checker.model import Pack, RawDocument
from checker.normalize import normalize


def context(text: str, region: str = "") -> Context:
    doc = normalize(RawDocument(path="x.txt", text=text, encoding="utf-8"))
    return Context(doc, (), Pack(id="p", version="1", title="t", path="p.yaml", rules=()), region=region)


@pytest.mark.parametrize(
    "term",
    ["{year}年", "{next_year}年工作安排", "{prev_year}—{year}", "{region}人民政府", "{{year}}", "{unknown}{year", ""],
)
@pytest.mark.parametrize("region", ["", "青石县", "{year}县"])
def test_expand_fills_each_variable_once(term: str, region: str) -> None:
    ctx = context("青石县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措\n正文。\n", region)
    expected = re.sub(r"\{(\w+)\}", lambda m: ctx.variables.get(m.group(1), m.group(0)), term)
    assert ctx.expand(term) == expected


def test_findings_are_the_dataclass_with_every_field() -> None:
    """The evaluate stage makes findings and evidence without their __init__: each must equal the one __init__
    makes."""
    from dataclasses import fields
    from pathlib import Path

    from checker.evaluate import evaluate
    from checker.load import load
    from checker.model import Evidence, Finding
    from checker.packs import default_packs
    from checker.structure import build_sections

    example = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.txt"))[0]
    doc = normalize(load(str(example)))
    sections = build_sections(doc)
    names = [f.name for f in fields(Finding)]
    found = [f for pack in default_packs(doc.report_type) for f in evaluate(doc, sections, pack)]
    assert found
    evidence_names = [f.name for f in fields(Evidence)]
    assert any(f.evidence for f in found)
    for finding in found:
        assert list(vars(finding)) == names
        assert finding == Finding(**{name: getattr(finding, name) for name in names})
        for shown in finding.evidence:
            assert list(vars(shown)) == evidence_names
            assert shown == Evidence(**{name: getattr(shown, name) for name in evidence_names})


@pytest.mark.parametrize(
    "text",
    [
        "{year}年",
        "请写明{next_year}年工作安排（{prev_year}—{year}）",
        "{region}人民政府{year}",
        "{{year}}",
        "{unknown}{year",
        "无变量",
        "",
    ],
)
@pytest.mark.parametrize("region", ["", "青石县", "{year}县"])
@pytest.mark.parametrize(
    "title", ["青石县人民政府关于2024年度法治政府建设情况的报告", "青石县人民政府法治政府建设情况的报告"]
)
def test_wording_fills_as_replacing_name_by_name(text: str, region: str, title: str) -> None:
    ctx = context(f"{title}\n一、主要举措\n正文。\n", region)
    expected = text
    if ctx.doc.report_year is None:
        expected = expected.replace("{year}", "本").replace("{next_year}", "下一").replace("{prev_year}", "上一")
    for name, value in ctx.variables.items():
        expected = expected.replace("{" + name + "}", value)
    assert ctx.wording(text) == expected
