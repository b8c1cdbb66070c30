"""What `fzcheck check` decides around the gate: the rules kept (--select/--ignore merged with the
configuration's), the waivers in force today, warnings about rule ids no pack knows, and the exit code.

--select and --ignore merge with the configuration as ruff's do: a --select on the command line
replaces the configuration's select *and* ignore (the command line names exactly what to check, minus
its own --ignore); without one, --ignore adds to the configuration's ignore.

A rule id no pack knows (in select, ignore or a waiver) is a warning, not an error: one configuration
serves runs with different packs (a provincial pack's rule waived in a file also used with the national
pack alone), and a newer configuration may name a rule an older fzcheck lacks. Only a select that names
no known rule at all is refused: it would check nothing and pass every report.
"""

from __future__ import annotations

import datetime
import fnmatch
import re

import click

from checker.config import DEFAULT_FAIL_ON, Config
from checker.errors import EXIT_ERROR, EXIT_FAILED, EXIT_OK, FzcheckError
from checker.model import Pack, Result
from checker.safetext import terminal_safe
from checker.score import Gate
from checker.suggest import did_you_mean
from checker.waivers import Waiver, split_expired, waiver_notices

_GLOB = re.compile(r"[*?\[]")


def rule_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> (a, b, c), as ruff takes them (a Chinese comma too)."""
    return tuple(item.strip() for value in values for item in re.split(r"[,，]", value) if item.strip())


def merged_selection(config: Config, select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[tuple, tuple]:
    """(select, ignore) in force: the command line's --select replaces the configuration's select and ignore;
    --ignore alone extends the configuration's ignore."""
    if select:
        return select, ignore
    return config.select, (*config.ignore, *ignore)


def known_rule_ids(packs: list[Pack]) -> set[str]:
    """Every rule id of the built-in packs and of the packs in use."""
    from checker.packs import builtin_names, load_packs

    return {rule.id for pack in (*load_packs(builtin_names()), *packs) for rule in pack.rules}


def unknown_because(pattern: str, known: set[str]) -> str:
    """Why a rule id or glob names no known rule, with a did-you-mean; "" when it names one."""
    if any(fnmatch.fnmatchcase(rule, pattern) for rule in known):
        return ""
    if _GLOB.search(pattern):
        families = sorted({f"{rule.split('.', 1)[0]}.*" for rule in known})
        return f"{pattern} 没有匹配任何规则" + did_you_mean(pattern, families)
    return f"{pattern} 不是已知的规则编号" + did_you_mean(pattern, sorted(known))


def rule_id_notices(config: Config, select: tuple[str, ...], ignore: tuple[str, ...], known: set[str]) -> list[str]:
    """One line per rule id or glob of the configuration and the command line that no pack knows."""
    named: list[tuple[str, str]] = []
    if config.path:
        where = f"配置文件 {config.path}："
        named += [(f"{where}select 中的 ", p) for p in config.select]
        named += [(f"{where}ignore 中的 ", p) for p in config.ignore]
        named += [(f"{where}waivers 第 {w.position} 项的 rule ", w.rule) for w in config.waivers]
    named += [("--select 中的 ", p) for p in select] + [("--ignore 中的 ", p) for p in ignore]
    return [f"{where}{problem}" for where, pattern in named if (problem := unknown_because(pattern, known))]


def refuse_empty_selection(select: tuple[str, ...], known: set[str], from_config: str) -> None:
    """A select naming no known rule would check nothing and pass every report: refused (exit 2)."""
    if select and not any(fnmatch.fnmatchcase(rule, p) for p in select for rule in known):
        where = f"配置文件 {from_config} 的 select" if from_config else "--select"
        problems = "；".join(unknown_because(pattern, known) for pattern in select)
        raise FzcheckError(f"{where} 没有选中任何已知的规则，检查将什么也不做：{problems}")


def gate_for(
    config: Config,
    fail_on: str | None,
    fail_under: float | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    packs: list[Pack],
    today: datetime.date,
) -> tuple[Gate, tuple[Waiver, ...]]:
    """The gate of this run and the expired waivers; warns on stderr of rule ids no pack knows."""
    select, ignore = rule_list(select), rule_list(ignore)
    kept, dropped = merged_selection(config, select, ignore)
    if kept or dropped or config.waivers:
        known = known_rule_ids(packs)
        refuse_empty_selection(kept, known, "" if select else config.path)
        for line in rule_id_notices(config, select, ignore, known):
            warn(line)
    active, expired = split_expired(config.waivers, today)
    gate = Gate(
        fail_on=fail_on or config.fail_on or DEFAULT_FAIL_ON,
        fail_under=fail_under if fail_under is not None else config.fail_under,
        ignore=dropped,
        waivers=active,
        select=kept,
    )
    return gate, expired


def report_waivers(config: Config, gate: Gate, expired: tuple[Waiver, ...], results: list[Result]) -> None:
    """The expired waivers and those that waived nothing, one line each on stderr."""
    if config.waivers:
        for line in waiver_notices(config.path, gate.waivers, expired, results):
            warn(line)


def exit_code(results: list[Result], errors: list, exit_zero: bool) -> int:
    """2 when a file could not be read; else 1 when a report failed the gate, unless --exit-zero; else 0."""
    if errors:
        return EXIT_ERROR
    if exit_zero or all(result.passed for result in results):
        return EXIT_OK
    return EXIT_FAILED


def warn(line: str) -> None:
    click.echo(terminal_safe(f"fzcheck：{line}"), err=True)
