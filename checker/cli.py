"""The fzcheck command line. Exit codes: 0 gate passed, 1 gate failed, 2 usage or input error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker import __version__
from checker.config import FAIL_ON, MAX_JOBS, MIN_JOBS
from checker.errors import FzcheckError
from checker.load import DEFAULT_MAX_MB, MAX_SIZE_CEILING_MB
from checker.model import REPORT_TYPES, Result
from checker.render import FORMATS, format_list
from checker.safetext import terminal_safe, use_fallback_on

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="fzcheck", message="%(prog)s %(version)s")
def cli() -> None:
    """fzcheck：按规则包检查法治政府建设年度报告，列出缺失内容和修改建议。"""


MAX_SIZE_OPTION = click.option(
    "--max-size",
    "max_size_mb",
    type=click.IntRange(1, MAX_SIZE_CEILING_MB),
    help=f"单个文件的大小上限（MB），超过的文件不读取（默认 {DEFAULT_MAX_MB}）。",
)
FORMAT_HELP = f"输出格式，可多次指定：{format_list()}。"


@cli.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--pack", "packs", multiple=True, help="规则包：内置名称（如 national）或 YAML 文件路径，可多次指定。")
@click.option("--year", type=click.IntRange(1990, 2100), help="报告年度（所报告工作的年份），默认从报告推断。")
@click.option("--type", "report_type", type=click.Choice(REPORT_TYPES), help="报告主体类型，默认从标题推断。")
@click.option("--format", "formats", type=click.Choice(list(FORMATS)), multiple=True, help=FORMAT_HELP)
@click.option(
    "--output", "-o", "outputs", type=click.Path(dir_okay=False), multiple=True,
    help="把结果写入文件（默认输出到屏幕）；多个 --format 时按顺序对应。",
)  # fmt: skip
@click.option("--output-dir", type=click.Path(file_okay=False), help="把每种格式写入此目录（fzcheck.<扩展名>）。")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="哪一级的项目未达标时判为不通过（默认 error）。")
@click.option("--fail-under", type=click.FloatRange(0, 100), help="得分低于此值时判为不通过。")
@click.option("--jobs", "-j", type=click.IntRange(MIN_JOBS, MAX_JOBS), help="并行检查的进程数（默认：CPU 核数）。")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="配置文件（默认从当前目录向上查找 fzcheck.toml 或 pyproject.toml）。",
)
@click.option("--no-config", is_flag=True, help="不读取配置文件。")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True)
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
@click.option("--verbose", "-v", is_flag=True, help="列出检查文件夹时跳过的文件及原因（锁定、隐藏、说明文件）。")
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
    config_path: str | None,
    no_config: bool,
    color: str,
    annotate: str | None,
    previous: str | None,
    max_size_mb: int | None,
    verbose: bool,
) -> int:
    """检查一份或多份报告（文件、文件夹或通配符）。"""
    from checker.batch import BatchInterrupted, Job, check_files, default_jobs
    from checker.load import set_max_size_mb
    from checker.packs import load_packs
    from checker.score import Gate

    config = read_config(config_path, no_config)
    max_size_mb = max_size_mb or config.max_size_mb
    if max_size_mb:
        set_max_size_mb(max_size_mb)
    packs = packs or config.packs
    formats = formats or config.formats or ("text",)
    for fmt in formats:  # --format is checked by click; a config file's formats are checked here
        if fmt not in FORMATS:
            raise FzcheckError(f"不支持的输出格式：{fmt}")
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
    gate = Gate(
        fail_on=fail_on or config.fail_on or "error",
        fail_under=fail_under if fail_under is not None else config.fail_under,
        ignore=config.ignore,
        waivers=config.waivers,
    )
    keep_text = bool(annotate) or any(FORMATS[fmt].needs_text for fmt, _ in destinations)
    job_list = [
        Job(
            f,
            tuple(packs),
            gate,
            year or config.year,
            report_type or config.report_type,
            previous,
            keep_text=keep_text,
            max_size_mb=max_size_mb,
        )
        for f in files
    ]
    try:
        results, read_errors, _ = check_files(job_list, jobs or config.jobs or default_jobs())
    except BatchInterrupted as exc:
        click.echo(f"fzcheck：已中断；已检查 {len(exc.done)} 个文件，未写出任何结果文件", err=True)
        for path in exc.done:
            click.echo(terminal_safe(f"  已检查：{path}"), err=True)
        return 130
    errors.extend(read_errors)
    for path, problem in errors:
        click.echo(terminal_safe(f"fzcheck：{path}：{problem}"), err=True)
    from checker.emit import emit_all

    emit_all(results, errors, destinations, color, inputs)
    if annotate and results:
        annotate_copy(results[0], annotate)
    if errors:
        return EXIT_ERROR
    return EXIT_OK if all(r.passed for r in results) else EXIT_FAILED


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


def input_files(files: list[str], previous: str | None, packs: list, config_path: str) -> dict[str, str]:
    """Every file fzcheck reads, by what it is (an output may be none of them)."""
    from checker.output import REPORT

    inputs = dict.fromkeys(files, REPORT)
    if previous:
        inputs[previous] = f"上年报告 {previous}（--previous）"
    if packs:
        from checker.packs import source_files

        for pack in packs:
            inputs.update({source: f"规则包文件 {source}（--pack {pack.id}）" for source in source_files(pack)})
    if config_path:
        inputs[config_path] = f"配置文件 {config_path}"
    return inputs


def refuse_outputs_over_inputs(
    destinations: list[tuple[str, str | None]], annotate: str | None, inputs: dict[str, str]
) -> None:
    """Refuse, before any work, an output that names an input (checked again when written)."""
    from checker.output import refuse_inputs

    for target in [target for _, target in destinations if target] + ([annotate] if annotate else []):
        refuse_inputs(target, inputs)


def output_destinations(
    formats: tuple[str, ...], outputs: tuple[str, ...], output_dir: str | None
) -> list[tuple[str, str | None]]:
    """(format, file or None for the screen) for each format; `-o -` is the screen too."""
    formats = tuple(dict.fromkeys(formats))
    if outputs and len(outputs) != len(formats):
        raise click.UsageError(f"--output 的个数（{len(outputs)}）应与 --format 的个数（{len(formats)}）相同")
    if outputs:
        refuse_shared_outputs(list(zip(formats, outputs, strict=True)))
        return [(fmt, None if target == "-" else target) for fmt, target in zip(formats, outputs, strict=True)]
    if output_dir:
        return [(fmt, str(Path(output_dir) / f"fzcheck.{FORMATS[fmt].extension}")) for fmt in formats]
    if len(formats) > 1:
        raise click.UsageError("指定多个 --format 时，请同时用 --output 或 --output-dir 指定输出位置")
    if FORMATS[formats[0]].binary:
        raise click.UsageError(f"{formats[0]} 格式需要用 --output 或 --output-dir 指定文件")
    return [(formats[0], None)]


def refuse_shared_outputs(pairs: list[tuple[str, str]]) -> None:
    """Two formats written to one file would leave only the last: refused."""
    from checker.output import same_file

    for index, (fmt, target) in enumerate(pairs):
        for other_fmt, other in pairs[:index]:
            if target == other or (target != "-" and other != "-" and same_file(target, other)):
                raise FzcheckError(f"{target}：两种输出格式（{other_fmt}、{fmt}）不能写入同一个文件")


def check_annotate_option(paths: tuple[str, ...], annotate: str, outputs: list[str]) -> None:
    """Refuse --annotate before any work when it cannot be done (it is one commented copy of one file)."""
    from checker.output import same_file
    from checker.render.annotate import refuse_input, require_docx

    if len(paths) != 1 or Path(paths[0]).is_dir():
        raise click.UsageError("--annotate 只能在检查单个文件时使用")
    if not annotate.lower().endswith(".docx"):
        raise click.UsageError("--annotate 的文件名应以 .docx 结尾")
    if any(same_file(annotate, output) for output in outputs):
        raise click.UsageError("--annotate 和 --output 不能是同一个文件")
    refuse_input(annotate, paths[0])
    require_docx()


def annotate_copy(result: Result, annotate: str) -> None:
    from checker.render.annotate import write_annotated

    count = write_annotated(result, result.document.path, annotate)
    click.echo(terminal_safe(f"fzcheck：批注版已写入 {annotate}（{count} 条批注）"), err=True)


@cli.command("diff")
@click.argument("previous_path", metavar="上年报告")
@click.argument("current_path", metavar="本年报告")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--similarity", type=click.FloatRange(1, 100), default=80, show_default=True, help="句子相似度阈值。")
@MAX_SIZE_OPTION
def diff_command(previous_path: str, current_path: str, fmt: str, similarity: float, max_size_mb: int | None) -> int:
    """对比同一单位两年的报告：“存在的不足”“下一年度安排”中照搬上年的句子，以及未变化的数字。"""
    from checker.diff import compare_files
    from checker.render.diff import render_json, render_text

    if max_size_mb:
        from checker.load import set_max_size_mb

        set_max_size_mb(max_size_mb)
    comparison = compare_files(previous_path, current_path, similarity)  # InputError: one line, exit 2
    # The text quotes both reports: shown with their control characters made visible.
    sys.stdout.write(
        render_json(comparison) if fmt == "json" else terminal_safe(render_text(comparison), newlines=True)
    )
    sys.stdout.flush()
    return EXIT_OK


@cli.group("rules")
def rules_group() -> None:
    """查看规则包中的规则。"""


@rules_group.command("list")
@click.option("--pack", "packs", multiple=True, help="规则包：内置名称或 YAML 文件路径（默认：全部内置规则包）。")
@click.option(
    "--year",
    type=click.IntRange(1949, 2200),
    default=None,
    help="只列出这一报告年度适用的规则包和规则（不指定 --pack 时为该年度默认使用的规则包）。",
)
@click.option(
    "--type",
    "report_type",
    type=click.Choice(REPORT_TYPES),
    default=None,
    help="与 --year 一起用：报告主体类型（默认 government）。",
)
def rules_list(packs: tuple[str, ...], year: int | None, report_type: str | None) -> int:
    """列出规则：编号、级别、权重、标题、适用年度；--year 时只列该年度适用的。"""
    from checker.packs import builtin_names, default_packs, load_packs, years_label
    from checker.render import TYPE_NAME

    if year is None:
        chosen = load_packs(list(packs) or builtin_names())
    else:
        kind = report_type or "government"
        chosen = list(load_packs(list(packs)) if packs else default_packs(kind))
        click.echo(f"{year} 年度的{TYPE_NAME[kind]}报告适用的规则包和规则：")
        click.echo()
    for pack in chosen:
        rules = [r for r in pack.rules if year is None or rule_applies(r, year, report_type or "government")]
        if year is not None and not rules:
            continue
        extends = f"（继承 {'、'.join(pack.extends)}）" if pack.extends else ""
        click.echo(terminal_safe(f"# {pack.id} {pack.version}  {pack.title}{extends}"))
        if pack.note:
            click.echo(terminal_safe(f"  说明：{pack.note}"))
        for rule in rules:
            click.echo(
                terminal_safe(
                    f"{rule.id:<34} {rule.severity:<8} {rule.weight:>4g}  {years_label(rule.years):<10} {rule.title}"
                )
            )
        click.echo()
    if year is not None:
        click.echo(area_packs_line(chosen, year, report_type or "government"))
    return EXIT_OK


def rule_applies(rule, year: int, report_type: str) -> bool:
    """Whether a rule runs on a report of this year and type."""
    from checker.evaluate import in_years

    return report_type in rule.applies_to and in_years(rule, year)


def area_packs_line(packs, year: int, report_type: str) -> str:
    """Which packs check the outline's task areas for this year, said out loud (never silently none)."""
    from checker.packs import AREA_PACKS

    names = [p.id for p in packs if p.id in AREA_PACKS and any(rule_applies(r, year, report_type) for r in p.rules)]
    if names:
        return f"纲要任务领域检查：{'、'.join(names)}"
    if report_type == "township":
        return "纲要任务领域检查：无（乡镇（街道）报告使用简化规则包，不检查纲要任务领域）"
    return f"纲要任务领域检查：无（没有适用于 {year} 年度的纲要任务领域规则包）"


