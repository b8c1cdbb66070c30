"""Emit stage: every requested format rendered (checker.render.FORMATS) and written to its place.

Every write goes through checker.output.write_output (standard output is its `-`), except the text
report on the screen, which rich writes to sys.stdout itself (color and terminal width).
"""

from __future__ import annotations

import sys

from checker.model import Result
from checker.output import STDOUT, write_output
from checker.render import FORMATS, GAPS


def emit_all(
    results: list,
    errors: list,
    destinations: list[tuple[str, str | None]],
    color: str,
    inputs: dict[str, str],
    view: str = GAPS,
) -> None:
    """Every requested format to its destination (None: the screen); files are written atomically,
    never over an input. `view` is how much of each report the formats read by a person show.

    Every file is rendered before any is written, so a renderer that fails leaves no file behind.
    A format that streams (JSON: a batch's is never held whole) goes into its temporary file first
    and is renamed only once complete, before any other file is written.
    """
    raw_results, raw_errors = results, errors
    results, errors = shown_names(results, errors)

    def shown(fmt: str) -> tuple[list, list]:
        # SARIF percent-encodes a name's undecodable bytes in its URIs: the real name, not the shown one.
        return (raw_results, raw_errors) if FORMATS[fmt].raw_names else (results, errors)

    rendered = {
        target: render_bytes(fmt, *shown(fmt), view)
        for fmt, target in destinations
        if target is not None and not FORMATS[fmt].streams
    }
    for fmt, target in destinations:
        if target is None:
            write_screen(fmt, *shown(fmt), color, view)
    for fmt, target in destinations:
        if target is not None and FORMATS[fmt].streams:
            write_output(target, FORMATS[fmt].chunks(*shown(fmt)), inputs)
    for target, data in rendered.items():
        write_output(target, [data], inputs)


def write_screen(fmt: str, results: list, errors: list, color: str, view: str = GAPS) -> None:
    """A format on standard output: the text report through its console (color, width), the others
    as their file would hold them."""
    spec = FORMATS[fmt]
    if spec.console:
        spec.function("render_text")(results, errors, sys.stdout, color, view)
        return
    write_output(STDOUT, spec.chunks(results, errors, view))


def render_bytes(fmt: str, results: list, errors: list, view: str = GAPS) -> bytes:
    """A format's whole output, as a file holds it."""
    return FORMATS[fmt].render(results, errors, view)


def shown_names(results: list, errors: list) -> tuple[list, list]:
    """Results and errors whose file names show undecodable bytes as \\xNN, for every output format
    (a name from a Windows archive is not UTF-8; JSON, XML and CSV writers cannot encode its bytes)."""
    from dataclasses import replace

    from checker.safetext import shown_name

    def shown(result: Result) -> Result:
        name = shown_name(result.document.path)
        return result if name == result.document.path else replace(result, document=replace(result.document, path=name))

    return [shown(r) for r in results], [(shown_name(path), shown_name(problem)) for path, problem in errors]


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
