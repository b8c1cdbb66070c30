"""What the web app's worker processes do: check a stored file, write its annotated copy, compare two years.

Runs in a ProcessPoolExecutor's workers (see jobs.py), so everything here is a plain function of
picklable arguments, and imports nothing of the web framework. Each returns plain data; the
Result travels as a zlib-compressed pickle, the form the store keeps it in.
"""

from __future__ import annotations

import pickle
import signal
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.infer import issuer_of
from checker.load import DEFAULT_MAX_BYTES
from checker.model import ERROR, FAIL, NA, PASS, WAIVED, Result

TOO_COMPLEX = "文件结构过于复杂，无法检查"


@dataclass(frozen=True)
class CheckJob:
    """One stored upload to check, with the options the staffer chose."""

    path: str  # the stored file (server-chosen name)
    name: str  # the client's file name: what the Result and every page show
    year: int | None = None
    report_type: str | None = None
    previous_path: str | None = None
    previous_name: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES  # the server's --max-size, for the report and last year's


def worker_init() -> None:
    """Ctrl-C is the server's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def full_result(job: CheckJob) -> Result:
    """The Result of a job, named by the client's file name (the stored path is never shown)."""
    from checker.pipeline import check_file
    from checker.score import Gate

    result = check_file(
        job.path, None, Gate(), job.year, job.report_type, previous_path=job.previous_path, max_bytes=job.max_bytes
    )
    return replace(result, document=replace(result.document, path=job.name))


def check_report(job: CheckJob) -> dict[str, Any]:
    """{"error": Chinese sentence} for a file that cannot be read, else what the store keeps of the check."""
    try:
        result = full_result(job)
    except InputError as exc:
        if job.previous_path and exc.path == job.previous_path:
            return {"error": f"上一年度报告“{job.previous_name}”无法读取：{exc.problem}"}
        return {"error": exc.problem}
    except (RecursionError, MemoryError) as exc:
        return {"error": f"{TOO_COMPLEX}（{type(exc).__name__}）"}
    return {**summary(result), "result": pack_result(result)}


def summary(result: Result) -> dict[str, Any]:
    """The figures the batch and season pages list, without reading the Result again."""
    return {
        "title": result.document.title,
        "issuer": issuer_of(result.document),
        "report_year": result.document.report_year,
        "report_type": result.document.report_type,
        "passed": result.passed,
        "score": result.score,
        "required_met": result.required_met,
        "required_total": result.required_total,
        "missing_parts": list(result.missing_parts),
        "statuses": {f.rule: {"status": f.status, "severity": f.severity, "title": f.title} for f in result.findings},
    }


def unmet_required(statuses: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """(status, title) of the required items that are not met (n/a and waived ones are not gaps)."""
    return [
        (s["status"], s["title"])
        for s in statuses.values()
        if s["severity"] == ERROR and s["status"] not in (PASS, NA, WAIVED)
    ]


def pack_result(result: Result) -> bytes:
    return zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


def unpack_result(blob: bytes) -> Result:
    """The stored Result; raises whatever an old or damaged pickle raises (the caller checks again)."""
    result = pickle.loads(zlib.decompress(blob))
    if not isinstance(result, Result):
        raise TypeError("not a Result")
    return result


def annotate_report(job: CheckJob, out_path: str) -> int:
    """The annotated Word copy (批注版) of a stored file written to out_path; the number of comments."""
    from checker.render.annotate import write_annotated

    result = full_result(job)
    return write_annotated(result, job.path, out_path, max_bytes=job.max_bytes)


def recheck(job: CheckJob) -> bytes:
    """The Result of a stored file checked again, packed (when the stored pickle no longer loads)."""
    return pack_result(full_result(job))


def compare_reports(previous_path: str, current_path: str, max_bytes: int) -> dict[str, Any]:
    """How much of this year's 存在的不足 and 下一年度安排 repeats last year's report (checker.diff)."""
    from checker.diff import compare_documents, read_reports
    from checker.packs import default_packs

    try:
        previous, current = read_reports(previous_path, current_path, max_bytes=max_bytes)
    except InputError as exc:
        return {"share": None, "parts": [], "error": exc.problem}
    base = default_packs(current.report_type)[0]  # the parts as `fzcheck diff` names them
    comparison = compare_documents(previous, current, base.parts, base.parts_threshold)
    compared = [p for p in comparison.parts if p.compared]
    chars = sum(p.chars for p in compared)
    share = round(100.0 * sum(p.repeated_chars for p in compared) / chars, 1) if chars else None
    parts = [{"title": p.title, "share": p.share, "compared": p.compared} for p in comparison.parts]
    return {"share": share, "parts": parts, "figures": len(comparison.figures)}


def gap_marks(statuses: dict[str, dict[str, str]]) -> str:
    """The unmet required items as one line: ✗ 第一责任人… △ 行政复议数据."""
    mark = {FAIL: "✗"}
    return "；".join(f"{mark.get(status, '△')} {title}" for status, title in unmet_required(statuses))


def stored_path(folder: Path, stored_name: str) -> str:
    return str(folder / stored_name)
