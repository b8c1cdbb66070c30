"""Checking many reports: in parallel processes, results in the order the files were given.

Each report's outputs are rendered where it was checked: a worker sends back its report's piece
of every requested format (checker.render.pieces) and a Summary of a few hundred bytes, never the
findings themselves. The parent keeps the pieces on disk (`Spool`) in input order and assembles
each output once the batch is done, so its memory does not grow with the batch.

Two things can stop a batch from outside, and neither may cost more than it must:

- Ctrl-C. While a batch runs, SIGINT only sets a flag (`StopFlag`), which the batch reads
  between results; a second Ctrl-C ends the process at once. A KeyboardInterrupt raised at an
  arbitrary point would land inside concurrent.futures and multiprocessing (starting the pool,
  the result iterator, a weakref callback that swallows it), leaving a batch that runs on to the
  end, fails with an internal error, or hangs at exit waiting for workers nobody stopped.
- A worker killed mid-batch (the OOM killer, kill -9) breaks its pool. The files that were not
  finished run again in a fresh pool; the ones that were being checked when it broke run again
  alone, each in its own process, so a file that kills its worker every time is named and costs
  only itself.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from checker.config import ALL_CORES, MAX_JOBS
from checker.errors import InputError, PackError
from checker.load import DEFAULT_MAX_BYTES
from checker.model import Result
from checker.render import GAPS
from checker.score import Gate
from checker.summary import Shared, Summary

WORKER_LOST = "检查此文件的进程意外终止（可能因内存不足被系统结束），此文件未能检查"
WORKERS_KEEP_DYING = "检查进程反复意外终止，此文件未检查"


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
    max_bytes: int = DEFAULT_MAX_BYTES  # the file-size limit (check --max-size)
    rendering: Rendering | None = None  # render these outputs' pieces where the file is checked


@dataclass(frozen=True)
class Rendering:
    """The outputs a worker renders its report's pieces of."""

    formats: tuple[str, ...]
    mark: str  # unique to the batch: what a piece writes where only the assembly knows the value
    console: tuple[tuple[str, Any], ...] | None = None  # the screen's rich console, for text on a terminal
    keep_result: bool = False  # send the Result back as well (--annotate needs it)
    view: str = GAPS  # how much of each report text, Markdown and HTML show (checker.render.VIEWS)
    batch: bool = False  # more than one file: text and Markdown show each report briefly


@dataclass(frozen=True)
class Reported:
    """A checked report as a worker sends it back: its Summary and its piece of each output."""

    summary: Summary
    pieces: tuple[Any, ...]
    result: Result | None = None


Outcome = Result | Reported | tuple[str, str]


def check_one(job: Job) -> Outcome:
    """A Result, or (path, Chinese problem) when the file cannot be read."""
    from checker.packs import load_packs  # its cache rebuilds a pack whose files changed
    from checker.pipeline import check_file

    try:
        packs = load_packs(list(job.packs)) if job.packs else None
        result = check_file(
            job.path,
            packs,
            job.gate,
            year=job.year,
            report_type=job.report_type,
            previous_path=job.previous,
            max_bytes=job.max_bytes,
        )
        return result if job.keep_text else lightened(result)
    except InputError as exc:
        return (exc.path, exc.problem)
    except PackError:
        raise
    except (RecursionError, MemoryError) as exc:
        return (job.path, f"文件结构过于复杂，无法检查（{type(exc).__name__}）")


def report_one(job: Job) -> Reported | tuple[str, str]:
    """The file checked and its pieces rendered (job.rendering), or (path, Chinese problem)."""
    outcome = check_one(job)
    if job.rendering is None or not isinstance(outcome, Result):
        return outcome  # type: ignore[return-value]
    from checker.emit import shown_result
    from checker.render import FORMATS
    from checker.render.pieces import piece

    rendering = job.rendering
    shown = shown_result(outcome)
    console = dict(rendering.console) if rendering.console is not None else None
    pieces = tuple(
        piece(fmt, outcome if FORMATS[fmt].raw_names else shown, rendering, console) for fmt in rendering.formats
    )
    return Reported(Summary.of(shown, outcome.document.path), pieces, outcome if rendering.keep_result else None)


