"""Merging a pack with what it extends: the parents' rules overridden, added to, reissued and disabled."""

from __future__ import annotations

from typing import Any

from checker.errors import PackError
from checker.model import Pack
from checker.packs.yamlread import Marks, as_list

_MAX_RULES = 2000


def reissued(data: dict[str, Any], marks: Marks) -> tuple[str, str] | None:
    """`reissue: {from: outline., to: areas.}`: the parents' rules whose ids start with `from` get new ids.

    A pack that stands in for its parent in other years (an outline's areas after the outline
    ended) reuses the parent's rules under ids of its own, without copying them.
    """
    spec = data.get("reissue")
    if spec is None:
        return None
    ok = isinstance(spec, dict) and set(spec) == {"from", "to"}
    if not ok or not all(isinstance(v, str) and v.strip() for v in spec.values()) or spec["from"] == spec["to"]:
        raise PackError(marks.where("reissue"), "reissue 应写成 {from: 原编号前缀, to: 新编号前缀}，两个前缀不同")
    if not data.get("extends"):
        raise PackError(marks.where("reissue"), "reissue 只能与 extends 一起使用（重新发布父规则包中的规则）")
    return spec["from"], spec["to"]


def merged_raw_rules(data: dict[str, Any], marks: Marks, parents: list[Pack]) -> list[tuple[dict[str, Any], str]]:
    """The parents' rules overridden, extended and disabled by this pack's own, with positions."""
    merged: dict[str, tuple[dict[str, Any], str]] = {}
    renamed = reissued(data, marks)
    for parent in parents:
        for raw, rule in zip(parent.raw_rules, parent.rules, strict=True):
            rid = rule.id
            if renamed and rid.startswith(renamed[0]):
                rid = renamed[1] + rid[len(renamed[0]) :]
            merged[rid] = ({**raw, "id": rid}, rule.source)
    own = data.get("rules")
    if own is None and not parents:
        raise PackError(marks.where(), "缺少 rules 列表")
    if own is not None and not isinstance(own, list):
        raise PackError(marks.where("rules"), "rules 应是一个列表")
    if len(own or []) > _MAX_RULES:
        raise PackError(marks.where("rules"), f"规则过多（{len(own)} 条，上限 {_MAX_RULES} 条）")
    seen: set[str] = set()
    for index, raw in enumerate(own or []):
        where = marks.where("rules", index)
        if not isinstance(raw, dict):
            raise PackError(where, "rules 的每一项都应是映射")
        rid = str(raw.get("id", "")).strip()
        if not rid:
            raise PackError(where, "规则缺少 id")
        if rid in seen:
            raise PackError(marks.where("rules", index, "id"), f"规则 id 重复：{rid}")
        seen.add(rid)
        base = merged[rid][0] if rid in merged else {}
        raw_where = {k: marks.where("rules", index, k) for k in raw}
        combined = {**base, **raw, "__where__": {**base.get("__where__", {}), **raw_where}}
        merged[rid] = (combined, where)
    for index, rid in enumerate(as_list(data.get("disable"))):
        if str(rid) not in merged:
            raise PackError(marks.where("disable", index), f"disable 中的规则 {rid} 不存在（父规则包中没有这个 id）")
        merged.pop(str(rid))
    return [(raw, where) for raw, where in merged.values() if raw.get("enabled", True) is not False]
