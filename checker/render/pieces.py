"""Every output format as per-report pieces and a document-level assembly, so a batch's workers
render their own reports and the parent only joins the pieces in order.

`piece(fmt, result, ...)` runs where the report was checked; what it returns is small to send
(bytes, or a few strings) and is kept on disk by the batch. `assemble(fmt, pieces, summaries,
errors, ...)` runs once in the parent with the pieces in input order and the reports' Summary
records (checker.summary), and yields the same bytes as the format's render(results, errors):
tests/render/test_pieces.py holds every format to that.

What a piece cannot know is filled in by the assembly: the HTML anchor of each report (its
number among the reports checked) and SARIF's index of each rule (its place in the whole batch)
are written as a mark unique to the batch, then replaced.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from checker.model import Result
from checker.render import GAPS
from checker.summary import Summary

if TYPE_CHECKING:
    from checker.batch import Rendering

Pieces = Callable[[], Iterable[Any]]  # the pieces in input order; called again for a second pass


# --- text -----------------------------------------------------------------------------------------


def text_piece(result: Result, console: dict[str, Any] | None, view: str, batch: bool) -> bytes:
    """One report's block of the text report as `view` shows it in a batch or alone: plain (a file, a
    pipe), or as the terminal's console (`console`: the settings of the parent's rich console) draws it."""
    from checker.render import text

    buffer = io.StringIO()
    if console is None:
        text.print_report(text.make_console(buffer, "never"), result, view, batch)
    else:
        from rich.console import Console

        text.print_report(Console(file=buffer, highlight=False, **console), result, view, batch)
    return buffer.getvalue().encode("utf-8")


def console_settings(console: Any) -> dict[str, Any] | None:
    """What a worker needs to draw as `console` does: None for the plain console."""
    from checker.render.plain import PlainConsole

    if isinstance(console, PlainConsole):
        return None
    return {
        "force_terminal": console.is_terminal,
        "color_system": console.color_system,
        "width": console.width,
        "soft_wrap": console.soft_wrap,
        "legacy_windows": False,
    }


def write_text(
    stream: Any, console: Any, pieces: Iterable[bytes], summaries: list[Summary], errors: list, view: str
) -> None:
    """render_text's output, from the pieces: the reports (a blank line apart unless one line each), then
    the batch table or the unreadable file."""
    from checker.render import QUIET
    from checker.render.text import print_tail

    for index, piece in enumerate(pieces):
        if index and view != QUIET:
            console.print()
        stream.write(piece.decode("utf-8"))
    print_tail(console, summaries, errors, view)


def text_file(pieces: Pieces, summaries: list[Summary], errors: list, view: str) -> Iterator[bytes]:
    from checker.render import text

    buffer = io.StringIO()
    write_text(buffer, text.make_console(buffer, "never"), pieces(), summaries, errors, view)
    yield buffer.getvalue().encode("utf-8")


# --- json -----------------------------------------------------------------------------------------


def json_piece(result: Result) -> bytes:
    from checker.render.json import dumps_bytes, placed_document

    return placed_document(result, dumps_bytes, str.encode)


def json_document(pieces: Pieces, summaries: list[Summary], errors: list) -> Iterator[bytes]:
    """render_json_chunks from the pieces (the documents, each indented to its place)."""
    from checker.render.json import dumps_bytes, head_and_tail

    head, tail = head_and_tail(all(s.passed for s in summaries) and not errors, errors, dumps_bytes)
    yield head
    if not summaries:
        yield b"[]"
    else:
        yield b"["
        for number, piece in enumerate(pieces()):
            yield (b"\n    " if number == 0 else b",\n    ") + piece
        yield b"\n  ]"
    yield tail


# --- junit ----------------------------------------------------------------------------------------

_JUNIT_TOTALS = ("tests", "failures", "errors", "skipped")


def junit_suite_text(suite: Any) -> str:
    """A <testsuite> as it is written inside <testsuites> (ET.indent at depth 1, no tail)."""
    import xml.etree.ElementTree as ET

    ET.indent(suite, level=1)
    suite.tail = None
    return ET.tostring(suite, encoding="unicode")


def junit_piece(result: Result) -> tuple[str, tuple[int, ...]]:
    from checker.render.junit import document_suite

    suite = document_suite(result)
    return junit_suite_text(suite), tuple(int(suite.get(key, "0")) for key in _JUNIT_TOTALS)


def junit_document(pieces: Pieces, summaries: list[Summary], errors: list) -> Iterator[bytes]:
    import xml.etree.ElementTree as ET

    from checker.render.junit import error_suite

    totals = dict.fromkeys(_JUNIT_TOTALS, 0)
    for _, counts in pieces():
        for key, count in zip(_JUNIT_TOTALS, counts, strict=True):
            totals[key] += count
    totals["tests"] += len(errors)
    totals["errors"] += len(errors)
    root = ET.Element("testsuites", {"name": "fzcheck", **{key: str(value) for key, value in totals.items()}})
    opening = ET.tostring(root, encoding="unicode")  # <testsuites ... />
    yield b'<?xml version="1.0" encoding="UTF-8"?>\n'
    if not summaries and not errors:
        yield opening.encode("utf-8") + b"\n"
        return
    yield opening[: -len(" />")].encode("utf-8") + b">"
    for suite_text, _ in pieces():
        yield ("\n  " + suite_text).encode("utf-8")
    for path, message in errors:
        yield ("\n  " + junit_suite_text(error_suite(path, message))).encode("utf-8")
    yield b"\n</testsuites>\n"


# --- sarif ----------------------------------------------------------------------------------------


# A rule index as a piece writes it: "<mark>-<the rule's place among the report's rules>".
_MARKED = re.compile(r'"(fzmark[0-9a-f]+)-(\d+)"')


def sarif_piece(result: Result, mark: str) -> tuple[list[tuple[str, dict[str, Any]]], str]:
    """(each rule met, first-seen order, with its driver entry; the report's results, their rule
    index a mark the assembly replaces)."""
    from checker.render.doclink import docs_base_url
    from checker.render.json import dumps
    from checker.render.sarif import result_json, rule_json

    docs_url = docs_base_url()
    local: dict[str, int] = {}
    rules: list[tuple[str, dict[str, Any]]] = []
    texts = []
    for finding in result.findings:
        if finding.rule not in local:
            local[finding.rule] = len(rules)
            rules.append((finding.rule, rule_json(finding, docs_url)))
        if finding.status != "pass":
            item = result_json(result, finding, f"{mark}-{local[finding.rule]}")  # type: ignore[arg-type]
            texts.append(dumps(item).rstrip("\n").replace("\n", "\n        "))
    return rules, ",\n        ".join(texts)


def sarif_document(pieces: Pieces, errors: list, mark: str) -> Iterator[bytes]:
    from checker.render.json import dumps
    from checker.render.sarif import payload

    rules: dict[str, dict[str, Any]] = {}
    for piece_rules, _ in pieces():
        for rule, entry in piece_rules:
            rules.setdefault(rule, entry)
    index = {rule: number for number, rule in enumerate(rules)}
    placeholder = "\x00results\x00"
    head, _, tail = dumps(payload(list(rules.values()), errors, placeholder)).partition(dumps(placeholder).strip())
    yield head.encode("utf-8")
    written = False
    for piece_rules, text in pieces():
        if not text:
            continue

        def global_index(found: re.Match[str], rules: list = piece_rules) -> str:
            return str(index[rules[int(found.group(2))][0]]) if found.group(1) == mark else found.group(0)

        text = _MARKED.sub(global_index, text)
        yield (",\n        " if written else "[\n        ").encode("utf-8") + text.encode("utf-8")
        written = True
    yield b"\n      ]" if written else b"[]"
    yield tail.encode("utf-8")


# --- markdown, html, github, csv, xlsx --------------------------------------------------------------


def joined(parts: Iterable[str]) -> Iterator[bytes]:
    """The bytes of "\\n".join(parts).rstrip("\\n") + "\\n", part by part."""
    pending = ""
    for number, part in enumerate(parts):
        text = part if number == 0 else "\n" + part
        kept = text.rstrip("\n")
        if kept:
            yield (pending + kept).encode("utf-8")
            pending = text[len(kept) :]
        else:
            pending += text
    yield b"\n"


def markdown_piece(result: Result, view: str, batch: bool) -> bytes | None:
    """The report's part of the Markdown document; None when the view leaves it to the summary table."""
    from checker.render import QUIET
    from checker.render.markdown import document, document_heading

    if view != QUIET:
        return "\n".join(document(result, view)).encode("utf-8")
    return None if batch else "\n".join(document_heading(result)).encode("utf-8")


