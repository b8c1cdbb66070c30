"""Helpers shared by several rule types (not a rule type itself: it registers nothing)."""

from __future__ import annotations

from checker.evaluate import Context


def looked_in(ctx: Context, scope: tuple[str, ...], exclude: tuple[str, ...]) -> str:
    """Where a rule looked, for its finding: the parts of `scope` (or 全文) without those of `exclude`."""
    where = ctx.describe(scope) if scope else "全文"
    return f"{where}（不含{ctx.describe(exclude)}）" if exclude else where
