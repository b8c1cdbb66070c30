"""Where `fzcheck check` writes, and what it refuses before any work: two outputs in one file, an
output over a file it reads, an --annotate it cannot do."""

from __future__ import annotations

from pathlib import Path

import click

from checker.errors import FzcheckError
from checker.render import FORMATS


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
    """(format, file or None for the screen) for each format; `-o -` and `--format json:-` are the screen too.

    A format written name:file goes to that file; the others go to --output (one per format, in order, and
    then no format may name its own file), else to --output-dir, else to the screen, which only one may use.
    """
    specs = list(dict.fromkeys(format_spec(spec) for spec in formats))
    if outputs:
        if any(target is not None for _, target in specs):
            raise click.UsageError("--output 不能与“格式:文件”的写法同时使用，请把文件都写在 --format 中")
        names = tuple(fmt for fmt, _ in specs)
        if len(outputs) != len(names):
            raise click.UsageError(f"--output 的个数（{len(outputs)}）应与 --format 的个数（{len(names)}）相同")
        specs = list(zip(names, outputs, strict=True))
    pairs = [(fmt, place(fmt, target, output_dir)) for fmt, target in specs]
    on_screen = [fmt for fmt, target in pairs if target is None]
    if len(on_screen) > 1:
        raise click.UsageError(
            f"只能有一种格式输出到屏幕（现在有 {'、'.join(on_screen)}）；其余请写成“格式:文件”，"
            "或用 --output、--output-dir 指定文件"
        )
    for fmt in on_screen:
        if FORMATS[fmt].binary:
            raise click.UsageError(f"{fmt} 格式需要写入文件：用 --format {fmt}:文件名、--output 或 --output-dir")
    refuse_shared_outputs([(fmt, target) for fmt, target in pairs if target is not None])
    return pairs


def format_spec(spec: str) -> tuple[str, str | None]:
    """(format, file or None) of `--format NAME[:FILE]`; an unknown name is one line with a did-you-mean."""
    from checker.render import format_and_path
    from checker.suggest import did_you_mean

    name, target = format_and_path(spec)
    if name not in FORMATS:
        hint = did_you_mean(name, FORMATS) or f"（可用：{'、'.join(FORMATS)}）"
        raise FzcheckError(f"不支持的输出格式：{name}{hint}")
    if target is not None and not target.strip():
        raise click.UsageError(f"--format {spec}：冒号后应是文件名（- 表示输出到屏幕）")
    return name, target


def place(fmt: str, target: str | None, output_dir: str | None) -> str | None:
    """Where one format goes: its own file, else a file in --output-dir, else the screen (None)."""
    if target is not None:
        return None if target == "-" else target
    if output_dir:
        return str(Path(output_dir) / f"fzcheck.{FORMATS[fmt].extension}")
    return None


def refuse_shared_outputs(pairs: list[tuple[str, str]]) -> None:
    """Two formats written to one file would leave only the last: refused (the screen is never in `pairs`)."""
    from checker.output import same_file

    for index, (fmt, target) in enumerate(pairs):
        for other_fmt, other in pairs[:index]:
            if target == other or same_file(target, other):
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
