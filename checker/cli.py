"""The fzcheck command line: the command group, `check` and `diff`, and the entry point that turns every
error into one line. Exit codes: 0 gate passed, 1 gate failed (0 with --exit-zero), 2 usage or input error
(checker.errors).

The `rules` commands are in checker.cli_rules, `config` in checker.cli_config, the checks of where `check` writes
in checker.cli_paths, the rules it keeps, the waivers in force and its exit code in checker.cli_gate.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import click

from checker import __version__
from checker.cli_paths import check_annotate_option, input_files, output_destinations, refuse_outputs_over_inputs
from checker.cli_zh import VERSION_HELP, ChineseGroup, usage_error_lines
from checker.config import DEFAULT_FORMATS, FAIL_ON, MAX_JOBS, MIN_JOBS
from checker.errors import EXIT_ERROR, EXIT_OK, FzcheckError
from checker.load import DEFAULT_MAX_MB, MAX_SIZE_CEILING_MB
from checker.model import REPORT_TYPES, Result
from checker.render import FORMATS, format_list, type_list
from checker.safetext import terminal_safe, use_fallback_on

if TYPE_CHECKING:
    from checker.summary import Summary


class CommandGroup(ChineseGroup):
    """The fzcheck group: `rules`, `serve` and `config` are imported only when named or listed (--help),
    so that `fzcheck check` does not pay for them (about 12 ms of a cold start)."""

    lazy: ClassVar[dict[str, tuple[str, str]]] = {
        "rules": ("checker.cli_rules", "rules_group"),
        "serve": ("checker.web.command", "serve_command"),
        "config": ("checker.cli_config", "config_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name != "check":  # check ends the start-up pause itself, after its first report
            from checker.startup import resume_collector

            resume_collector()
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attribute = self.lazy[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="fzcheck", message="%(prog)s %(version)s", help=VERSION_HELP)
def cli() -> None:
    """fzcheck：按规则包检查法治政府建设年度报告，列出缺失内容和修改建议。"""


MAX_SIZE_OPTION = click.option(
    "--max-size",
    "max_size_mb",
    type=click.IntRange(1, MAX_SIZE_CEILING_MB),
    help=f"单个文件的大小上限（MB），超过的文件不读取（默认 {DEFAULT_MAX_MB}）。",
)
FORMAT_HELP = (
    f"输出格式，可多次指定：{format_list()}；写成“格式:文件”（如 sarif:结果.sarif）时写入该文件，“格式:-”为屏幕。"
)
RULES_HELP = "规则编号（如 data.review）或“类别.*”，可多次指定或用逗号分隔"


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, metavar="报告")
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="名称或路径",
    help="规则包：内置名称（如 national）或 YAML 文件路径，可多次指定。",
)
@click.option(
    "--year", type=click.IntRange(1990, 2100), metavar="年份", help="报告年度（所报告工作的年份），默认从报告推断。"
)
@click.option(
    "--type", "report_type", type=click.Choice(REPORT_TYPES), help=f"报告主体类型：{type_list()}；默认从标题推断。"
)
@click.option("--format", "formats", metavar="格式[:文件]", multiple=True, help=FORMAT_HELP)
@click.option(
    "--output", "-o", "outputs", type=click.Path(dir_okay=False), multiple=True,
    help="把结果写入文件（默认输出到屏幕）；多个 --format 时按顺序对应。",
)  # fmt: skip
@click.option("--output-dir", type=click.Path(file_okay=False), help="把每种格式写入此目录（fzcheck.<扩展名>）。")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="哪一级的项目未达标时判为不通过：error 必备项（默认）；warning 必备和建议项；never 只看 --fail-under。",
)
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="分数", help="得分低于此值时判为不通过。")
@click.option(
    "--jobs", "-j", type=click.IntRange(MIN_JOBS, MAX_JOBS), help="并行检查的进程数（0 或不指定：CPU 核数）。"
)
@click.option(
    "--select", metavar="规则", multiple=True, help=f"只检查这些规则：{RULES_HELP}；取代配置文件的 select 和 ignore。"
)
@click.option(
    "--ignore", metavar="规则", multiple=True, help=f"不检查这些规则：{RULES_HELP}；与配置文件的 ignore 合并。"
)
@click.option("--exit-zero", is_flag=True, help="报告未通过时退出码仍为 0（用法错误、文件无法读取时仍为 2）。")
@click.option("--statistics", is_flag=True, help="最后列出每条规则在多少份报告中缺失、部分符合。")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="配置文件（默认从当前目录向上查找 fzcheck.toml 或 pyproject.toml）。",
)
@click.option("--no-config", is_flag=True, help="不读取配置文件。")
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="屏幕输出是否带颜色：auto 在终端上带颜色，输出到文件、管道或设置了 NO_COLOR 时不带；always 总是；never 从不。",
)
@click.option(
    "--annotate",
    type=click.Path(dir_okay=False),
    help="另存一份带批注的 Word 文档（.docx），在原文处标出缺失内容和修改建议；只能检查单个文件时使用。",
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False),
    help="同一单位上一年度的报告：对比“存在的不足”“下一年度安排”是否照搬上年（quality.boilerplate-reuse）；只能检查单个文件时使用。",
)
@MAX_SIZE_OPTION
@click.option(
    "--quiet", "-q", is_flag=True, help="每份报告只输出一行：文件、结论、得分、必备项达标数（批量时其后是汇总表）。"
)
@click.option(
    "--show-passed", is_flag=True, help="显示全部检查项：默认只详列缺失和部分符合的项目，符合和不适用的项目折叠为计数。"
)
@click.option(
    "--verbose", "-v", is_flag=True, help="显示全部检查项（同 --show-passed），并列出检查文件夹时跳过的文件及原因。"
)
def check_command(
    paths: tuple[str, ...],
    packs: tuple[str, ...],
    year: int | None,
    report_type: str | None,
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    output_dir: str | None,
    fail_on: str | None,
    fail_under: float | None,
    jobs: int | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    statistics: bool,
    config_path: str | None,
    no_config: bool,
    color: str,
    annotate: str | None,
    previous: str | None,
    max_size_mb: int | None,
    quiet: bool,
    show_passed: bool,
    verbose: bool,
) -> int:
    """检查一份或多份报告（文件、文件夹或通配符）。"""
    import datetime

    from checker.batch import BatchInterrupted, Job, Rendering, check_files, workers_for
    from checker.cli_gate import exit_code, gate_for, report_waivers
    from checker.emit import new_mark
    from checker.load import size_limit
    from checker.packs import load_packs

    view = report_view(quiet, show_passed or verbose)
    config = read_config(config_path, no_config)
    max_bytes = size_limit(max_size_mb or config.max_size_mb)
    packs = packs or config.packs
    formats = formats or config.formats or DEFAULT_FORMATS
    destinations = output_destinations(formats, outputs, output_dir or config.output_dir)
    if annotate:
        check_annotate_option(paths, annotate, [target for _, target in destinations if target])
    named_packs = load_packs(list(packs)) if packs else []  # a bad pack is reported once, before any file is read
    from checker.walk import expand_paths

    walk = expand_paths(paths)
    files, errors = walk.files, walk.errors
    if verbose:
        for path, reason in walk.skipped:
            click.echo(terminal_safe(f"fzcheck：跳过 {path}：{reason}"), err=True)
    if previous and (len(paths) != 1 or len(files) > 1 or Path(paths[0]).is_dir()):
        raise click.UsageError("--previous 只能在检查单个文件时使用")
    inputs = input_files(files, previous, named_packs, config.path)
    refuse_outputs_over_inputs(destinations, annotate, inputs)
    gate, expired = gate_for(config, fail_on, fail_under, select, ignore, named_packs, datetime.date.today())
    keep_text = bool(annotate) or any(FORMATS[fmt].needs_text for fmt, _ in destinations)
    rendering = Rendering(
        formats=tuple(fmt for fmt, _ in destinations),
        mark=new_mark(),
        console=screen_settings(destinations, color),
        keep_result=bool(annotate),
        view=view,
        batch=len(files) + len(errors) > 1,  # as the reports' renderers count: a batch lists each report briefly
    )
    job_list = [
        Job(
            f,
            tuple(packs),
            gate,
            year or config.year,
            report_type or config.report_type,
            previous,
            keep_text=keep_text,
            max_bytes=max_bytes,
            rendering=rendering,
        )
        for f in files
    ]
    try:
        checked = check_files(job_list, workers_for(jobs if jobs is not None else config.jobs), rendering)
    except BatchInterrupted as exc:
        click.echo(f"fzcheck：已中断；已检查 {len(exc.done)} 个文件，未写出任何结果文件", err=True)
        for path in exc.done:
            click.echo(terminal_safe(f"  已检查：{path}"), err=True)
        return 130
    checked.errors[:0] = errors  # files the walk could not read come first, as they were found
    errors = checked.errors
    for path, problem in errors:
        click.echo(terminal_safe(f"fzcheck：{path}：{problem}"), err=True)
    from checker.emit import emit_all, files_summary

    try:
        emit_all(checked, destinations, color, inputs)
    finally:
        checked.close()
    summaries = checked.summaries
    report_waivers(config, gate, expired, [summary.at_source_path() for summary in summaries])
    if statistics:
        print_statistics(summaries, destinations)
    if annotate and checked.results:
        annotate_copy(checked.results[0], annotate, max_bytes)
    if summary := files_summary(destinations, summaries, errors):
        click.echo(terminal_safe(summary), err=True)
    return exit_code(summaries, errors, exit_zero)


def print_statistics(summaries: list[Summary], destinations: list[tuple[str, str | None]]) -> None:
    """--statistics after the output: on stdout, unless a format other than text went there (stderr then)."""
    from checker.stats import statistics_text

    to_stderr = any(target is None and fmt != "text" for fmt, target in destinations)
    click.echo(terminal_safe(statistics_text(summaries), newlines=True), nl=False, err=to_stderr)


def report_view(quiet: bool, show_all: bool) -> str:
    """How much of each report the text, Markdown and HTML reports show (checker.render.VIEWS)."""
    from checker.render import ALL, GAPS, QUIET

    if quiet and show_all:
        raise click.UsageError("-q 不能与 -v 或 --show-passed 同时使用")
    return QUIET if quiet else ALL if show_all else GAPS


def screen_settings(destinations: list[tuple[str, str | None]], color: str) -> tuple | None:
    """How the text report is drawn on the screen, for the workers that draw their reports' part of
    it: None when it is not on the screen or is plain (no terminal, no color)."""
    if not any(target is None and FORMATS[fmt].console for fmt, target in destinations):
        return None
    from checker.render.pieces import console_settings
    from checker.render.text import make_console

    settings = console_settings(make_console(sys.stdout, color))
    return None if settings is None else tuple(settings.items())


def read_config(config_path: str | None, no_config: bool):
    from checker.config import Config, find_config, load_config

    if no_config:
        return Config()
    if config_path:
        if not Path(config_path).is_file():
            raise FzcheckError(f"配置文件 {config_path}：文件不存在")
        return load_config(Path(config_path))
    found = find_config()
    if found.notice:
        click.echo(terminal_safe(f"fzcheck：{found.notice}"), err=True)
    return load_config(found.path) if found.path else Config()


def annotate_copy(result: Result, annotate: str, max_bytes: int) -> None:
    from checker.render.annotate import write_annotated

    count = write_annotated(result, result.document.path, annotate, max_bytes=max_bytes)
    click.echo(terminal_safe(f"fzcheck：批注版已写入 {annotate}（{count} 条批注）"), err=True)


@cli.command("diff")
@click.argument("previous_path", metavar="上年报告")
@click.argument("current_path", metavar="本年报告")
@click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True, help="输出格式。"
)
@click.option("--similarity", type=click.FloatRange(1, 100), default=80, show_default=True, help="句子相似度阈值。")
@MAX_SIZE_OPTION
def diff_command(previous_path: str, current_path: str, fmt: str, similarity: float, max_size_mb: int | None) -> int:
    """对比同一单位两年的报告：“存在的不足”“下一年度安排”中照搬上年的句子，以及未变化的数字。"""
    from checker.diff import compare_documents, read_reports
    from checker.load import size_limit
    from checker.packs import default_packs
    from checker.render.diff import render_json, render_text

    # InputError: one line, exit 2
    previous, current = read_reports(previous_path, current_path, max_bytes=size_limit(max_size_mb))
    base = default_packs(current.report_type)[0]  # the parts as the base pack for this report's type names them
    comparison = compare_documents(previous, current, base.parts, base.parts_threshold, similarity)
    # The text quotes both reports: shown with their control characters made visible.
    sys.stdout.write(
        render_json(comparison) if fmt == "json" else terminal_safe(render_text(comparison), newlines=True)
    )
    sys.stdout.flush()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the CLI and turns every error into one Chinese line and exit code 2."""
    for stream in (sys.stdout, sys.stderr):
        use_fallback_on(stream)  # a GBK console gets √ for ✓ rather than a UnicodeEncodeError
    try:
        code = cli.main(args=argv, prog_name="fzcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.NoArgsIsHelpError as exc:  # `fzcheck` or `fzcheck rules` alone: the help
        click.echo(exc.ctx.get_help())
        return EXIT_OK
    except click.UsageError as exc:
        for line in usage_error_lines(exc):
            click.echo(terminal_safe(line), err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        click.echo(terminal_safe(f"fzcheck：{exc.format_message()}"), err=True)
        return EXIT_ERROR
    except FzcheckError as exc:
        click.echo(terminal_safe(f"fzcheck：{exc}"), err=True)
        return EXIT_ERROR
    except click.Abort:
        click.echo("fzcheck：已中断", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("fzcheck：已中断", err=True)
        return 130
    except RecursionError:
        click.echo("fzcheck：输入的结构嵌套过深，无法处理", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (fzcheck … | head); nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the last resort: one line, never a traceback (FZCHECK_DEBUG=1 shows it)
        if os.environ.get("FZCHECK_DEBUG"):
            raise
        problem = terminal_safe(f"{type(exc).__name__}: {exc}")
        click.echo(f"fzcheck：内部错误（{problem}），请用 FZCHECK_DEBUG=1 重试并报告此问题", err=True)
        return EXIT_ERROR
    return code if isinstance(code, int) else EXIT_OK


def run() -> None:
    exit_now(main())


def run_web() -> None:
    """`fzcheck-web`: `fzcheck serve` (its options too) under a name a shortcut or a double-click starts."""
    sys.exit(main(["serve", *sys.argv[1:]]))


def exit_now(code: int) -> None:
    """Exit once the exit handlers have run and the output is flushed, without Python's own
    shutdown: freeing every module and object took about 12 ms of a 0.1 s cold check.

    Only when no other thread is alive, whose work an immediate exit would cut short."""
    import atexit
    import contextlib
    import threading

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if threading.active_count() > 1 or run_handlers is None:
        sys.exit(code)
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        # The reader went away (fzcheck … | head), or the stream is closed: nothing more to say.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
