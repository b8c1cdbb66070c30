"""Render stage: Result -> bytes, one module per format. Renderers never evaluate."""

from __future__ import annotations

FORMATS = ("text", "json")

STATUS_MARK = {"pass": "✓", "partial": "△", "fail": "✗", "waived": "○"}
STATUS_NAME = {"pass": "符合", "partial": "部分符合", "fail": "缺失", "waived": "已豁免"}
SEVERITY_NAME = {"error": "必备", "warning": "建议", "info": "提示"}
TYPE_NAME = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}
PART_ORDER = ("measures", "leader-duty", "shortcomings", "next-year", "other", "publication", "outline",
              "consistency", "freshness", "hygiene", "quality")  # fmt: skip
# Titles of rule groups that are not parts of the report (rules without a part group by their id's prefix).
GROUP_TITLES = {
    "publication": "发布与公开",
    "outline": "纲要领域覆盖",
    "consistency": "数据一致性",
    "freshness": "用语时效",
    "hygiene": "文字规范",
    "quality": "写作质量",
}


def group_of(part: str, rule: str) -> str:
    """The group a finding is shown in: its part, else its id's prefix (freshness.x -> freshness)."""
    return part or rule.split(".", 1)[0]


# Format name -> "module:function" with render(results, errors) -> bytes, imported lazily by renderer()
# (so `--format json` never imports rich or openpyxl). text and json are rendered by checker.cli directly.
RENDERERS = {
    "junit": "checker.render.junit:render",
    "sarif": "checker.render.sarif:render",
    "github": "checker.render.github:render",
    "markdown": "checker.render.markdown:render",
    "csv": "checker.render.csv:render",
    "xlsx": "checker.render.xlsx:render",
    "html": "checker.render.html:render",
}


def renderer(fmt: str):
    """The render function of a format, imported only when that format is asked for."""
    import importlib

    from checker.errors import FzcheckError

    spec = globals().get("RENDERERS", {}).get(fmt)
    if spec is None:
        raise FzcheckError(f"不支持的输出格式：{fmt}")
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)
