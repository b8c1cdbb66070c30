"""`python -m benchmarks web`: the web app under a burst of uploads, on loopback only.

Starts `fzcheck serve --jobs 2 --data <temp>` on 127.0.0.1 with a free port, sends one upload to warm
it up, then five rounds of 20 uploads at once (one round of 4 with --quick), one report each (copies
of examples/ under other place names, 3,700–5,600 characters; half as .txt, half as Word .docx),
each from its own thread: POST /api/upload, then GET /api/batch/<id> every 100 ms until it is done.
Meanwhile one thread times GET /healthz and GET / in turn, every 50 ms, and another samples the
resident memory of the server and its workers every 20 ms. Every loop is bounded in count and time;
nothing leaves the machine.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks.run import Row, tree_rss_kb

UPLOADS = 20  # at once, in each round
FULL_ROUNDS, QUICK_ROUNDS = 5, 1
QUICK_UPLOADS = 4
POLL_S = 0.1  # each client asks for its batch this often (the batch page itself waits 1.5 s)
DEADLINE_S = 300  # the whole burst; a server that takes longer has failed the benchmark anyway


@dataclass(frozen=True)
class Outcome:
    seconds: float  # upload sent → result done
    state: str  # the file's final state: done | error | lost


def rss_kb(pid: int) -> int:
    """Resident memory of the server and all its descendants: psutil when installed, else /proc."""
    try:
        import psutil
    except ImportError:
        return tree_rss_kb(pid)
    try:
        root = psutil.Process(pid)
        total = root.memory_info().rss
        for child in root.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                continue
        return total // 1024
    except psutil.Error:
        return 0


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time (user + system) used so far by a process, and by all its descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")

    def own(process: int) -> float:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except (OSError, IndexError, ValueError):
            return 0.0

    descendants, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            descendants += sum(own(child) for child in children)
            stack.extend(children)
    return own(pid), descendants


def upload_files(count: int, folder: Path) -> list[tuple[str, bytes]]:
    """`count` distinct reports, every other one as a .docx."""
    from tests.docxkit import report_docx
    from tests.web.drafts import example_variants

    out = []
    for index, (name, text) in enumerate(example_variants(count)):
        if index % 2:
            path = report_docx(folder / Path(name).with_suffix(".docx").name, text)
            out.append((path.name, path.read_bytes()))
        else:
            out.append((name, text.encode("utf-8")))
    return out


def one_upload(server, name: str, content: bytes, deadline: float) -> Outcome:
    from tests.web.server import request, upload

    start = time.perf_counter()
    batch = upload(server, [(name, content)], timeout=60)["batch"]
    while time.monotonic() < deadline:
        state = request(server.at(f"/api/batch/{batch}"), timeout=30).json()
        if state["done"]:
            files = state["files"]
            final = files[0]["state"] if len(files) == 1 else "lost"
            return Outcome(time.perf_counter() - start, final)
        time.sleep(POLL_S)
    return Outcome(time.perf_counter() - start, "lost")


class Sampler(threading.Thread):
    """Calls `probe` every `every` seconds until stopped (and at most `limit` times), keeping its values."""

    def __init__(self, probe, every: float, limit: int) -> None:
        super().__init__(daemon=True)
        self.probe, self.every, self.limit = probe, every, limit
        self.values: list = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set() and len(self.values) < self.limit:
            self.values.append(self.probe())
            self.halt.wait(self.every)

    def stop(self) -> list:
        self.halt.set()
        self.join(timeout=30)
        return self.values


def timed_get(server, paths: list[str]):
    """A probe that GETs the paths in turn; each value is (path, seconds, status)."""
    from tests.web.server import request

    turn = iter(range(10**9))

    def probe() -> tuple[str, float, int]:
        path = paths[next(turn) % len(paths)]
        start = time.perf_counter()
        try:
            status = request(server.at(path), timeout=10).status
        except OSError:
            status = 0
        return path, time.perf_counter() - start, status

    return probe


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def web_load(quick: bool) -> list[Row]:
    from tests.web.server import serve

    count = QUICK_UPLOADS if quick else UPLOADS
    rounds = QUICK_ROUNDS if quick else FULL_ROUNDS
    with tempfile.TemporaryDirectory(prefix="fzcheck-bench-web-") as name:
        tmp = Path(name)
        files = upload_files(count * rounds + 1, tmp)
        with serve(data=tmp / "data", jobs=2) as server:
            deadline = time.monotonic() + DEADLINE_S
            first = one_upload(server, *files[-1], deadline)
            pages = Sampler(timed_get(server, ["/healthz", "/"]), every=0.05, limit=int(DEADLINE_S / 0.05))
            memory = Sampler(lambda: rss_kb(server.process.pid), every=0.02, limit=int(DEADLINE_S / 0.02))
            load = os.getloadavg()[0]
            cpu_before = cpu_seconds(server.process.pid)
            clients_before = time.process_time()  # this process: the uploading and probing threads
            memory.start()
            pages.start()
            outcomes: list[Outcome] = []
            elapsed = 0.0
            with ThreadPoolExecutor(max_workers=count) as pool:
                for round_ in range(rounds):
                    burst = files[round_ * count : (round_ + 1) * count]
                    start = time.perf_counter()
                    outcomes += pool.map(lambda f: one_upload(server, f[0], f[1], deadline), burst)
                    elapsed += time.perf_counter() - start
            cpu_after = cpu_seconds(server.process.pid)
            clients = time.process_time() - clients_before
            probes = pages.stop()
            peak = max(memory.stop())
            alive = server.process.poll() is None
    done = [o for o in outcomes if o.state == "done"]
    latencies = [o.seconds for o in outcomes]
    health = [s for path, s, status in probes if path == "/healthz" and status == 200]
    index = [s for path, s, status in probes if path == "/" and status == 200]
    failed_probes = sum(1 for _, _, status in probes if status != 200)
    slowest = max(health + index) if health or index else float("inf")
    label = f"(w) {count} concurrent uploads, {rounds} round{'s' if rounds > 1 else ''}"
    return [
        # Other work on the machine slows the server and the clients alike: the figures depend on it.
        Row("(w) load average (1 min) when the burst started", f"{load:.2f}"),
        Row(f"(w) first upload after start (warm-up), {first.state}", f"{first.seconds:.2f} s"),
        Row(
            f"{label}: results done / error / lost",
            f"{len(done)} / {sum(o.state == 'error' for o in outcomes)} / {sum(o.state == 'lost' for o in outcomes)}",
            f"{len(outcomes)} / 0 / 0",
            len(done) == len(outcomes) and alive,
        ),
        Row(f"{label}: wall, first sent → last result, summed over rounds", f"{elapsed:.2f} s"),
        Row(f"{label}: throughput", f"{len(outcomes) / elapsed:.1f} reports/s"),
        Row(f"{label}: upload → result latency, median", f"{statistics.median(latencies):.2f} s"),
        Row(f"{label}: upload → result latency, p95", f"{percentile(latencies, 0.95):.2f} s"),
        Row(f"{label}: upload → result latency, max", f"{max(latencies):.2f} s"),
        Row(
            f"(w) GET /healthz during the burst, median / max ({len(health)} samples)",
            f"{1000 * statistics.median(health):.0f} / {1000 * max(health):.0f} ms" if health else "none",
        ),
        Row(
            f"(w) GET / during the burst, median / max ({len(index)} samples)",
            f"{1000 * statistics.median(index):.0f} / {1000 * max(index):.0f} ms" if index else "none",
        ),
        Row(
            "(w) slowest /healthz or / during the burst; failed probes",
            f"{1000 * slowest:.0f} ms; {failed_probes}",
            "< 1000 ms; 0",
            slowest < 1.0 and failed_probes == 0,
        ),
        Row(
            "(w) CPU per report during the bursts: server process (HTTP, SQLite) / workers (checks) / load clients",
            f"{1000 * (cpu_after[0] - cpu_before[0]) / len(outcomes):.0f} / "
            f"{1000 * (cpu_after[1] - cpu_before[1]) / len(outcomes):.0f} / {1000 * clients / len(outcomes):.0f} ms",
        ),
        Row("(w) peak RSS, server and workers summed", f"{peak / 1024:.0f} MB"),
    ]
