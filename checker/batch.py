"""Checking many reports: in parallel processes, results in the order the files were given."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from checker.errors import InputError, PackError
from checker.model import Result
from checker.score import Gate


@dataclass(frozen=True)
class Job:
    """What a worker needs to check one file (pack names, not Pack objects, cross the process boundary)."""

    path: str
    packs: tuple[str, ...]
    gate: Gate
    year: int | None
    report_type: str | None
    previous: str | None = None  # last year's report (check --previous)
    keep_text: bool = True  # False: the result drops the document's text (see lightened)
    max_size_mb: int | None = None  # the file-size limit (check --max-size); None: the default


def check_one(job: Job) -> Result | tuple[str, str]:
    """A Result, or (path, Chinese problem) when the file cannot be read."""
    from checker.pipeline import check_file

    if job.max_size_mb is not None:
        from checker.load import set_max_size_mb

        set_max_size_mb(job.max_size_mb)  # a worker process does not share the parent's setting
    try:
        packs = cached_packs(job.packs) if job.packs else None
        result = check_file(
            job.path, packs, job.gate, year=job.year, report_type=job.report_type, previous_path=job.previous
        )
        return result if job.keep_text else lightened(result)
    except InputError as exc:
        return (exc.path, exc.problem)
    except PackError:
        raise
    except (RecursionError, MemoryError) as exc:
        return (job.path, f"文件结构过于复杂，无法检查（{type(exc).__name__}）")


def lightened(result: Result) -> Result:
    """The result without the document's text, lines and sections.

    Findings carry their evidence (snippet, line, location) already; only the HTML report and the
    annotated copy show the text itself. Dropping it keeps a batch of thousands of reports in
    bounded memory and makes what a worker sends back several times smaller.
    """
    doc = replace(result.document, text="", lines=(), blocks=())
    return replace(result, document=doc, sections=())


_PARALLEL_FROM = 50
_PACKS: dict[tuple[str, ...], list] = {}


def cached_packs(names: tuple[str, ...]) -> list:
    from checker.packs import load_packs

    if names not in _PACKS:
        _PACKS[names] = load_packs(list(names))
    return _PACKS[names]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_jobs(
    jobs: list[Job], workers: int, on_done: Callable[[int], None] | None = None
) -> Iterator[Result | tuple[str, str]]:
    """Outcomes in the order of `jobs`; several processes when there are several files and workers."""
    # Starting worker processes costs more than checking a handful of reports (measured: 40 reports
    # took 0.75 s in one process, 1.1 s in two), so small batches stay in this process.
    if workers <= 1 or len(jobs) < _PARALLEL_FROM:
        for index, job in enumerate(jobs):
            yield check_one(job)
            if on_done:
                on_done(index + 1)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing costs ~18 ms to import

    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=ignore_interrupts) as pool:
        for index, outcome in enumerate(pool.map(check_one, jobs, chunksize=max(1, len(jobs) // (workers * 8)))):
            yield outcome
            if on_done:
                on_done(index + 1)


def ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch and says which files were done."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def check_files(jobs: list[Job], workers: int) -> tuple[list[Result], list[tuple[str, str]], list[str]]:
    """Results and errors, in input order, with a progress bar on a terminal for more than a few files.

    Ctrl-C stops the batch; the third value lists the files that were done (for the message).
    """
    results: list[Result] = []
    errors: list[tuple[str, str]] = []
    done: list[str] = []
    progress = None
    if len(jobs) > 3 and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        # On stderr: stdout may be a pipe or a file carrying the results.
        progress = Progress(transient=True, console=Console(stderr=True))
    task = None
    try:
        if progress:
            progress.start()
            task = progress.add_task("检查中", total=len(jobs))

        def advance(count: int) -> None:
            if progress and task is not None:
                progress.update(task, completed=count)

        for job, outcome in zip(jobs, run_jobs(jobs, workers, advance), strict=False):
            if isinstance(outcome, Result):
                results.append(outcome)
            else:
                errors.append(outcome)
            done.append(job.path)
    except KeyboardInterrupt as exc:
        raise BatchInterrupted(done) from exc
    finally:
        if progress:
            progress.stop()
    return results, errors, done


class BatchInterrupted(Exception):
    def __init__(self, done: list[str]) -> None:
        super().__init__("interrupted")
        self.done = done
