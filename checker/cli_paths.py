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
