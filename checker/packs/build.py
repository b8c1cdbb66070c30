"""Building a pack from its YAML: pack-level fields, parts and their concepts, defaults, and each rule
(its type's fields, settings and examples), every problem reported where it is (docs/rule-packs.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.errors import PackError
from checker.model import REPORT_TYPES, SEVERITIES, STATUSES, Concept, GroupDef, Pack, PartDef, Rule, RuleExample
from checker.packs.merge import merged_raw_rules, reissued
from checker.packs.yamlread import Marks, as_list, unknown_keys
from checker.settings import (
    DEFAULT_THRESHOLD,
    FUZZY_THRESHOLD,
    GROUP_ORDER,
    GROUP_TITLE,
    STATUS_SCORE,
    WEIGHT,
    Field,
    SettingError,
)
from checker.suggest import did_you_mean

OPEN_END = 9999  # the end year of a window with none (years: [2026, null])
PACK_KEYS = (
    "id",
    "version",
    "title",
    "basis",
    "applies_to",
    "extends",
    "defaults",
    "parts",
    "groups",
    "rules",
    "disable",
    "years",
    "reissue",
    "note",
)
RULE_KEYS = (
    "id", "type", "title", "part", "severity", "weight", "basis", "message", "suggestion",
    "applies_to", "examples", "enabled", "fuzzy_threshold", "years",
)  # fmt: skip
DEFAULT_KEYS = ("fuzzy_threshold", "weight", "status_scores", "severity")
PART_KEYS = ("title", "concepts", "headings", "topical", "any_level")
GROUP_KEYS = (GROUP_TITLE.name, GROUP_ORDER.name)
_REQUIRED = ("id", "type", "title", "severity", "basis", "message", "suggestion")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def build_pack(
    path: Path,
    data: Any,
    marks: Marks,
    parent: Callable[[str], Pack],
    national: Callable[[], Pack] | None,
) -> Pack:
    """A pack from its YAML: `parent(name)` is a pack it extends, `national()` the pack whose parts
    a pack without parts of its own borrows (None for the national pack itself)."""
    if not isinstance(data, dict):
        raise PackError(marks.where(), "顶层应是一个映射（含 id、rules 等字段）")
    for name, hint in unknown_keys(data, PACK_KEYS):
        raise PackError(marks.where(name), f"未知字段 {name}{hint}（可用：{'、'.join(PACK_KEYS)}）")
    parents = [parent(str(n)) for n in as_list(data.get("extends"))]
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise PackError(marks.where("defaults"), "defaults 应是一个映射")
    for name, hint in unknown_keys(defaults, DEFAULT_KEYS):
        raise PackError(marks.where("defaults", name), f"defaults 中的未知字段 {name}{hint}")
    check_defaults(defaults, marks)
    parts: dict[str, PartDef] = {}
    parts_threshold: float | None = None
    for parent in parents:
        parts.update(parent.parts)
        parts_threshold = parent.parts_threshold
    for pid, spec in (data.get("parts") or {}).items():
        parts[str(pid)] = part_def(marks, str(pid), spec)
    if not parts and national is not None:
        # A pack of extra rules (freshness, outline…) reads the report's parts as the national pack names them,
        # with the national pack's threshold, so every pack sees the same parts.
        borrowed = national()
        parts, parts_threshold = dict(borrowed.parts), borrowed.parts_threshold
    groups = groups_of(data, marks, parents, parts)
    raw_rules = merged_raw_rules(data, marks, parents)
    pack_types = tuple(as_list(data.get("applies_to"))) or REPORT_TYPES
    if set(pack_types) - set(REPORT_TYPES):
        raise PackError(marks.where("applies_to"), f"applies_to 只能含 {'、'.join(REPORT_TYPES)}")
    inherited_defaults: dict[str, Any] = {}
    for parent in parents:
        inherited_defaults["fuzzy_threshold"] = parent.fuzzy_threshold
    defaults = {**inherited_defaults, **defaults}
    pack_years = years_of(data.get("years"), marks.where("years"))
    note = data.get("note")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        raise PackError(marks.where("note"), "note 应是一段中文说明")
    built = [(raw, rule_from(raw, where, defaults, pack_types, pack_years)) for raw, where in raw_rules]
    # A rule for no report type of this pack (an inherited government-only rule in the township pack) never runs.
    built = [(raw, rule) for raw, rule in built if rule.applies_to]
    rules = tuple(rule for _, rule in built)
    check_part_ids(rules, parts)
    scores = {"pass": 1.0, "partial": 0.5, "fail": 0.0}
    for parent in parents:
        scores.update(parent.status_scores)
    scores.update(defaults.get("status_scores") or {})
    if set(scores) - set(STATUSES):
        raise PackError(marks.where("defaults", "status_scores"), f"status_scores 只能含 {'、'.join(STATUSES)}")
    return Pack(
        id=str(data.get("id") or path.stem),
        version=str(data.get("version", "0")),
        title=str(data.get("title", "")),
        path=str(path),
        rules=rules,
        parts=parts,
        status_scores={k: float(v) for k, v in scores.items()},
        fuzzy_threshold=float(defaults.get("fuzzy_threshold", DEFAULT_THRESHOLD)),
        parts_threshold=float(defaults.get("fuzzy_threshold", DEFAULT_THRESHOLD))
        if data.get("parts") or parts_threshold is None
        else parts_threshold,
        applies_to=pack_types,
        basis=joined(data.get("basis", "")),
        extends=tuple(str(n) for n in as_list(data.get("extends"))),
        raw_rules=tuple(raw for raw, _ in built),
        years=pack_years,
        note=joined(note) if note else "",
        groups=groups,
    )


def pack_value(spec: Field, value: Any, where: str, label: str) -> Any:
    """A pack-level value (weight, fuzzy_threshold, a status score, a group's title or order), as its Field says."""
    try:
        return spec.value(value)
    except SettingError as exc:
        raise PackError(where, f"{label} 应是{exc}，现为 {value!r}") from None


def check_defaults(defaults: dict[str, Any], marks: Marks) -> None:
    """`defaults:` of a pack: a weight and a fuzzy_threshold in range, status scores each in [0, 1]."""
    for spec in (WEIGHT, FUZZY_THRESHOLD):
        if defaults.get(spec.name) is not None:
            pack_value(spec, defaults[spec.name], marks.where("defaults", spec.name), f"defaults 中的 {spec.name}")
    scores = defaults.get("status_scores")
    if scores is None:
        return
    if not isinstance(scores, dict):
        raise PackError(marks.where("defaults", "status_scores"), "status_scores 应是映射，如 {partial: 0.5}")
    for status, value in scores.items():
        where = marks.where("defaults", "status_scores", status)
        pack_value(STATUS_SCORE, value, where, f"status_scores 中的 {status}")


def groups_of(
    data: dict[str, Any], marks: Marks, parents: list[Pack], parts: dict[str, PartDef]
) -> dict[str, GroupDef]:
    """The rule groups of a pack: its parents', then its own `groups:` (a group named again is replaced)."""
    groups: dict[str, GroupDef] = {}
    for parent in parents:
        groups.update(parent.groups)
    renamed = reissued(data, marks)
    if renamed and renamed[0].rstrip(".") in groups:
        # Reissued rules keep their group's heading under their new prefix (outline. -> areas.).
        new_id = renamed[1].rstrip(".")
        groups[new_id] = replace(groups.pop(renamed[0].rstrip(".")), id=new_id)
    own = data.get("groups")
    if own is None:
        return groups
    if not isinstance(own, dict):
        raise PackError(marks.where("groups"), "groups 应是映射，如 {publication: {title: 发布与公开, order: 10}}")
    for gid, spec in own.items():
        groups[str(gid)] = group_def(marks, str(gid), spec, parts)
    return groups


def group_def(marks: Marks, gid: str, spec: Any, parts: dict[str, PartDef]) -> GroupDef:
    """`id: 标题` or `id: {title: 标题, order: 10}`; a part's id is no group (its title is in `parts`)."""
    where = marks.where("groups", gid)
    if gid in parts:
        raise PackError(where, f"分组 {gid} 与部分同名：部分的标题写在 parts 中")
    if isinstance(spec, str):
        spec = {GROUP_TITLE.name: spec}
    if not isinstance(spec, dict):
        raise PackError(where, f"分组 {gid} 应写成标题，或 {{title: 标题, order: 顺序}}")
    for name, hint in unknown_keys(spec, GROUP_KEYS):
        raise PackError(marks.where("groups", gid, name), f"分组 {gid} 的未知字段 {name}{hint}")
    if GROUP_TITLE.name not in spec:
        raise PackError(where, f"分组 {gid} 缺少 title")
    title = pack_value(GROUP_TITLE, spec[GROUP_TITLE.name], marks.where("groups", gid, "title"), f"分组 {gid} 的 title")
    order = spec.get(GROUP_ORDER.name)
    if order is not None:
        order = pack_value(GROUP_ORDER, order, marks.where("groups", gid, "order"), f"分组 {gid} 的 order")
    return GroupDef(gid, title, order)


_PART_FIELDS = ("scope", "exclude", "mention_exclude", "parts")


def check_part_ids(rules: tuple[Rule, ...], parts: dict[str, PartDef]) -> None:
    """Every part a rule names in scope/exclude (or checks) is a part of the pack."""
    known = set(parts)
    for rule in rules:
        named = [p for key in _PART_FIELDS for p in as_list(rule.params.get(key)) if isinstance(p, str)]
        if rule.type in ("part", "year", "length"):
            named.append(rule.part)
        unknown = [p for p in named if p and p not in known]
        if unknown:
            raise PackError(
                rule.source,
                f"规则 {rule.id} 用到了未定义的部分 {'、'.join(unknown)}（已定义：{'、'.join(sorted(known))}）",
            )


def years_of(value: Any, where: str) -> tuple[int, int] | None:
    """`years: [2021, 2025]` (inclusive), `[2026, null]` (open-ended: OPEN_END), or None."""
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise PackError(where, "years 应写成 [起始年, 结束年]，如 [2021, 2025]；没有结束年写 [2026, null]")
    end = OPEN_END if value[1] is None else value[1]
    if not isinstance(end, int) or isinstance(end, bool) or isinstance(value[0], bool) or end < value[0]:
        raise PackError(where, "years 应写成 [起始年, 结束年]，如 [2021, 2025]；没有结束年写 [2026, null]")
    return (value[0], end)


def years_label(years: tuple[int, int] | None) -> str:
    """Report years in Chinese: 2021—2025, 2026 年起, 全部年度."""
    if years is None:
        return "全部年度"
    if years[1] >= OPEN_END:
        return f"{years[0]} 年起"
    return f"{years[0]}—{years[1]}"


def part_def(marks: Marks, pid: str, spec: Any) -> PartDef:
    where = marks.where("parts", pid)
    if not isinstance(spec, dict) or not (spec.get("headings") or spec.get("concepts")):
        raise PackError(where, f"部分 {pid} 应含 concepts 或 headings 列表")
    for name, hint in unknown_keys(spec, PART_KEYS):
        raise PackError(marks.where("parts", pid, name), f"部分 {pid} 的未知字段 {name}{hint}")
    return PartDef(
        id=pid,
        title=str(spec.get("title", pid)),
        headings=tuple(str(h) for h in spec.get("headings") or ()),
        topical=tuple(str(h) for h in spec.get("topical") or ()),
        any_level=bool(spec.get("any_level", False)),
        concepts=concepts_of(spec.get("concepts"), marks.where("parts", pid, "concepts"), f"部分 {pid}"),
    )


def concepts_of(value: Any, where: str, owner: str) -> tuple[Concept, ...]:
    """`concepts: [{all: [[词, 词], [词]], unless: [词]}, ...]`: each a word from every group, none of unless."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PackError(where, f"{owner} 的 concepts 应是列表")
    out = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"all", "unless"} or not item.get("all"):
            raise PackError(where, f"{owner} 的 concepts 每项应是 {{all: [[词, …], …], unless: [词, …]}}")
        groups = item["all"]
        if not isinstance(groups, list) or not all(isinstance(g, list) and g for g in groups):
            raise PackError(where, f"{owner} 的 concepts 中 all 应是非空词表的列表")
        unless = item.get("unless") or []
        if not isinstance(unless, list):
            raise PackError(where, f"{owner} 的 concepts 中 unless 应是词表")
        words = [str(w) for g in groups for w in g] + [str(w) for w in unless]
        if any(not w.strip() for w in words):
            raise PackError(where, f"{owner} 的 concepts 中不能有空词")
        out.append(Concept(tuple(tuple(str(w) for w in g) for g in groups), tuple(str(w) for w in unless)))
    return tuple(out)


def joined(text: object) -> str:
    """Chinese prose from YAML: folded lines joined without the spaces YAML puts between them."""
    text = "".join(part.strip() for part in str(text).strip().splitlines())
    return _CJK_GAP.sub("", text)


def rule_from(
    raw: dict[str, Any],
    where: str,
    defaults: dict[str, Any],
    pack_types: tuple[str, ...],
    pack_years: tuple[int, int] | None,
) -> Rule:
    """A Rule from its (merged) YAML mapping; type-specific fields go to params."""
    from checker.ruletypes import RULE_TYPES
    from checker.ruletypes.registry import settings_of

    positions: dict[str, str] = raw.get("__where__", {})
    raw = {k: v for k, v in raw.items() if k != "__where__"}
    rid = str(raw.get("id", "?"))

    def at(key: str) -> str:
        return positions.get(key, where)

    if "severity" not in raw and "severity" in defaults:
        raw["severity"] = defaults["severity"]
    missing = [key for key in _REQUIRED if not raw.get(key)]
    if missing:
        raise PackError(where, f"规则 {rid} 缺少字段：{'、'.join(missing)}")
    rule_type = RULE_TYPES.get(str(raw["type"]))
    if rule_type is None:
        hint = did_you_mean(str(raw["type"]), RULE_TYPES)
        raise PackError(
            at("type"), f"规则 {rid} 的类型 {raw['type']} 未知{hint}（可用：{'、'.join(sorted(RULE_TYPES))}）"
        )
    for name, hint in unknown_keys(raw, set(RULE_KEYS) | set(rule_type.fields)):
        raise PackError(at(name), f"规则 {rid} 的未知字段 {name}{hint}")
    if raw["severity"] not in SEVERITIES:
        raise PackError(at("severity"), f"规则 {rid} 的 severity 应是 {'、'.join(SEVERITIES)} 之一")
    applies = tuple(as_list(raw.get("applies_to"))) or REPORT_TYPES
    if set(applies) - set(REPORT_TYPES):
        raise PackError(at("applies_to"), f"规则 {rid} 的 applies_to 只能含 {'、'.join(REPORT_TYPES)}")
    if "weight" in raw:
        weight = float(pack_value(WEIGHT, raw["weight"], at("weight"), f"规则 {rid} 的 weight"))
    else:
        weight = float(defaults.get("weight", 1))
    params = {k: v for k, v in raw.items() if k not in RULE_KEYS}
    params["fuzzy_threshold"] = raw.get("fuzzy_threshold", defaults.get("fuzzy_threshold", DEFAULT_THRESHOLD))
    settings = settings_of(rule_type, params, params["fuzzy_threshold"], at, rid)
    rule = Rule(
        id=rid,
        type=str(raw["type"]),
        title=str(raw["title"]),
        part=str(raw.get("part", "")),
        severity=str(raw["severity"]),
        weight=weight,
        basis=str(raw["basis"]),
        message=joined(raw["message"]),
        suggestion=joined(raw["suggestion"]),
        params=params,
        applies_to=tuple(t for t in applies if t in pack_types),
        source=where,
        examples=examples_of(raw.get("examples"), rid, at("examples")),
        years=years_of(raw.get("years"), at("years")) or pack_years,
        settings=settings,
    )
    rule_type.validate(rule)
    return rule


def examples_of(value: Any, rid: str, where: str) -> tuple[RuleExample, ...]:
    """`examples: {pass: [...], fail: [...]}`, each a text or {text, year, type, status, previous}."""
    if value is None:
        return ()
    if not isinstance(value, dict) or set(value) - {"pass", "fail"}:
        raise PackError(where, f"规则 {rid} 的 examples 应含 pass 和/或 fail 两个列表")
    out = []
    for expect in ("pass", "fail"):
        for item in as_list(value.get(expect)):
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict) or not str(item.get("text", "")).strip():
                raise PackError(where, f"规则 {rid} 的 {expect} 示例应有 text")
            status = item.get("status")
            if status is not None and status not in STATUSES:
                raise PackError(where, f"规则 {rid} 的示例 status 应是 {'、'.join(STATUSES)} 之一")
            out.append(
                RuleExample(
                    expect=expect,
                    text=str(item["text"]),
                    year=int(item["year"]) if item.get("year") else None,
                    report_type=item.get("type"),
                    status=status,
                    previous=str(item["previous"]) if item.get("previous") else None,
                )
            )
    return tuple(out)
