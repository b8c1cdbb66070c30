"""Rule packs: YAML files of rules, built-in or given by path.

A pack may `extends:` another (built-in name or path relative to it): it inherits the
parent's parts and rules, overrides fields of a rule by giving its id again, adds new
rules, and drops rules with `disable:` (or `enabled: false` on a rule). Every problem
is reported with file:line:column and the rule id (see docs/rule-packs.md).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import PackError
from checker.model import REPORT_TYPES, SEVERITIES, STATUSES, Concept, Pack, PartDef, Rule, RuleExample
from checker.settings import DEFAULT_THRESHOLD, FUZZY_THRESHOLD, STATUS_SCORE, WEIGHT, Field, SettingError

if TYPE_CHECKING:
    import yaml

DEFAULT_PACKS = ("national",)
# Packs added to the base pack of a report type when no --pack is given (those that exist).
# The packs checking an outline's task areas, one per period of report years (rules list --year names them).
AREA_PACKS = ("outline-2016-2020", "outline-2021-2025", "areas-2026")
DEFAULT_EXTRAS = ("freshness", "data-consistency", *AREA_PACKS)
OPEN_END = 9999  # the end year of a window with none (years: [2026, null])
BASE_PACK = {"government": "national", "department": "department", "township": "township"}
PACK_KEYS = (
    "id",
    "version",
    "title",
    "basis",
    "applies_to",
    "extends",
    "defaults",
    "parts",
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
_REQUIRED = ("id", "type", "title", "severity", "basis", "message", "suggestion")
_MAX_PACK_BYTES = 2 * 1024 * 1024
_MAX_RULES = 2000
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


def resolve_pack(name: str, relative_to: Path | None = None) -> Path:
    """A built-in pack name or a path to a YAML file (relative to the extending pack)."""
    looks_like_path = os.sep in name or "/" in name or name.endswith((".yaml", ".yml"))
    if looks_like_path:
        path = Path(name)
        if relative_to is not None and not path.is_absolute():
            path = relative_to.parent / path
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


@lru_cache(maxsize=16)
def default_packs(report_type: str) -> tuple[Pack, ...]:
    """The packs used when none is named: the report type's base pack plus the extras that exist."""
    available = set(builtin_names())
    base = BASE_PACK.get(report_type, "national")
    names = [base if base in available else "national", *(n for n in DEFAULT_EXTRAS if n in available)]
    return tuple(load_pack(resolve_pack(n)) for n in names)


# --- reading YAML with positions ------------------------------------------------------------


@dataclass
class Marks:
    """file:line:column of the nodes of a pack, by path of keys/indexes."""

    path: str
    at: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, *keys: object) -> str:
        """The deepest known position for a key path: "pack.yaml:12:5"."""
        while keys and keys not in self.at:
            keys = keys[:-1]
        line, column = self.at.get(keys, (1, 1))
        return f"{self.path}:{line}:{column}"


