"""A rule reference in Markdown, generated from rule packs (docs/rules.md, `fzcheck rules doc`).

The packs are the one source of what a rule is (title, severity, basis, message, settings, examples);
hand-written explanations of how a rule decides (docs/rules-notes.md) are added by rule id.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from checker.model import REPORT_TYPES, Pack, Rule, RuleExample
from checker.packs import years_label
from checker.settings import DEFAULT_THRESHOLD

# Fields compared to tell whether a pack that extends another changed one of its rules.
_RULE_FIELDS = ("type", "title", "part", "severity", "weight", "basis", "message", "suggestion", "params", "years",
                "examples")  # fmt: skip
_FIELD_NAMES = {"type": "类型", "title": "标题", "part": "所属部分", "severity": "级别", "weight": "权重",
                "basis": "依据", "message": "说明", "suggestion": "建议", "params": "设置", "years": "报告年度",
                "examples": "示例"}  # fmt: skip
_MAX_ITEMS = 12  # list settings longer than this are shortened
_MAX_EXAMPLE_LINES = 20  # the built-in examples are short reports: shown whole


def severity_text(rule: Rule) -> str:
    """必备（error） — the Chinese level as the CLI shows it, with the YAML value."""
    from checker.render import SEVERITY_NAME

    return f"{SEVERITY_NAME.get(rule.severity, rule.severity)}（{rule.severity}）"


def types_text(report_types: tuple[str, ...]) -> str:
    """人民政府、政府部门 — the report types in Chinese, in their usual order."""
    from checker.render import TYPE_NAME

    return "、".join(TYPE_NAME.get(t, t) for t in REPORT_TYPES if t in report_types) or "无"


def years_text(years: tuple[int, int] | None) -> str:
    """2021—2025年度, 2026 年度起, or 全部年度 when the rule runs for every report year."""
    if years is None:
        return "全部年度"
    label = years_label(years)
    return label.replace(" 年起", " 年度起") if label.endswith("年起") else f"{label}年度"


def pack_years_text(pack: Pack) -> str:
    """The pack's report years (its own, else those all its rules share); else 见各规则."""
    if pack.years:
        return years_text(pack.years)
    spans = {rule.years for rule in pack.rules}
    return years_text(spans.pop()) if len(spans) == 1 else "见各规则"


