"""Rule types, one module each, registered by their `type:` name."""

from checker.rules import (  # noqa: F401  (modules register themselves)
    consistency,
    figure,
    freshness,
    keywords,
    length,
    meta,
    part,
    pattern,
    reuse,
    year,
)
from checker.rules.registry import RULE_TYPES, RuleType

__all__ = ["RULE_TYPES", "RuleType"]
