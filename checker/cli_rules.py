"""`fzcheck rules`: listing, showing, documenting, linting and testing the rules of packs."""

from __future__ import annotations

import click

from checker.cli_zh import ChineseGroup
from checker.errors import EXIT_FAILED, EXIT_OK, FzcheckError
from checker.model import REPORT_TYPES
from checker.render import type_list
from checker.safetext import terminal_safe

# --pack of `rules list` and `rules doc`.
PACKS_OPTION = click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="名称或路径",
    help="规则包：内置名称或 YAML 文件路径（默认：全部内置规则包）。",
)


@click.group("rules", cls=ChineseGroup)
def rules_group() -> None:
    """查看规则包中的规则。"""


@rules_group.command("list")
@PACKS_OPTION
@click.option(
    "--year",
    type=click.IntRange(1949, 2200),
    metavar="年份",
    default=None,
    help="只列出这一报告年度适用的规则包和规则（不指定 --pack 时为该年度默认使用的规则包）。",
)
@click.option(
    "--type",
    "report_type",
    type=click.Choice(REPORT_TYPES),
    default=None,
    help=f"与 --year 一起用：报告主体类型，{type_list()}（默认 government）。",
)
def rules_list(packs: tuple[str, ...], year: int | None, report_type: str | None) -> int:
    """列出规则：编号、级别、权重、标题、适用年度；--year 时只列该年度适用的。"""
    from checker.evaluate import rule_applies
    from checker.packs import builtin_names, default_packs, load_packs, years_label
    from checker.render import TYPE_NAME

    if year is None:
        chosen = load_packs(list(packs) or builtin_names())
    else:
        kind = report_type or "government"
        chosen = list(load_packs(list(packs)) if packs else default_packs(kind))
        click.echo(f"{year} 年度的{TYPE_NAME[kind]}报告适用的规则包和规则：")
        click.echo()
    from checker.render import SEVERITY_NAME

    for pack in chosen:
        rules = [r for r in pack.rules if year is None or rule_applies(r, year, report_type or "government")]
        if year is not None and not rules:
            continue
        extends = f"（继承 {'、'.join(pack.extends)}）" if pack.extends else ""
        click.echo(terminal_safe(f"# {pack.id} {pack.version}  {pack.title}{extends}"))
        if pack.note:
            click.echo(terminal_safe(f"  说明：{pack.note}"))
        for rule in rules:
            severity = SEVERITY_NAME[rule.severity]
            years = years_label(rule.years)
            click.echo(terminal_safe(f"{rule.id:<34} {severity:<4} {rule.weight:>4g}  {years:<10} {rule.title}"))
        click.echo()
    if year is not None:
        click.echo(area_packs_line(chosen, year, report_type or "government"))
    return EXIT_OK


def area_packs_line(packs, year: int, report_type: str) -> str:
    """Which packs check the outline's task areas for this year, said out loud (never silently none)."""
    from checker.evaluate import rule_applies
    from checker.packs import AREA_PACKS

    names = [p.id for p in packs if p.id in AREA_PACKS and any(rule_applies(r, year, report_type) for r in p.rules)]
    if names:
        return f"纲要任务领域检查：{'、'.join(names)}"
    if report_type == "township":
        return "纲要任务领域检查：无（乡镇（街道）报告使用简化规则包，不检查纲要任务领域）"
    return f"纲要任务领域检查：无（没有适用于 {year} 年度的纲要任务领域规则包）"


@rules_group.command("show")
@click.argument("rule_id", metavar="规则编号")
@click.option(
    "--pack", "packs", multiple=True, metavar="名称或路径", help="在哪些规则包中查找（默认：全部内置规则包）。"
)
def rules_show(rule_id: str, packs: tuple[str, ...]) -> int:
    """显示一条规则：检查什么、为什么（依据）、怎么写，以及符合和不符合的示例。"""
    from checker.packs import load_packs
    from checker.ruledoc import ordered_builtin_packs
    from checker.suggest import did_you_mean

    # National before the packs that change its rules: a rule is shown as its first pack writes it.
    chosen = load_packs(list(packs)) if packs else ordered_builtin_packs()
    for pack in chosen:
        for rule in pack.rules:
            if rule.id == rule_id:
                click.echo(terminal_safe(rule_page(pack.id, rule), newlines=True))
                return EXIT_OK
    known = sorted({rule.id for pack in chosen for rule in pack.rules})
    hint = did_you_mean(rule_id, known) or "（用 fzcheck rules list 查看全部规则）"
    raise FzcheckError(f"没有编号为 {rule_id} 的规则{hint}")


