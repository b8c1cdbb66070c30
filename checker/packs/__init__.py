"""Rule packs: YAML files of rules, built-in or given by path.

A pack may `extends:` another (built-in name or path relative to it): it inherits the
parent's parts and rules, overrides fields of a rule by giving its id again, adds new
rules, and drops rules with `disable:` (or `enabled: false` on a rule). Every problem
is reported with file:line:column and the rule id (see docs/rule-packs.md).

The work is split by stage: yamlread (YAML with positions, within limits), resolve (names and
paths, the one cache of loaded packs), merge (extends, reissue, disable) and build (pack fields,
parts, defaults, rules). The names below are the ones callers use.
"""

from __future__ import annotations

from checker.errors import PackError
from checker.packs.build import (
    DEFAULT_KEYS,
    OPEN_END,
    PACK_KEYS,
    PART_KEYS,
    RULE_KEYS,
    build_pack,
    concepts_of,
    examples_of,
    joined,
    part_def,
    rule_from,
    years_label,
    years_of,
)
from checker.packs.merge import _MAX_RULES, merged_raw_rules, reissued
from checker.packs.resolve import (
    AREA_PACKS,
    BASE_PACK,
    DEFAULT_EXTRAS,
    builtin_dir,
    builtin_names,
    default_packs,
    forget_packs,
    load_pack,
    load_packs,
    resolve_pack,
    source_files,
)
from checker.packs.yamlread import Marks, as_list, read_yaml, unknown_keys
from checker.settings import DEFAULT_THRESHOLD

__all__ = [
    "AREA_PACKS",
    "BASE_PACK",
    "DEFAULT_EXTRAS",
    "DEFAULT_KEYS",
    "DEFAULT_THRESHOLD",
    "OPEN_END",
    "PACK_KEYS",
    "PART_KEYS",
    "RULE_KEYS",
    "_MAX_RULES",
    "Marks",
    "PackError",
    "as_list",
    "build_pack",
    "builtin_dir",
    "builtin_names",
    "concepts_of",
    "default_packs",
    "examples_of",
    "forget_packs",
    "joined",
    "load_pack",
    "load_packs",
    "merged_raw_rules",
    "part_def",
    "read_yaml",
    "reissued",
    "resolve_pack",
    "rule_from",
    "source_files",
    "unknown_keys",
    "years_label",
    "years_of",
]