def lightened(result: Result) -> Result:
    """The result without the document's text, sections and all but its opening lines.

    Findings carry their evidence (snippet, line, location) already; only the HTML report and the
    annotated copy show the text itself. Dropping it keeps a batch of thousands of reports in
    bounded memory and makes what a worker sends back several times smaller. The opening lines
    stay: the issuing body shown in the summary table may be named only there.
    """
    from checker.infer import OPENING_LINES

    doc = replace(result.document, text="", lines=result.document.lines[:OPENING_LINES], blocks=())
    return replace(result, document=doc, sections=())


_PARALLEL_FROM = 50
# Files per task sent to a worker: enough to amortize the queueing, few enough that stopping
# (which waits for the tasks already running) takes a fraction of a second.
_MAX_CHUNK = 8
# Chunks per worker given out ahead of the oldest unfinished one.
_CHUNKS_AHEAD = 4
# How often a waiting batch looks at the stop flag (seconds).
_POLL = 0.1


def default_jobs() -> int:
    """One process per CPU core this process may run on (at most MAX_JOBS)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(MAX_JOBS, max(1, count))


def workers_for(jobs: int | None) -> int:
    """The processes a batch uses for --jobs / jobs: as given, or one per core when not given or ALL_CORES."""
    return default_jobs() if jobs is None or jobs == ALL_CORES else jobs


class BatchInterrupted(Exception):
    def __init__(self, done: list[str]) -> None:
        super().__init__("interrupted")
        self.done = done


class StopFlag:
    """Set by Ctrl-C while a batch runs (the first press; a second one ends the process at once)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def request(self, signum: int, frame: object) -> None:
        if self._event.is_set():
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        self._event.set()


class catching_interrupts:
    """SIGINT sets `flag` instead of raising KeyboardInterrupt, inside the block (main thread only).

    An inherited SIG_IGN is left alone: a shell starts background jobs that way so that Ctrl-C
    does not reach them.
    """

    def __init__(self, flag: StopFlag) -> None:
        self.flag = flag
        self.previous: object = None

    def __enter__(self) -> StopFlag:
        if threading.current_thread() is threading.main_thread():
            current = signal.getsignal(signal.SIGINT)
            if current is not signal.SIG_IGN:
                self.previous = current
                signal.signal(signal.SIGINT, self.flag.request)
        return self.flag

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]


class sigint_blocked:
    """SIGINT held back while worker processes and helper threads start.

    They inherit the mask: a worker cannot die of Ctrl-C before its initializer ignores it,
    and the helper threads never take the signal, so it always reaches the main thread.
    """

    def __enter__(self) -> None:
        self.active = hasattr(signal, "pthread_sigmask")
        if self.active:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


# --- worker side ------------------------------------------------------------------------------

WAITING, STARTED, FINISHED = 0, 1, 2
_STATE = None  # the batch's shared per-file state, in a worker process


def worker_init(state) -> None:
    """Workers leave Ctrl-C to the parent, and record which file they are on in `state`."""
    global _STATE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a pending Ctrl-C is dropped: ignored
    _STATE = state


def check_chunk(items: list[tuple[int, Job]]) -> list[tuple[int, Outcome]]:
    """Outcomes of several files, each marked started and then finished in the shared state."""
    out = []
    for index, job in items:
        _STATE[index] = STARTED
        out.append((index, report_one(job)))
        _STATE[index] = FINISHED
    return out


# --- parent side ------------------------------------------------------------------------------


