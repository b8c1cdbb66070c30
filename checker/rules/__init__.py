"""Rule types, one module each, registered by their `type:` name."""

from checker.rules import figure, keywords, meta, part, year  # noqa: F401  (modules register themselves)
from checker.rules.registry import RULE_TYPES, RuleType

__all__ = ["RULE_TYPES", "RuleType"]
