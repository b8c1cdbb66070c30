"""`fzcheck config`: which configuration file `fzcheck check` reads here (or why none), and the settings in
force, each with where it comes from (the file, or the default)."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from checker.cli_zh import ChineseCommand
from checker.config import DEFAULT_FAIL_ON, DEFAULT_FORMATS, KEYS, Config
from checker.errors import EXIT_OK
from checker.safetext import terminal_safe


@click.command("config", cls=ChineseCommand)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="显示这个配置文件（默认：向上查找）。")
@click.option("--no-config", is_flag=True, help="显示不读配置文件时的设置。")
def config_command(config_path: str | None, no_config: bool) -> int:
    """显示 fzcheck check 在当前文件夹使用的配置文件（或为什么没有使用）和生效的设置。"""
    from checker.cli import read_config
    from checker.config import find_config, load_config

    if no_config or config_path:
        config = read_config(config_path, no_config)
        source = config_path or "无（--no-config：不读取配置文件）"
    else:
        found = find_config()  # its notice (a file not trusted) is said below, not as a warning
        config = load_config(found.path) if found.path else Config()
        source = str(found.path) if found.path else f"无（{found.notice or no_file_found()}）"
    click.echo(terminal_safe(f"配置文件：{source}"))
    click.echo()
    click.echo("生效的设置（fzcheck check 的命令行选项优先于这些设置）：")
    width = max(len(key) for key in KEYS)
    for key in KEYS:
        value, from_file = setting_text(key, config)
        head, _, rest = value.partition("\n")
        where = "（配置文件）" if from_file else "（默认）"
        click.echo(terminal_safe(f"  {key:<{width}} = {head}{where}" + (f"\n{rest}" if rest else ""), newlines=True))
    warn_unknown_rules(config)
    return EXIT_OK


def no_file_found() -> str:
    return f"从 {Path.cwd()} 向上没有找到 fzcheck.toml 或含 [tool.fzcheck] 的 pyproject.toml"


def setting_text(key: str, config: Config) -> tuple[str, bool]:
    """(the value in force, in Chinese words where it is a default; whether the configuration sets it)."""
    from checker.batch import default_jobs
    from checker.load import DEFAULT_MAX_MB

    listed = "、".join
    given: dict[str, tuple[object, str]] = {
        "packs": (config.packs, "按报告类型自动选用"),
        "type": (config.report_type, "从报告标题推断"),
        "year": (config.year, "从报告推断"),
        "fail_on": (config.fail_on, DEFAULT_FAIL_ON),
        "fail_under": (config.fail_under, "不设"),
        "formats": (config.formats, listed(DEFAULT_FORMATS)),
        "output_dir": (config.output_dir, "不设：输出到屏幕或 --output 指定的文件"),
        "jobs": (config.jobs or None, f"CPU 核数 {default_jobs()}"),
        "max_size_mb": (config.max_size_mb, str(DEFAULT_MAX_MB)),
        "select": (config.select, "全部规则"),
        "ignore": (config.ignore, "无"),
        "waivers": (config.waivers, "无"),
    }
    value, default = given[key]
    if key == "jobs" and config.jobs == 0:
        return f"CPU 核数 {default_jobs()}", True
    if not value and value != 0:
        return default, False
    if key == "waivers":
        return waivers_text(config), True
    if isinstance(value, tuple):
        return listed(value), True
    return f"{value:g}" if isinstance(value, float) else str(value), True


def waivers_text(config: Config) -> str:
    """The waivers, one per line under the count, the expired ones marked."""
    today = datetime.date.today()
    lines = [f"{len(config.waivers)} 项"]
    for waiver in config.waivers:
        expired = "（已过期，不再生效）" if waiver.expired_on(today) else ""
        lines.append(f"      第 {waiver.position} 项：{waiver.details()}{expired}；理由：{waiver.reason}")
    return "\n".join(lines)


def warn_unknown_rules(config: Config) -> None:
    """The same warnings `fzcheck check` gives for rule ids no pack knows."""
    if not (config.select or config.ignore or config.waivers):
        return
    from checker.cli_gate import known_rule_ids, rule_id_notices, warn
    from checker.packs import load_packs

    packs = load_packs(list(config.packs)) if config.packs else []
    for line in rule_id_notices(config, (), (), known_rule_ids(packs)):
        warn(line)