def value_text(value: Any) -> str:
    """A setting's value in one line: lists joined with 、 (long ones shortened), mappings as key：value."""
    if isinstance(value, dict):
        return "；".join(f"{k}：{value_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        shown = [f"（{value_text(v)}）" if isinstance(v, (list, tuple)) else value_text(v) for v in value[:_MAX_ITEMS]]
        more = f"……（共 {len(value)} 项）" if len(value) > _MAX_ITEMS else ""
        return "、".join(shown) + more
    return str(value)


def settings_lines(rule: Rule) -> list[str]:
    """`field`：value for each type-specific setting (the fuzzy threshold only when not the default)."""
    out = []
    for key, value in rule.params.items():
        if key == "fuzzy_threshold" and float(value) == DEFAULT_THRESHOLD:
            continue
        text = value_text(value).replace("\n", " ").strip()
        out.append(f"  - `{key}`：{text}")
    return out


def example_label(example: RuleExample) -> str:
    """符合 / 部分符合 …: what the example must give, with its year and report type when set."""
    from checker.render import STATUS_MARK, STATUS_NAME, TYPE_NAME

    if example.expect == "pass":
        label = f"{STATUS_MARK['pass']} {STATUS_NAME['pass']}"
    elif example.status:
        label = f"{STATUS_MARK[example.status]} {STATUS_NAME[example.status]}"
    else:
        label = "不符合（结果不是 ✓）"
    context = [f"{example.year}年度" if example.year else "", TYPE_NAME.get(example.report_type or "", "")]
    context_text = "、".join(c for c in context if c)
    return label + (f"（{context_text}报告）" if context_text else "")


def example_block(example: RuleExample) -> list[str]:
    """One example as an indented text block, cut after a few lines, then last year's report when it gives one."""
    block = [f"  - {example_label(example)}：", "", *text_block(example.text)]
    if example.previous:
        block += ["    上一年度报告（`previous`）：", "", *text_block(example.previous)]
    return block


def text_block(text: str) -> list[str]:
    """A fenced text block indented under a list item, cut after _MAX_EXAMPLE_LINES lines."""
    lines = text.strip().splitlines()
    shown = lines[:_MAX_EXAMPLE_LINES] + ([f"……（共 {len(lines)} 行）"] if len(lines) > _MAX_EXAMPLE_LINES else [])
    return ["    ```text", *("    " + line for line in shown), "    ```", ""]


def examples_lines(rule: Rule) -> list[str]:
    """The first pass and the first fail example of the rule (all of them are run by `fzcheck rules test`)."""
    chosen = [e for e in rule.examples if e.expect == "pass"][:1] + [e for e in rule.examples if e.expect == "fail"][:1]
    if not chosen:
        return []
    head = f"- **规则包中的示例**（共 {len(rule.examples)} 个，`fzcheck rules test` 逐个运行；此处各列一个）："
    return [head, "", *(line for example in chosen for line in example_block(example))]


def type_doc(rule: Rule) -> str:
    from checker.ruletypes import RULE_TYPES

    rule_type = RULE_TYPES.get(rule.type)
    return f"`{rule.type}`（{rule_type.doc}）" if rule_type else f"`{rule.type}`"


def rule_section(pack: Pack, rule: Rule, note: str, changed: list[str] | None) -> str:
    """A rule's `## id` section: what it checks, for whom, why, what to write, settings, examples."""
    part = pack.parts.get(rule.part)
    lines = [f"## {rule.id}", ""]
    if changed is not None:
        lines += [f"*{pack.id} 规则包改写了父规则包中的同名规则（改动：{'、'.join(changed)}）。*", ""]
    lines += [
        f"- **检查**：{rule.title}。级别：{severity_text(rule)}，权重 {rule.weight:g}。",
        f"- **适用**：{types_text(rule.applies_to)}报告；报告年度：{years_text(rule.years)}。",
        f"- **规则类型**：{type_doc(rule)}" + (f"；所属部分：{part.title}（`{part.id}`）" if part else "") + "。",
        f"- **依据**：{rule.basis}",
        f"- **说明**：{rule.message}",
        f"- **建议**：{rule.suggestion}",
    ]
    settings = settings_lines(rule)
    if settings:
        lines += ["- **设置**：", *settings]
    if note:
        lines.append(note)
    lines += ["", *examples_lines(rule)]
    return "\n".join(lines).rstrip() + "\n"


def parent_rules(pack: Pack) -> dict[str, Rule]:
    """The rules of the packs this one extends, by id (a later parent wins, as when loading)."""
    from checker.packs import load_pack, resolve_pack

    out: dict[str, Rule] = {}
    for name in pack.extends:
        for rule in load_pack(resolve_pack(name, Path(pack.path)), (pack.path,)).rules:
            out[rule.id] = rule
    return out


def changed_fields(rule: Rule, parent: Rule) -> list[str]:
    """The fields (in Chinese) in which a pack's rule differs from the parent's rule of the same id."""
    return [_FIELD_NAMES[f] for f in _RULE_FIELDS if getattr(rule, f) != getattr(parent, f)]


def pack_header(pack: Pack) -> list[str]:
    lines = [f"# {pack.title or pack.id}（规则包 `{pack.id}`）", ""]
    if pack.extends:
        lines.append(f"- **继承**：{'、'.join(pack.extends)}")
    lines += [
        f"- **依据**：{pack.basis or '（未写明）'}",
        f"- **适用报告**：{types_text(pack.applies_to)}",
        f"- **报告年度**：{pack_years_text(pack)}",
        f"- **规则**：{len(pack.rules)} 条；版本 {pack.version}",
        "",
    ]
    return lines


def sectioned_rules(pack: Pack) -> tuple[list[tuple[Rule, list[str] | None]], list[str]]:
    """The rules a pack's section documents, each with the fields changed from the parent's rule (None for a
    rule the pack adds), and the ids of the rules it inherits unchanged (named only)."""
    parents = parent_rules(pack) if pack.extends else {}
    sectioned, unchanged = [], []
    for rule in pack.rules:
        parent = parents.get(rule.id)
        changed = changed_fields(rule, parent) if parent else None
        if parent and not changed:
            unchanged.append(rule.id)
        else:
            sectioned.append((rule, changed))
    return sectioned, unchanged


def pack_section(pack: Pack, notes: dict[str, str], documented: set[str]) -> str:
    """A pack's section: its header, then a section per rule it adds or changes; inherited rules are named."""
    lines = pack_header(pack)
    sectioned, unchanged = sectioned_rules(pack)
    for rule, changed in sectioned:
        note = notes.get(rule.id, "") if rule.id not in documented else ""
        documented.add(rule.id)
        lines += [rule_section(pack, rule, note, changed)]
    if unchanged:
        names = "、".join(f"`{rid}`" for rid in unchanged)
        lines += [f"与 {'、'.join(pack.extends)} 相同的 {len(unchanged)} 条规则（只是适用报告不同）：{names}。", ""]
    return "\n".join(lines).rstrip() + "\n"


def heading_anchor(rule_id: str) -> str:
    """The anchor GitHub and GitLab give the heading `## <rule id>`: part.leader-duty -> partleader-duty."""
    return re.sub(r"[^\w\- ]", "", rule_id.strip().lower()).replace(" ", "-")


def section_anchors(packs: list[Pack]) -> dict[tuple[str, str], str]:
    """(file a rule is written in, rule id) -> the anchor of its section on the reference page of `packs`.

    A rule a pack changes (department's data.review) has a section of its own under the same heading:
    GitHub and GitLab number repeated headings datareview, datareview-1, … in page order.
    """
    seen: dict[str, int] = {}
    anchors: dict[tuple[str, str], str] = {}
    for pack in packs:
        for rule, _ in sectioned_rules(pack)[0]:
            base = heading_anchor(rule.id)
            repeat = seen.get(base, 0)
            seen[base] = repeat + 1
            anchors.setdefault((rule_file(rule), rule.id), f"{base}-{repeat}" if repeat else base)
    return anchors


def rule_path(rule: Rule) -> str:
    """The file a rule is written in: its source without line and column."""
    return source_file(rule.source)


def source_file(source: str) -> str:
    """A `file:line:column` position without its line and column."""
    return source.rsplit(":", 2)[0] if source.count(":") >= 2 else source


def rule_file(rule: Rule) -> str:
    return Path(rule_path(rule)).name


def packs_table(packs: list[Pack]) -> str:
    rows = ["| 规则包 | 标题 | 适用报告 | 报告年度 | 规则数 |", "|---|---|---|---|---|"]
    for pack in packs:
        rows.append(f"| `{pack.id}` | {pack.title} | {types_text(pack.applies_to)} | {pack_years_text(pack)} "
                    f"| {len(pack.rules)} |")  # fmt: skip
    return "\n".join(rows) + "\n"


def reference_markdown(packs: list[Pack], intro: str, notes: dict[str, str] | None = None) -> str:
    """The reference page: the intro, a table of the packs, then each pack and its rules."""
    documented: set[str] = set()
    sections = [pack_section(pack, notes or {}, documented) for pack in packs]
    return "\n".join([intro.rstrip() + "\n", packs_table(packs), *sections])


def read_notes(path: Path) -> dict[str, str]:
    """Hand-written notes by rule id: the body of each `## <rule id>` section of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    notes = {}
    for section in re.split(r"(?m)^## ", text)[1:]:
        rule_id, _, body = section.partition("\n")
        notes[rule_id.strip()] = body.strip()
    return notes


def ordered_builtin_packs() -> list[Pack]:
    """Built-in packs in reading order: the base packs, the default extras, then any other pack by name."""
    from checker.packs import BASE_PACK, DEFAULT_EXTRAS, builtin_names, load_packs

    names = builtin_names()
    first = [n for n in (*dict.fromkeys(BASE_PACK.values()), *DEFAULT_EXTRAS) if n in names]
    return load_packs([*first, *(n for n in names if n not in first)])