@rules_group.command("show")
@click.argument("rule_id")
@click.option("--pack", "packs", multiple=True, help="在哪些规则包中查找（默认：全部内置规则包）。")
def rules_show(rule_id: str, packs: tuple[str, ...]) -> int:
    """显示一条规则：检查什么、为什么（依据）、怎么写，以及符合和不符合的示例。"""
    from checker.packs import builtin_names, load_packs

    for pack in load_packs(list(packs) or builtin_names()):
        for rule in pack.rules:
            if rule.id == rule_id:
                click.echo(terminal_safe(rule_page(pack.id, rule), newlines=True))
                return EXIT_OK
    raise FzcheckError(f"没有编号为 {rule_id} 的规则（用 fzcheck rules list 查看全部规则）")


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
    ]
    for expect, label in (("pass", "符合的示例"), ("fail", "不符合的示例")):
        examples = [e for e in rule.examples if e.expect == expect]
        if examples:
            lines += ["", f"{label}："]
            lines += ["    " + line for line in examples[0].text.strip().splitlines()]
    if not rule.examples:
        lines += ["", "（此规则没有示例）"]
    return "\n".join(lines)


@rules_group.command("doc")
@click.option("--pack", "packs", multiple=True, help="规则包：内置名称或 YAML 文件路径（默认：全部内置规则包）。")
def rules_doc(packs: tuple[str, ...]) -> int:
    """输出规则包的参考文档（Markdown）：每个规则包的依据、适用范围，每条规则的依据、说明、建议、设置和示例。"""
    from checker.packs import load_packs
    from checker.ruledoc import ordered_builtin_packs, reference_markdown

    chosen = load_packs(list(packs)) if packs else ordered_builtin_packs()
    click.echo(terminal_safe(reference_markdown(chosen, "# 规则参考\n"), newlines=True), nl=False)
    return EXIT_OK


