"""Render stage: Result -> bytes, one module per format. Renderers never evaluate."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.model import Result

FORMATS = ("text", "json")

# Each status's mark and Chinese name, declared once for every format.
STATUS_MARK = {"pass": "✓", "partial": "△", "fail": "✗", "n/a": "—", "waived": "○"}
STATUS_NAME = {"pass": "符合", "partial": "部分符合", "fail": "缺失", "n/a": "不适用", "waived": "已豁免"}
NA_TITLE = "不适用（无可检查的内容，不计分）"  # heading of the n/a items, shown apart
SEVERITY_NAME = {"error": "必备", "warning": "建议", "info": "提示"}
TYPE_NAME = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}


def required_text(result: Result) -> str:
    """必备 5/7: the required items met over those scored (see docs/scoring.md)."""
    return f"必备 {result.required_met}/{result.required_total}"


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