def markdown_document(pieces: Pieces, summaries: list[Summary], errors: list) -> Iterator[bytes]:
    from checker.render.markdown import cell, code, summary

    def parts() -> Iterator[str]:
        head = ["## fzcheck 法治政府建设年度报告检查", ""]
        if len(summaries) > 1 or errors:
            head += summary(summaries, errors)  # type: ignore[arg-type]
        yield "\n".join(head)
        for piece in pieces():
            if piece is not None:
                yield piece.decode("utf-8")
        if errors:
            tail = ["### 无法检查的文件", ""]
            tail += [f"- {code(path)}：{cell(message)}" for path, message in errors]
            tail.append("")
            yield "\n".join(tail)

    return joined(parts())


def html_piece(result: Result, mark: str, view: str) -> bytes:
    from checker.render.html import document_html

    return "\n".join(document_html(result, mark, view)).encode("utf-8")


def html_document(pieces: Pieces, summaries: list[Summary], errors: list, mark: str, view: str) -> Iterator[bytes]:
    from checker.render.html import page_head

    out = page_head(summaries, errors, view)  # type: ignore[arg-type]
    yield "\n".join(out).encode("utf-8")
    for number, piece in enumerate(pieces(), start=1):
        yield b"\n" + piece.replace(mark.encode("utf-8"), f"d{number}".encode())
    yield b"\n</body>\n</html>\n"


