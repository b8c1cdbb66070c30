"""The registry of rule types: each module in checker/rules registers one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.errors import PackError
from checker.model import Rule

if TYPE_CHECKING:
    from checker.evaluate import Context, Verdict


@dataclass(frozen=True)
class RuleType:
    name: str
    evaluate: Callable[[Rule, Context], Verdict | None]  # None: not applicable, no finding
    validate: Callable[[Rule], None]
    fields: tuple[str, ...]  # type-specific YAML fields
    doc: str
    needs_previous: bool = False  # runs only with last year's report (check --previous); else no finding


RULE_TYPES: dict[str, RuleType] = {}


def register(rule_type: RuleType) -> RuleType:
    RULE_TYPES[rule_type.name] = rule_type
    return rule_type


def problem(rule: Rule, text: str) -> PackError:
    return PackError(rule.source, f"规则 {rule.id}：{text}")


def string_list(rule: Rule, key: str, required: bool = False) -> tuple[str, ...]:
    """A list-of-strings field, validated."""
    value: Any = rule.params.get(key)
    if value is None:
        if required:
            raise problem(rule, f"缺少 {key} 列表")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise problem(rule, f"{key} 应是字符串列表")
    return tuple(str(v) for v in value)


def check_known_fields(rule: Rule, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(rule.params) - set(allowed) - {"fuzzy_threshold"})
    if unknown:
        raise problem(rule, f"未知字段 {'、'.join(unknown)}（{rule.type} 类型可用：{'、'.join(allowed)}）")


def threshold(rule: Rule) -> float:
    return float(rule.params.get("fuzzy_threshold", 85))