def chunks(indices: list[int], workers: int) -> list[list[int]]:
    size = max(1, min(_MAX_CHUNK, len(indices) // (workers * 8)))
    return [indices[i : i + size] for i in range(0, len(indices), size)]


class ParallelBatch:
    """Outcomes of `jobs` from worker processes, in the order they finish, surviving killed workers."""

    def __init__(self, jobs: list[Job], workers: int, stop: StopFlag) -> None:
        import multiprocessing

        self.jobs = jobs
        self.workers = workers
        self.stop = stop
        self.state = multiprocessing.RawArray("b", len(jobs))
        self.restarts_left = max(3, workers)

    def outcomes(self) -> Iterator[tuple[int, Outcome]]:
        pending = list(range(len(self.jobs)))
        while pending:
            finished: set[int] = set()
            broken = False
            for index, outcome in self.pooled(pending, self.workers):
                if outcome is None:
                    broken = True
                    continue
                finished.add(index)
                yield index, outcome
            pending = [i for i in pending if i not in finished]
            if not broken:
                return
            suspects = [i for i in pending if self.state[i] == STARTED]
            for index in suspects:
                yield index, self.alone(index)
            pending = [i for i in pending if i not in suspects]
            self.restarts_left -= 1
            if self.restarts_left < 0:
                for index in pending:
                    yield index, (self.jobs[index].path, WORKERS_KEEP_DYING)
                return

    def alone(self, index: int) -> Outcome:
        """One file checked in a process of its own: its outcome, or WORKER_LOST when that process dies too."""
        for _, outcome in self.pooled([index], 1):
            if outcome is not None:
                return outcome
        return (self.jobs[index].path, WORKER_LOST)

    def pooled(self, indices: list[int], workers: int) -> Iterator[tuple[int, Outcome | None]]:
        """(index, outcome) as tasks finish; one (-1, None) when a worker died and the pool broke.

        Raises BatchInterrupted (done: nothing, the caller knows) as soon as Ctrl-C was pressed;
        the tasks already running finish first, the others are cancelled.
        """
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        for index in indices:
            self.state[index] = WAITING
        todo = chunks(indices, workers)
        # Chunks in flight, counted from the oldest one not finished: what the parent holds of
        # finished reports waiting for an earlier one (checker.batch.in_order) stays bounded, and
        # so does what waits in its queue when the workers outrun it (a loaded machine).
        window = workers * _CHUNKS_AHEAD
        unfinished: set[int] = set()
        futures: dict[Any, int] = {}
        submitted = 0
        with sigint_blocked():
            pool = ProcessPoolExecutor(
                max_workers=min(workers, len(indices)), initializer=worker_init, initargs=(self.state,)
            )
        try:
            while True:
                oldest = min(unfinished, default=submitted)
                while submitted < len(todo) and submitted < oldest + window:
                    with sigint_blocked():  # a worker started now inherits the mask (see worker_init)
                        future = pool.submit(check_chunk, [(i, self.jobs[i]) for i in todo[submitted]])
                    futures[future] = submitted
                    unfinished.add(submitted)
                    submitted += 1
                if not futures:
                    return
                if self.stop.requested:
                    raise BatchInterrupted([])
                done, _ = wait(futures, timeout=_POLL, return_when=FIRST_COMPLETED)
                for future in done:
                    unfinished.discard(futures.pop(future))
                    try:
                        pairs = future.result()
                    except BrokenProcessPool:
                        yield -1, None
                        return
                    yield from pairs
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def serial_outcomes(jobs: list[Job], stop: StopFlag) -> Iterator[tuple[int, Outcome]]:
    from checker.startup import resume_collector

    for index, job in enumerate(jobs):
        if stop.requested:
            raise BatchInterrupted([])
        outcome = report_one(job)
        resume_collector()  # start-up ends with the first report (checker.startup.pause_collector)
        yield index, outcome


def in_order(outcomes: Iterator[tuple[int, Outcome]]) -> Iterator[Outcome]:
    """Outcomes in input order from outcomes in any order."""
    waiting: dict[int, Outcome] = {}
    following = 0
    for index, outcome in outcomes:
        waiting[index] = outcome
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def run_jobs(jobs: list[Job], workers: int, stop: StopFlag | None = None) -> Iterator[Outcome]:
    """Outcomes in the order of `jobs`; several processes when there are several files and workers."""
    stop = stop or StopFlag()
    # Starting worker processes costs more than checking a handful of reports (measured: 40 reports
    # took 0.75 s in one process, 1.1 s in two), so small batches stay in this process.
    if workers <= 1 or len(jobs) < _PARALLEL_FROM:
        return in_order(serial_outcomes(jobs, stop))
    from checker.startup import resume_collector

    resume_collector()  # before the workers fork: they collect as usual
    return in_order(ParallelBatch(jobs, workers, stop).outcomes())


class Spool:
    """One output's pieces in input order: in memory while small, then in an unnamed temporary file."""

    _IN_MEMORY = 1 << 20  # bytes of pickled pieces held before spilling to disk (per output)

    def __init__(self) -> None:
        self._held: list[bytes] = []
        self._size = 0
        self._file: Any = None
        self.count = 0

    def add(self, piece: Any) -> None:
        import pickle

        data = pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1
        if self._file is None and self._size + len(data) <= self._IN_MEMORY:
            self._held.append(data)
            self._size += len(data)
            return
        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            for held in self._held:
                self._file.write(len(held).to_bytes(8, "little") + held)
            self._held = []
        self._file.seek(0, 2)
        self._file.write(len(data).to_bytes(8, "little") + data)

    def __call__(self) -> Iterator[Any]:
        """The pieces from the first (again on each call)."""
        import pickle

        if self._file is None:
            for data in self._held:
                yield pickle.loads(data)
            return
        self._file.seek(0)
        for _ in range(self.count):
            size = int.from_bytes(self._file.read(8), "little")
            yield pickle.loads(self._file.read(size))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


@dataclass
class Checked:
    """A batch's outcome: each report's Summary and its pieces of each output, in input order."""

    summaries: list[Summary] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    spools: dict[str, Spool] = field(default_factory=dict)  # format -> its pieces
    results: list[Result] = field(default_factory=list)  # only when the jobs keep them (--annotate)
    done: list[str] = field(default_factory=list)  # every file done, in input order
    mark: str = ""  # the batch's mark in the pieces (Rendering.mark)
    view: str = GAPS  # Rendering.view

    def close(self) -> None:
        for spool in self.spools.values():
            spool.close()


def check_files(jobs: list[Job], workers: int, rendering: Rendering | None = None) -> Checked:
    """Every file checked, in input order, with a progress bar on a terminal for more than a few files.

    Ctrl-C stops the batch: BatchInterrupted lists the files that were done, in input order.
    `rendering`: the outputs the jobs render pieces of (their Job.rendering).
    """
    formats = rendering.formats if rendering else ()
    checked = Checked(
        spools={fmt: Spool() for fmt in formats},
        mark=rendering.mark if rendering else "",
        view=rendering.view if rendering else GAPS,
    )
    shared = Shared()
    progress = None
    if len(jobs) > 3 and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        # On stderr: stdout may be a pipe or a file carrying the results.
        progress = Progress(transient=True, console=Console(stderr=True))
    with catching_interrupts(StopFlag()) as stop:
        try:
            if progress:
                progress.start()
            task = progress.add_task("检查中", total=len(jobs)) if progress else None
            for job, outcome in zip(jobs, run_jobs(jobs, workers, stop), strict=False):
                if isinstance(outcome, Reported):
                    checked.summaries.append(shared.summary(outcome.summary))
                    for fmt, piece in zip(formats, outcome.pieces, strict=True):
                        checked.spools[fmt].add(piece)
                    if outcome.result is not None:
                        checked.results.append(outcome.result)
                elif isinstance(outcome, Result):
                    checked.summaries.append(Summary.of(outcome))
                    checked.results.append(outcome)
                else:
                    checked.errors.append(outcome)
                checked.done.append(job.path)
                if progress and task is not None:
                    progress.update(task, completed=len(checked.done))
            if stop.requested:
                raise BatchInterrupted(checked.done)
        except BatchInterrupted as exc:
            checked.close()
            raise BatchInterrupted(checked.done) from exc
        finally:
            if progress:
                progress.stop()
    return checked
