"""Render stage: Result -> bytes, one module per format. Renderers never evaluate."""

from __future__ import annotations

FORMATS = ("text", "json")

STATUS_MARK = {"pass": "✓", "partial": "△", "fail": "✗", "waived": "○"}
STATUS_NAME = {"pass": "符合", "partial": "部分符合", "fail": "缺失", "waived": "已豁免"}
SEVERITY_NAME = {"error": "必备", "warning": "建议", "info": "提示"}
TYPE_NAME = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}
PART_ORDER = ("measures", "leader-duty", "shortcomings", "next-year", "other", "publication")
# Titles of rule groups that are not parts of the report.
GROUP_TITLES = {"publication": "发布与公开"}
