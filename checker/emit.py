"""Emit stage: every requested format assembled from the reports' pieces (checker.render.pieces,
rendered where each report was checked) and written to its place.

Every write goes through checker.output.write_output (standard output is its `-`), except the text
report on the screen, which its console writes to sys.stdout itself (color and terminal width).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from checker.model import Result
from checker.output import STDOUT, write_output
from checker.render import FORMATS
from checker.safetext import shown_name

if TYPE_CHECKING:
    from checker.batch import Checked


def emit_all(checked: Checked, destinations: list[tuple[str, str | None]], color: str, inputs: dict[str, str]) -> None:
    """Every requested format to its destination (None: the screen), assembled from the reports'
    pieces (checker.render.pieces); files are written atomically, never over an input.

    Every file is assembled before any is written, so a renderer that fails leaves no file behind.
    A format that streams (JSON: a batch's is never held whole) goes into its temporary file first
    and is renamed only once complete, before any other file is written.
    """
    from checker.render.pieces import assemble

    raw_errors = checked.errors
    errors = [(shown_name(path), shown_name(problem)) for path, problem in raw_errors]
    mark = checked.mark

    def chunks(fmt: str) -> Iterator[bytes]:
        # SARIF percent-encodes a name's undecodable bytes in its URIs: the real name, not the shown one.
        shown = raw_errors if FORMATS[fmt].raw_names else errors
        return assemble(fmt, checked.spools[fmt], checked.summaries, shown, mark, checked.view)

    rendered = {
        target: b"".join(chunks(fmt)) for fmt, target in destinations if target is not None and not FORMATS[fmt].streams
    }
    for fmt, target in destinations:
        if target is None:
            write_screen(fmt, checked, errors, color, chunks)
    for fmt, target in destinations:
        if target is not None and FORMATS[fmt].streams:
            write_output(target, chunks(fmt), inputs)
    for target, data in rendered.items():
        write_output(target, [data], inputs)


def write_screen(
    fmt: str, checked: Checked, errors: list, color: str, chunks: Callable[[str], Iterator[bytes]]
) -> None:
    """A format on standard output: the text report through its console (color, width), the others
    as their file would hold them."""
    if FORMATS[fmt].console:
        from checker.render.pieces import write_text
        from checker.render.text import make_console

        console = make_console(sys.stdout, color)
        write_text(sys.stdout, console, checked.spools[fmt](), checked.summaries, errors, checked.view)
        sys.stdout.flush()
        return
    write_output(STDOUT, chunks(fmt))


def new_mark() -> str:
    """A mark no report's text holds: what pieces write where only the assembly knows the value."""
    import os

    return f"fzmark{os.urandom(8).hex()}"


def shown_result(result: Result) -> Result:
    """The result with its file name's undecodable bytes shown as \\xNN (see shown_names)."""
    from dataclasses import replace

    name = shown_name(result.document.path)
    return result if name == result.document.path else replace(result, document=replace(result.document, path=name))


def shown_names(results: list, errors: list) -> tuple[list, list]:
    """Results and errors whose file names show undecodable bytes as \\xNN, for every output format
    (a name from a Windows archive is not UTF-8; JSON, XML and CSV writers cannot encode its bytes)."""
    return [shown_result(r) for r in results], [(shown_name(path), shown_name(problem)) for path, problem in errors]


def files_summary(destinations: list[tuple[str, str | None]], results: list, errors: list) -> str:
    """One line for stderr when every output went to a file, so that a CI log shows what happened: the files
    written, the reports checked and their verdicts; "" when something was written to the screen."""
    if not destinations or any(target is None for _, target in destinations):
        return ""
    passed = sum(result.passed for result in results)
    verdicts = f"{passed} 份通过，{len(results) - passed} 份未通过"
    unread = f"，{len(errors)} 份无法读取" if errors else ""
    files = "、".join(dict.fromkeys(target for _, target in destinations if target))
    return f"fzcheck：已写入 {files}；检查 {len(results) + len(errors)} 份报告：{verdicts}{unread}"