def rule_page(pack_id: str, rule) -> str:
    """A rule's page in Chinese (like a linter's rule documentation)."""
    from checker.packs import years_label
    from checker.render import SEVERITY_NAME

    lines = [
        f"{rule.id}  {rule.title}",
        f"规则包：{pack_id}    类型：{rule.type}    级别：{SEVERITY_NAME.get(rule.severity, rule.severity)}"
        f"（{rule.severity}）    权重：{rule.weight:g}",
        f"适用：{'、'.join(rule.applies_to)}" + (f"    报告年度：{years_label(rule.years)}" if rule.years else ""),
        "",
        f"检查什么：{rule.message}",
        f"为什么（依据）：{rule.basis}",
        f"怎么写：{rule.suggestion}",
        f"说明页：{rule_doc_link(rule)}",
    ]
    for expect, label in (("pass", "符合的示例"), ("fail", "不符合的示例")):
        examples = [e for e in rule.examples if e.expect == expect]
        if examples:
            lines += ["", f"{label}："]
            lines += ["    " + line for line in examples[0].text.strip().splitlines()]
            if examples[0].previous:
                lines += ["  上一年度报告："]
                lines += ["    " + line for line in examples[0].previous.strip().splitlines()]
    if not rule.examples:
        lines += ["", "（此规则没有示例）"]
    return "\n".join(lines)


def rule_doc_link(rule) -> str:
    """Where the rule's section of docs/rules.md is (absolute under FZCHECK_DOCS_URL), or why there is none."""
    from checker.evaluate import rule_doc
    from checker.render.doclink import docs_base_url, link_of

    link = link_of(rule_doc(rule), docs_base_url())
    return link or "无（自定义规则包中的规则；用 fzcheck rules doc --pack 规则包 生成说明）"


@rules_group.command("doc")
@PACKS_OPTION
def rules_doc(packs: tuple[str, ...]) -> int:
    """输出规则包的参考文档（Markdown）：每个规则包的依据、适用范围，每条规则的依据、说明、建议、设置和示例。"""
    from checker.packs import load_packs
    from checker.ruledoc import ordered_builtin_packs, reference_markdown

    chosen = load_packs(list(packs)) if packs else ordered_builtin_packs()
    click.echo(terminal_safe(reference_markdown(chosen, "# 规则参考\n"), newlines=True), nl=False)
    return EXIT_OK


@rules_group.command("lint")
@click.argument("pack_paths", nargs=-1, required=True, metavar="规则包")
def rules_lint(pack_paths: tuple[str, ...]) -> int:
    """只校验规则包（字段、类型、正则表达式、重复编号、依据等），有问题时退出码为 1。"""
    from checker.errors import PackError
    from checker.packs import load_pack, resolve_pack

    problems = 0
    for name in pack_paths:
        try:
            pack = load_pack(resolve_pack(name))
        except PackError as exc:
            problems += 1
            click.echo(terminal_safe(f"✗ {exc}"))
            continue
        click.echo(terminal_safe(f"✓ {name}：{len(pack.rules)} 条规则，校验通过"))
    return EXIT_FAILED if problems else EXIT_OK


@rules_group.command("test")
@click.argument("pack_paths", nargs=-1, required=True, metavar="规则包")
@click.option("--coverage", is_flag=True, help="另外要求每条规则都有使它不符合的示例和使它符合的示例，列出缺少的规则。")
def rules_test(pack_paths: tuple[str, ...], coverage: bool) -> int:
    """运行规则包中每条规则的示例（符合/不符合），逐条报告；有示例不符合预期时退出码为 1。"""
    from checker.packs import load_pack, resolve_pack
    from checker.ruletest import run_examples

    failed = 0
    gaps: list[str] = []
    for name in pack_paths:
        pack = load_pack(resolve_pack(name))
        click.echo(terminal_safe(f"# {pack.id}（{name}）"))
        for outcome in run_examples(pack):
            click.echo(terminal_safe(outcome.line(), newlines=True))
            failed += not outcome.ok
            if coverage and outcome.coverage_gap():
                gaps.append(f"规则包 {pack.id} 的 {outcome.coverage_gap()}")
    click.echo(f"{'✗' if failed else '✓'} 共有 {failed} 条规则的示例不符合预期" if failed else "✓ 全部示例符合预期")
    if coverage:
        for gap in gaps:
            click.echo(terminal_safe(f"  {gap}"))
        click.echo(
            f"✗ 示例覆盖：{len(gaps)} 条规则缺少示例" if gaps else "✓ 示例覆盖：每条规则都有使它符合和不符合的示例"
        )
    return EXIT_FAILED if failed or gaps else EXIT_OK