@rules_group.command("lint")
@click.argument("pack_paths", nargs=-1, required=True)
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
@click.argument("pack_paths", nargs=-1, required=True)
def rules_test(pack_paths: tuple[str, ...]) -> int:
    """运行规则包中每条规则的示例（符合/不符合），逐条报告；有示例不符合预期时退出码为 1。"""
    from checker.packs import load_pack, resolve_pack
    from checker.ruletest import run_examples

    failed = 0
    for name in pack_paths:
        pack = load_pack(resolve_pack(name))
        click.echo(terminal_safe(f"# {pack.id}（{name}）"))
        for outcome in run_examples(pack):
            click.echo(terminal_safe(outcome.line(), newlines=True))
            failed += not outcome.ok
    click.echo(f"{'✗' if failed else '✓'} 共有 {failed} 条规则的示例不符合预期" if failed else "✓ 全部示例符合预期")
    return EXIT_FAILED if failed else EXIT_OK


from checker.web.command import serve_command  # noqa: E402  (the web app's command; imports no web framework)

cli.add_command(serve_command)


def usage_message(exc: click.ClickException) -> str:
    """Click's usage errors, told in Chinese."""
    if isinstance(exc, click.NoSuchOption):
        return f"未知选项 {exc.option_name}"
    if isinstance(exc, click.MissingParameter):
        name = exc.param.human_readable_name if exc.param else "参数"
        return f"缺少参数 {name}"
    if isinstance(exc, click.BadParameter):
        name = exc.param.opts[0] if exc.param and exc.param.opts else "参数"
        return f"参数 {name} 的值无效（{exc.message}）"
    if isinstance(exc, click.UsageError):
        return f"用法错误（{exc.message}）"
    return exc.format_message()


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the CLI and turns every error into one Chinese line and exit code 2."""
    for stream in (sys.stdout, sys.stderr):
        use_fallback_on(stream)  # a GBK console gets √ for ✓ rather than a UnicodeEncodeError
    try:
        code = cli.main(args=argv, prog_name="fzcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        click.echo(terminal_safe(f"fzcheck：{usage_message(exc)}（用 fzcheck --help 查看用法）"), err=True)
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
    sys.exit(main())
