"""Rule types, one module each, registered by their `type:` name (imported when a pack names them)."""

from checker.ruletypes.registry import RULE_TYPES, RuleType

__all__ = ["RULE_TYPES", "RuleType"]