def github_piece(result: Result) -> bytes:
    from checker.render.github import render

    return render([result], [])


def xlsx_piece(result: Result) -> list[tuple[list[object], str]]:
    from checker.render.xlsx import detail_rows

    return detail_rows(result)


# --- the registry's view ------------------------------------------------------------------------


def piece(fmt: str, result: Result, rendering: Rendering, console: dict[str, Any] | None = None) -> Any:
    """The report's piece of format `fmt` (console: the screen's settings, for text on the screen)."""
    mark, view, batch = rendering.mark, rendering.view, rendering.batch
    makers: dict[str, Callable[[], Any]] = {
        "text": lambda: text_piece(result, console, view, batch),
        "json": lambda: json_piece(result),
        "junit": lambda: junit_piece(result),
        "sarif": lambda: sarif_piece(result, mark),
        "github": lambda: github_piece(result),
        "markdown": lambda: markdown_piece(result, view, batch),
        "html": lambda: html_piece(result, mark, view),
        "csv": lambda: None,  # the summary rows are the Summary records
        "xlsx": lambda: xlsx_piece(result),
    }
    return makers[fmt]()


def assemble(
    fmt: str, pieces: Pieces, summaries: list[Summary], errors: list[tuple[str, str]], mark: str, view: str = GAPS
) -> Iterator[bytes]:
    """The whole output of `fmt`, as a file holds it, from the pieces of every report in input order
    (rendered with the same `view`)."""
    if fmt == "text":
        return text_file(pieces, summaries, errors, view)
    if fmt == "json":
        return json_document(pieces, summaries, errors)
    if fmt == "junit":
        return junit_document(pieces, summaries, errors)
    if fmt == "sarif":
        return sarif_document(pieces, errors, mark)
    if fmt == "github":
        from checker.render.github import render

        return iter([*pieces(), render([], errors)])
    if fmt == "markdown":
        return markdown_document(pieces, summaries, errors)
    if fmt == "html":
        return html_document(pieces, summaries, errors, mark, view)
    if fmt == "csv":
        from checker.render.csv import render

        return iter([render(summaries, errors)])  # type: ignore[arg-type]
    if fmt == "xlsx":
        from checker.render.xlsx import workbook

        return iter([workbook(summaries, (row for rows in pieces() for row in rows), errors)])  # type: ignore[arg-type]
    raise ValueError(fmt)
