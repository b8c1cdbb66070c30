"""Checks in worker processes, awaited from the event loop so that pages stay responsive.

A bounded ProcessPoolExecutor (--jobs workers) runs the functions of work.py. Files wait in a
bounded queue: `reserve` refuses a batch that would make more than QUEUE_LIMIT files wait, and the
upload is answered 503. A semaphore of --jobs slots decides when a file is running, so the batch
page can tell 排队中 from 检查中. A worker that dies (out of memory, killed) breaks the pool:
the pool is replaced and the file tried once more alone, then reported as lost.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import sqlite3
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from checker.load import size_limit
from checker.web import work
from checker.web.store import Store

log = logging.getLogger("fzcheck.web")

QUEUE_LIMIT = 200  # files waiting or running at once
INTERNAL_ERROR = "检查此文件时发生内部错误，请稍后重试；如仍出错，请联系管理员"
WORKER_LOST = "检查此文件的进程意外终止（可能因内存不足被系统结束），此文件未能检查"


class Jobs:
    """The worker pool and the files waiting for it."""

    def __init__(self, store: Store, workers: int, max_size_mb: int, queue_limit: int = QUEUE_LIMIT) -> None:
        self.store = store
        self.workers = workers
        self.max_bytes = size_limit(max_size_mb)
        self.queue_limit = queue_limit
        self.pending = 0  # files reserved: queued or running
        self.pool: ProcessPoolExecutor | None = None
        self.slots: asyncio.Semaphore | None = None
        self.tasks: set[asyncio.Task[Any]] = set()
        self.comparing: set[tuple[str, str]] = set()

    # --- pool -------------------------------------------------------------------------------

    def new_pool(self) -> ProcessPoolExecutor:
        # spawn: a fork of a process running threads (the event loop's helpers) may inherit a held lock.
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=work.worker_init,
        )

    def start(self) -> None:
        if self.pool is None:
            self.pool = self.new_pool()
        if self.slots is None:
            self.slots = asyncio.Semaphore(self.workers)

    async def shutdown(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.pool is not None:
            pool, self.pool = self.pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

    async def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """function(*args) in a worker process; once more in a fresh pool when a worker died."""
        self.start()
        for attempt in range(2):
            pool = self.pool
            assert pool is not None
            try:
                return await asyncio.get_running_loop().run_in_executor(pool, function, *args)
            except BrokenProcessPool:
                if self.pool is pool:  # the first to notice replaces it
                    self.pool = self.new_pool()
                    pool.shutdown(wait=False, cancel_futures=True)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def spawn(self, coroutine: Any) -> None:
        """Run a coroutine in the background, keeping a reference until it ends."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # --- checks -----------------------------------------------------------------------------

    def reserve(self, count: int) -> bool:
        """Room for `count` more files in the queue (taken when True)."""
        if self.pending + count > self.queue_limit:
            return False
        self.pending += count
        return True

    def release(self, count: int) -> None:
        self.pending = max(0, self.pending - count)

    def submit(self, sid: str) -> None:
        """Check a stored submission in the background (its queue place is already reserved)."""
        self.start()
        self.spawn(self.run_submission(sid))

    def job_of(self, row: sqlite3.Row) -> work.CheckJob:
        uploads = self.store.uploads
        previous = row["previous_stored"]
        return work.CheckJob(
            path=str(uploads / row["stored_name"]),
            name=row["file_name"],
            year=row["year_option"],
            report_type=row["type_option"] or None,
            previous_path=str(uploads / previous) if previous else None,
            previous_name=row["previous_name"],
            max_bytes=self.max_bytes,
        )

    async def run_submission(self, sid: str) -> None:
        try:
            assert self.slots is not None
            async with self.slots:
                row = self.store.submission(sid)
                if row is None:
                    return
                self.store.set_running(sid)
                try:
                    outcome = await self.call(work.check_report, self.job_of(row))
                except BrokenProcessPool:
                    self.store.set_error(sid, WORKER_LOST)
                    return
            if "error" in outcome:
                self.store.set_error(sid, outcome["error"])
                return
            unit = self.store.set_result(sid, outcome)
            self.compare_latest(unit)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("check of submission %s failed", sid)
            self.store.set_error(sid, INTERNAL_ERROR)
        finally:
            self.release(1)

    def resume_unfinished(self) -> int:
        """Queue again what a stopped server left unchecked; the number queued."""
        ids = self.store.unfinished()
        self.pending += len(ids)  # these may exceed the limit: they were accepted before
        for sid in ids:
            self.submit(sid)
        return len(ids)

    # --- other work -------------------------------------------------------------------------

    async def annotated(self, row: sqlite3.Row) -> Path:
        """The annotated copy of a submission, written once and kept in the data folder."""
        out = self.store.annotated / f"{row['id']}.docx"
        if not out.exists():
            await self.call(work.annotate_report, self.job_of(row), str(out))
        return out

    async def result_of(self, row: sqlite3.Row) -> Any:
        """The stored Result; checked again (and stored) when its pickle no longer loads."""
        try:
            return await asyncio.to_thread(work.unpack_result, row["result"])
        except Exception:
            log.warning("stored result of %s unreadable; checking the file again", row["id"])
        blob = await self.call(work.recheck, self.job_of(row))
        self.store.replace_result(row["id"], blob)
        return await asyncio.to_thread(work.unpack_result, blob)

    def compare_latest(self, unit_id: int) -> None:
        """Compare a unit's latest report with its report of the year before, in the background, once."""
        from checker.web.season import year_before_pairs

        for current, previous in year_before_pairs(self.store, {unit_id}):
            self.compare(current, previous)

    def compare(self, current: sqlite3.Row, previous: sqlite3.Row) -> None:
        key = (current["id"], previous["id"])
        if key in self.comparing or self.store.comparison(*key) is not None:
            return
        self.comparing.add(key)
        self.spawn(self.run_comparison(key, previous["stored_name"], current["stored_name"]))

    async def run_comparison(self, key: tuple[str, str], previous_name: str, current_name: str) -> None:
        try:
            uploads = self.store.uploads
            paths = str(uploads / previous_name), str(uploads / current_name)
            outcome = await self.call(work.compare_reports, *paths, self.max_bytes)
            self.store.set_comparison(*key, outcome["share"], outcome["parts"])
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("comparison %s failed", key)
            self.store.set_comparison(*key, None, [])  # shown as 无法对比, not tried on every page view
        finally:
            self.comparing.discard(key)