def get_close_matches(word: str, possibilities: list[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """difflib's did-you-mean, imported only when there is a mistake to explain."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)


def yaml_module() -> Any:
    """PyYAML, imported when a pack is read from YAML (a cached pack needs none)."""
    import yaml

    return yaml


def yaml_loader() -> Any:
    """libyaml's safe loader when PyYAML was built with it (several times faster), else the pure-Python one."""
    yaml = yaml_module()
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def record_marks(node: yaml.Node, marks: Marks, path: tuple = ()) -> None:
    # Node kinds by their `id` ("scalar", "sequence", "mapping"): no PyYAML lookup per node.
    marks.at[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.id == "mapping":
        for key, value in node.value:
            if key.id == "scalar":
                marks.at[(*path, key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                record_marks(value, marks, (*path, key.value))
    elif node.id == "sequence":
        for index, item in enumerate(node.value):
            record_marks(item, marks, (*path, index))


def read_yaml(path: Path) -> tuple[Any, Marks]:
    try:
        if path.stat().st_size > _MAX_PACK_BYTES:
            raise PackError(str(path), f"文件过大（上限 {_MAX_PACK_BYTES // (1024 * 1024)} MB）")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(str(path), "不是 UTF-8 编码的 YAML 文件") from exc
    except OSError as exc:
        raise PackError(str(path), f"无法读取（{exc.strerror}）") from exc
    marks = Marks(str(path))
    yaml, loader = yaml_module(), yaml_loader()
    try:
        # safe_load only: tags such as !!python/object are refused, never constructed.
        node = yaml.compose(text, Loader=loader)
        if node is not None and count_nodes(node) > 200_000:
            raise PackError(str(path), "YAML 节点过多（可能是别名炸弹）")
        if node is not None:
            refuse_control_characters(node, path)
        data = loader(text).construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:  # a control character written as it is
        raise PackError(
            where_in(path, text, chr(exc.character)), f"含有控制字符 U+{exc.character:04X}，规则包的文字中不允许出现"
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or "语法错误"
        raise PackError(where, f"不是有效的 YAML（{problem}）") from exc
    except RecursionError as exc:
        raise PackError(str(path), "YAML 嵌套过深") from exc
    if node is not None:
        record_marks(node, marks)
    return data, marks


def count_nodes(node: yaml.Node, limit: int = 200_001) -> int:
    """Nodes counted with aliases expanded, stopping at the limit (alias bombs stay cheap)."""
    count, stack = 0, [node]
    while stack and count < limit:
        current = stack.pop()
        count += 1
        if current.id == "mapping":
            for key, value in current.value:
                stack.extend((key, value))
        elif current.id == "sequence":
            stack.extend(current.value)
    return count


def where_in(path: Path, text: str, char: str) -> str:
    """path:line:column of the first `char` in the text (libyaml reports a byte offset, PyYAML a character one)."""
    offset = max(text.find(char), 0)
    line = text.count("\n", 0, offset) + 1
    return f"{path}:{line}:{offset - text.rfind(chr(10), 0, offset)}"


def refuse_control_characters(node: yaml.Node, path: Path) -> None:
    """A pack's text reaches terminals (rules list/show, gap reports): a control character in it
    (an escape sequence written as "\\e[2J" or "\\x1b]52;…", a bidi override) is refused where it is."""
    from checker.safetext import pack_control

    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:  # an alias: its nodes were looked at once
            continue
        seen.add(id(current))
        if current.id == "scalar":
            found = isinstance(current.value, str) and pack_control(current.value)
            if found:
                mark = current.start_mark
                raise PackError(
                    f"{path}:{mark.line + 1}:{mark.column + 1}",
                    f"含有控制字符 {found}（如终端转义序列或文字方向控制符），规则包的文字中不允许出现",
                )
        elif current.id == "mapping":
            for key, value in current.value:
                stack.extend((value, key))
        else:
            stack.extend(reversed(current.value))


def unknown_keys(given: dict[str, Any], allowed: tuple[str, ...] | set[str]) -> list[tuple[str, str]]:
    """Unknown keys with a did-you-mean ("tresh" -> "threshold")."""
    out = []
    for key in given:
        if key not in allowed:
            close = get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
            out.append((str(key), f"，是不是 {close[0]}？" if close else ""))
    return out


# --- building packs -------------------------------------------------------------------------


def load_pack(path: Path, _chain: tuple[str, ...] = ()) -> Pack:
    """One pack, with what it extends merged in, validated (cached while the file is unchanged)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise PackError(str(path), "文件不存在") from exc
    if _chain:
        return _load_pack(path, stamp, _chain)
    return top_pack(path)


# Packs named by the user in this process, with the stamps of every file they were built from.
_TOP: dict[Path, tuple[list, Pack]] = {}


def top_pack(path: Path) -> Pack:
    """A pack named by the user, rebuilt when any file it was built from (itself, what it extends,
    the parts it borrows) changed; across processes it comes from the on-disk cache (packcache)."""
    from checker.packcache import cached_pack, stamps_of, store_pack, unchanged

    known = _TOP.get(path)
    if known and unchanged(known[0]):
        return known[1]
    hit = cached_pack(path)
    if hit and isinstance(hit[1], Pack):
        _TOP[path] = hit
        return hit[1]
    _load_pack.cache_clear()  # its entries are keyed by their own file only: a parent may have changed
    try:
        pack = _load_pack(path, path.stat().st_mtime_ns, ())
    except OSError as exc:
        raise PackError(str(path), "文件不存在") from exc
    stamps = stamps_of(source_files(pack))
    if stamps is not None:
        store_pack(path, stamps, pack)
    _TOP[path] = (stamps or [], pack)  # no stamps (a file vanished): rebuilt next time
    return pack


def forget_packs() -> None:
    """Drop the packs held in this process (tests that edit pack files in place)."""
    _TOP.clear()
    _load_pack.cache_clear()


def source_files(pack: Pack) -> list[str]:
    """Every file a pack was built from: itself, what it extends, and the national pack's parts."""
    out = [str(Path(pack.path).resolve()), str((builtin_dir() / "national.yaml").resolve())]
    for name in pack.extends:
        # Through the per-file cache the build just filled (a chain, so not as a pack of its own).
        out.extend(source_files(load_pack(resolve_pack(name, Path(pack.path)), (pack.path,))))
    return out


@lru_cache(maxsize=64)
def _load_pack(path: Path, _stamp: int, _chain: tuple[str, ...]) -> Pack:
    key = str(path.resolve())
    if key in _chain:
        raise PackError(str(path), "extends 形成循环：" + " → ".join([*_chain, key]))
    data, marks = read_yaml(path)
    if not isinstance(data, dict):
        raise PackError(marks.where(), "顶层应是一个映射（含 id、rules 等字段）")
    for name, hint in unknown_keys(data, PACK_KEYS):
        raise PackError(marks.where(name), f"未知字段 {name}{hint}（可用：{'、'.join(PACK_KEYS)}）")
    parents = [load_pack(resolve_pack(str(n), path), (*_chain, key)) for n in as_list(data.get("extends"))]
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
    if not parts and path.resolve() != (builtin_dir() / "national.yaml").resolve():
        # A pack of extra rules (freshness, outline…) reads the report's parts as the national pack names them,
        # with the national pack's threshold, so every pack sees the same parts.
        national = load_pack(builtin_dir() / "national.yaml", (*_chain, key))
        parts, parts_threshold = dict(national.parts), national.parts_threshold
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
    )


def pack_number(spec: Field, value: Any, where: str, label: str) -> float:
    """A pack-level number (weight, fuzzy_threshold, a status score): finite and in its range."""
    try:
        return spec.value(value)
    except SettingError as exc:
        raise PackError(where, f"{label} 应是{exc}，现为 {value!r}") from None


def check_defaults(defaults: dict[str, Any], marks: Marks) -> None:
    """`defaults:` of a pack: a weight and a fuzzy_threshold in range, status scores each in [0, 1]."""
    for spec in (WEIGHT, FUZZY_THRESHOLD):
        if defaults.get(spec.name) is not None:
            pack_number(spec, defaults[spec.name], marks.where("defaults", spec.name), f"defaults 中的 {spec.name}")
    scores = defaults.get("status_scores")
    if scores is None:
        return
    if not isinstance(scores, dict):
        raise PackError(marks.where("defaults", "status_scores"), "status_scores 应是映射，如 {partial: 0.5}")
    for status, value in scores.items():
        where = marks.where("defaults", "status_scores", status)
        pack_number(STATUS_SCORE, value, where, f"status_scores 中的 {status}")


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


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


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
    from checker.rules import RULE_TYPES
    from checker.rules.registry import settings_of

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
        close = get_close_matches(str(raw["type"]), list(RULE_TYPES), n=1)
        hint = f"，是不是 {close[0]}？" if close else ""
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
        weight = float(pack_number(WEIGHT, raw["weight"], at("weight"), f"规则 {rid} 的 weight"))
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
    """`examples: {pass: [...], fail: [...]}`, each a text or {text, year, type, status}."""
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
                )
            )
    return tuple(out)
