"""The worker pool: a worker that dies costs only its own call, and the pool is replaced."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from checker.web.jobs import Jobs
from checker.web.store import Store


def die() -> None:
    os._exit(3)  # as the out-of-memory killer would end a worker


def add(a: int, b: int) -> int:
    return a + b


def test_a_dying_worker_breaks_only_its_call(tmp_path):
    jobs = Jobs(Store(tmp_path), workers=1, max_size_mb=20)

    async def run() -> None:
        jobs.start()
        first = jobs.pool
        with pytest.raises(BrokenProcessPool):
            await jobs.call(die)  # tried again in a fresh pool, and dies there too
        assert jobs.pool is not first
        assert await jobs.call(add, 2, 3) == 5
        await jobs.shutdown()

    asyncio.run(run())


def test_the_queue_is_bounded(tmp_path):
    jobs = Jobs(Store(tmp_path), workers=1, max_size_mb=20, queue_limit=3)
    assert jobs.reserve(2) and not jobs.reserve(2) and jobs.reserve(1)
    jobs.release(3)
    assert jobs.pending == 0 and jobs.reserve(3)
