"""Helpers shared by several rule types (not a rule type itself: it registers nothing)."""

from __future__ import annotations

from checker.evaluate import Context
from checker.settings import Field

# Where a rule looks, by part id (the pack's parts: checked when it loads); looked_in says it back.
SCOPE = Field("scope", "str_list", "只在这些部分中查找")
EXCLUDE = Field("exclude", "str_list", "不在这些部分中查找")


def looked_in(ctx: Context, scope: tuple[str, ...], exclude: tuple[str, ...]) -> str:
    """Where a rule looked, for its finding: the parts of `scope` (or 全文) without those of `exclude`."""
    where = ctx.describe(scope) if scope else "全文"
    return f"{where}（不含{ctx.describe(exclude)}）" if exclude else where
