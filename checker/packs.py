"""Rule packs: YAML files of rules, built-in or given by path."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from checker.errors import PackError
from checker.model import REPORT_TYPES, SEVERITIES, STATUSES, Pack, PartDef, Rule

DEFAULT_PACKS = ("national",)
_RULE_KEYS = {"id", "type", "title", "part", "severity", "weight", "basis", "message", "suggestion", "applies_to"}
_REQUIRED = ("id", "type", "title", "severity", "basis", "message", "suggestion")
_MAX_PACK_BYTES = 2 * 1024 * 1024
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def builtin_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or the source tree's rules/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "builtin_rules", here.parent / "rules"):
        if (candidate / "national.yaml").is_file():
            return candidate
    raise PackError("national", "找不到内置规则包目录，安装可能不完整")


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve_pack(name: str) -> Path:
    """A built-in pack name or a path to a YAML file."""
    looks_like_path = os.sep in name or name.endswith((".yaml", ".yml"))
    if looks_like_path:
        path = Path(name)
        if not path.is_file():
            raise PackError(name, "文件不存在")
        return path
    path = builtin_dir() / f"{name}.yaml"
    if not path.is_file():
        raise PackError(name, f"没有这个内置规则包（可用：{'、'.join(builtin_names())}）")
    return path


def load_packs(names: list[str] | tuple[str, ...]) -> list[Pack]:
    """Packs by name or path, in the order given."""
    return [load_pack(resolve_pack(name)) for name in (names or DEFAULT_PACKS)]


def read_yaml(path: Path) -> Any:
    try:
        if path.stat().st_size > _MAX_PACK_BYTES:
            raise PackError(str(path), "文件过大")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(str(path), "不是 UTF-8 编码的 YAML 文件") from exc
    except OSError as exc:
        raise PackError(str(path), f"无法读取（{exc.strerror}）") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        problem = getattr(exc, "problem", None) or "语法错误"
        raise PackError(str(path), f"不是有效的 YAML（{where}{'：' if where else ''}{problem}）") from exc


def load_pack(path: Path) -> Pack:
    """One pack, validated."""
    data = read_yaml(path)
    where = str(path)
    if not isinstance(data, dict):
        raise PackError(where, "顶层应是一个映射（含 id、rules 等字段）")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise PackError(where, "defaults 应是一个映射")
    parts = {pid: part_def(where, pid, spec) for pid, spec in (data.get("parts") or {}).items()}
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PackError(where, "缺少 rules 列表")
    rules = tuple(rule_from(where, raw, defaults) for raw in raw_rules)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise PackError(where, f"规则 id 重复：{rule.id}")
        seen.add(rule.id)
    scores = {**{"pass": 1.0, "partial": 0.5, "fail": 0.0}, **(defaults.get("status_scores") or {})}
    if set(scores) - set(STATUSES):
        raise PackError(where, f"status_scores 只能含 {'、'.join(STATUSES)}")
    return Pack(
        id=str(data.get("id") or path.stem),
        version=str(data.get("version", "0")),
        title=str(data.get("title", "")),
        path=where,
        rules=rules,
        parts=parts,
        status_scores={k: float(v) for k, v in scores.items()},
        fuzzy_threshold=float(defaults.get("fuzzy_threshold", 85)),
    )


def part_def(where: str, pid: str, spec: Any) -> PartDef:
    if not isinstance(spec, dict) or not spec.get("headings"):
        raise PackError(where, f"部分 {pid} 应含 headings 列表")
    return PartDef(
        id=str(pid),
        title=str(spec.get("title", pid)),
        headings=tuple(str(h) for h in spec["headings"]),
        topical=tuple(str(h) for h in spec.get("topical") or ()),
        any_level=bool(spec.get("any_level", False)),
    )


def joined(text: object) -> str:
    """Chinese prose from YAML: folded lines joined without the spaces YAML puts between them."""
    text = "".join(part.strip() for part in str(text).strip().splitlines())
    return _CJK_GAP.sub("", text)


def rule_from(where: str, raw: Any, defaults: dict[str, Any]) -> Rule:
    """A Rule from its YAML mapping; type-specific fields go to params."""
    from checker.rules import RULE_TYPES

    if not isinstance(raw, dict):
        raise PackError(where, "rules 的每一项都应是映射")
    rid = raw.get("id", "?")
    missing = [key for key in _REQUIRED if not raw.get(key)]
    if missing:
        raise PackError(where, f"规则 {rid} 缺少字段：{'、'.join(missing)}")
    if raw["type"] not in RULE_TYPES:
        raise PackError(where, f"规则 {rid} 的类型 {raw['type']} 未知（可用：{'、'.join(sorted(RULE_TYPES))}）")
    if raw["severity"] not in SEVERITIES:
        raise PackError(where, f"规则 {rid} 的 severity 应是 {'、'.join(SEVERITIES)} 之一")
    applies = tuple(raw.get("applies_to") or REPORT_TYPES)
    if set(applies) - set(REPORT_TYPES):
        raise PackError(where, f"规则 {rid} 的 applies_to 只能含 {'、'.join(REPORT_TYPES)}")
    params = {k: v for k, v in raw.items() if k not in _RULE_KEYS and k != "examples"}
    params.setdefault("fuzzy_threshold", defaults.get("fuzzy_threshold", 85))
    rule = Rule(
        id=str(rid),
        type=str(raw["type"]),
        title=str(raw["title"]),
        part=str(raw.get("part", "")),
        severity=str(raw["severity"]),
        weight=float(raw.get("weight", defaults.get("weight", 1))),
        basis=str(raw["basis"]),
        message=joined(raw["message"]),
        suggestion=joined(raw["suggestion"]),
        params=params,
        applies_to=applies,
        source=where,
    )
    RULE_TYPES[rule.type].validate(rule)
    return rule
