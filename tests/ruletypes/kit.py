"""What the rule-type tests share: a pack of one rule, written to tmp_path, checked on a made-up report.

Each test writes a small pack to tmp_path as YAML, loads it with load_pack and checks a
made-up report through the whole pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.errors import PackError
from checker.model import Finding
from checker.packs import load_pack
from checker.pipeline import check_file
from checker.score import Gate
from tests.reportkit import MEASURES, report

PARTS = {
    "measures": {"title": "主要举措和成效", "headings": ["主要举措和成效", "工作开展情况"]},
    "shortcomings": {"title": "存在的不足和原因", "headings": ["存在的不足和原因", "存在的不足", "存在的问题"]},
    "next-year": {"title": "下一年度主要安排", "headings": ["主要安排", "工作打算"]},
    "other": {"title": "其他需要报告的情况", "headings": ["其他需要报告的情况"]},
}


def write_pack(tmp_path: Path, rule_type: str, **fields: Any) -> Path:
    """A pack of one rule of the given type; `part` goes to the rule, the rest are its fields."""
    rule = {
        "id": f"test.{rule_type}",
        "type": rule_type,
        "title": "测试规则",
        "severity": "error",
        "basis": "测试",
        "message": "测试说明。",
        "suggestion": "测试建议。",
        **fields,
    }
    path = tmp_path / "pack.yaml"
    data = {"id": "test", "parts": PARTS, "rules": [rule]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(tmp_path: Path, text: str, rule_type: str, year: int | None = None, **fields: Any) -> Finding:
    """The finding of a one-rule pack on a report."""
    pack = load_pack(write_pack(tmp_path, rule_type, **fields))
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    result = check_file(str(source), [pack], Gate(), year=year)
    (found,) = result.findings
    return found


def refused(tmp_path: Path, rule_type: str, match: str, **fields: Any) -> None:
    with pytest.raises(PackError, match=match):
        load_pack(write_pack(tmp_path, rule_type, **fields))


def with_measures(*lines: str) -> str:
    return report(year=2024, measures=[*MEASURES, *lines])


# Measures on one topic only: neither the data items nor the 三项制度 are there.
WITHOUT_TOPIC = ["（一）依法全面履行政府职能", "全年精简行政许可事项9项。"]
