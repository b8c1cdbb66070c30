"""Rule types, one module each, registered by their `type:` name."""

from checker.ruletypes import (  # noqa: F401  (modules register themselves)
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
from checker.ruletypes.registry import RULE_TYPES, RuleType

__all__ = ["RULE_TYPES", "RuleType"]
