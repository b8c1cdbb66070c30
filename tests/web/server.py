"""Start `fzcheck serve` as a subprocess on a free loopback port, and talk to it over HTTP.

Shared by the browser and load tests, the screenshot script and the web benchmark. Everything is
bounded: the server must print its address within `start_timeout`, every request has a timeout,
and the server's whole process group is ended when the `with` block leaves.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.paths import ROOT

# The line `fzcheck serve` prints once it listens.
READY = re.compile(r"(http://127\.0\.0\.1:\d+/)")


def fzcheck_command() -> list[str]:
    """The console script beside this interpreter, else `python -m checker`."""
    script = Path(sys.executable).with_name("fzcheck")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "checker"]


@dataclass
class Server:
    url: str  # ends with "/"
    process: subprocess.Popen
    log: Path  # the server's stderr
    lines: list[str] = field(default_factory=list)  # its stdout, as read so far

    def at(self, path: str) -> str:
        return self.url + path.lstrip("/")

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _pump(stream, lines: list[str], ready: queue.Queue) -> None:
    # Keeps draining stdout, so a chatty server never blocks on a full pipe.
    for line in stream:
        lines.append(line)
        ready.put(line)
    ready.put(None)


@contextmanager
def serve(
    data: Path | None = None,
    jobs: int | None = None,
    *,
    start_timeout: float = 60,
    env: dict | None = None,
    program: list[str] | None = None,
) -> Iterator[Server]:
    """`fzcheck serve --host 127.0.0.1 --port 0 --no-browser [--data DATA] [--jobs N]`, until the block ends.

    `program` replaces `fzcheck serve` (the `fzcheck-web` entry point takes the same options).
    """
    command = [*(program or [*fzcheck_command(), "serve"]), "--host", "127.0.0.1", "--port", "0", "--no-browser"]
    if data is not None:
        command += ["--data", str(data)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    log = Path(tempfile.mkstemp(prefix="fzcheck-serve-", suffix=".log")[1])
    with log.open("wb") as err:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
            start_new_session=True,  # its own process group: the workers are ended with it
        )
    lines: list[str] = []
    ready: queue.Queue = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines, ready), daemon=True).start()
    try:
        url = _wait_for_url(ready, process, log, start_timeout)
        yield Server(url, process, log, lines)
    finally:
        stop(process)
        log.unlink(missing_ok=True)


def _wait_for_url(ready: queue.Queue, process: subprocess.Popen, log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        try:
            line = ready.get(timeout=max(0.01, left))
        except queue.Empty:
            line = ""
        if line is None or left <= 0:
            stop(process)
            why = "exited" if line is None else f"printed no address within {timeout:.0f} s"
            raise RuntimeError(f"fzcheck serve {why}:\n{log.read_text(encoding='utf-8', errors='replace')}")
        found = READY.search(line or "")
        if found and "网页版已启动" in line:
            return found.group(1)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's process group, SIGKILL after 10 s."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # workers left behind by a server that exited


# --- HTTP ---------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_plain = urllib.request.build_opener(NoRedirect)


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 30) -> Response:
    """One request, redirects not followed; an HTTP error status is returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with _plain.open(req, timeout=timeout) as resp:
            return Response(resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type; files are (field, filename, bytes)."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(server: Server, files: list[tuple[str, bytes]], timeout: float = 60, **fields: str) -> dict:
    """POST /api/upload with `files` as (filename, bytes); the 202 answer's JSON."""
    body, content_type = multipart(fields, [("files", name, content) for name, content in files])
    resp = request(server.at("/api/upload"), body, {"Content-Type": content_type}, timeout)
    if resp.status != 202:
        raise AssertionError(f"/api/upload answered {resp.status}: {resp.body[:500]!r}")
    return resp.json()


def wait_batch(server: Server, batch: str, timeout: float = 120, poll: float = 0.1) -> dict:
    """Polls GET /api/batch/<id> until it is done; its last JSON."""
    deadline = time.monotonic() + timeout
    while True:
        state = request(server.at(f"/api/batch/{batch}"), timeout=30).json()
        if state["done"]:
            return state
        if time.monotonic() > deadline:
            raise TimeoutError(f"batch {batch} not done after {timeout:.0f} s: {state}")
        time.sleep(poll)
