"""`fzcheck serve`: the web app on this machine (default) or, for a 司法局's season, on an intranet server.

Imports only click and the standard library at module level: `fzcheck check` loads this module (the
command is registered on the CLI group) and must not pay for the web framework.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
from pathlib import Path

import click

from checker.cli_zh import ChineseCommand
from checker.config import MAX_JOBS, MIN_JOBS
from checker.errors import FzcheckError
from checker.load import DEFAULT_MAX_MB, MAX_SIZE_CEILING_MB

EXIT_OK, EXIT_ERROR = 0, 2
STARTED = "fzcheck 网页版已启动：{url}"
PASSWORD_ENV = "FZCHECK_PASSWORD"


class Stop(Exception):
    """SIGTERM (systemd stop): leave the serve loop the way Ctrl-C does."""


@click.command("serve", cls=ChineseCommand)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="地址",
    help="监听地址；不是本机地址时需要 --data 和审核人密码。",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="端口（0 为自动选择空闲端口）。"
)
@click.option("--no-browser", is_flag=True, help="启动后不自动打开浏览器。")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    help="数据文件夹（保存上传的报告和检查结果）；不指定时使用临时文件夹，退出时删除。",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(MIN_JOBS, MAX_JOBS), help="并行检查的进程数（0 或不指定：CPU 核数）。"
)
@click.option(
    "--max-size",
    "max_size_mb",
    type=click.IntRange(1, MAX_SIZE_CEILING_MB),
    default=DEFAULT_MAX_MB,
    show_default=True,
    help="单个文件的大小上限（MB）。",
)
@click.option("--max-files", type=click.IntRange(1, 1000), default=20, show_default=True, help="一次最多上传的文件数。")
@click.option("--shared", is_flag=True, help="即使监听本机地址也要求登录（放在 nginx 等反向代理之后时使用）。")
@click.option("--set-password", is_flag=True, help="设置审核人密码（输入两次）后退出；需要 --data。")
def serve_command(
    host: str,
    port: int,
    no_browser: bool,
    data_dir: str | None,
    jobs: int | None,
    max_size_mb: int,
    max_files: int,
    shared: bool,
    set_password: bool,
) -> int:
    """启动网页版：在浏览器中上传报告、查看缺项报告、下载批注版；各单位报告汇总（审核）。"""
    from checker.web import missing_web, missing_web_packages

    missing = missing_web_packages()
    if missing:
        click.echo(f"fzcheck：{missing_web(missing)}", err=True)
        return EXIT_ERROR
    if set_password:
        return store_password(data_dir)
    from checker.web.auth import is_loopback

    shared = shared or not is_loopback(host)
    if shared:
        refuse_unprotected(host, data_dir)
    return serve(host, port, not no_browser, data_dir, jobs, max_size_mb, max_files, shared)


def store_password(data_dir: str | None) -> int:
    from checker.web.auth import MIN_PASSWORD, set_password
    from checker.web.store import Store

    if not data_dir:
        raise click.UsageError("--set-password 需要同时用 --data 指定数据文件夹")
    password = typed_twice("审核人密码")
    if len(password) < MIN_PASSWORD:
        raise FzcheckError(f"密码太短：至少 {MIN_PASSWORD} 个字符")
    store = Store(Path(data_dir))
    try:
        set_password(store, password)
    finally:
        store.close()
    click.echo(f"fzcheck：审核人密码已保存到 {Path(data_dir) / 'fzcheck.sqlite3'}（只保存其加密散列）", err=True)
    return EXIT_OK


def typed_twice(prompt: str) -> str:
    """A secret typed twice alike (click's own confirmation would say a mismatch in English)."""
    while True:
        value = click.prompt(prompt, hide_input=True, err=True, prompt_suffix="：")
        if value == click.prompt("再输入一次", hide_input=True, err=True, prompt_suffix="："):
            return value
        click.echo("两次输入的不一致，请重新输入", err=True)


def refuse_unprotected(host: str, data_dir: str | None) -> None:
    """A server others can reach starts only with a data folder and a reviewer password."""
    if not data_dir:
        raise FzcheckError(f"监听 {host} 时其他电脑也能访问，需要用 --data 指定数据文件夹并设置审核人密码")
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return
    from checker.web.auth import has_password
    from checker.web.store import Store

    store = Store(Path(data_dir))
    try:
        if not has_password(store):
            raise FzcheckError(
                f"监听 {host} 时其他电脑也能访问，请先设置审核人密码：fzcheck serve --set-password --data {data_dir}"
                f"（或设置环境变量 {PASSWORD_ENV}）"
            )
    finally:
        store.close()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one), or a FzcheckError saying why not."""
    address = "127.0.0.1" if host == "localhost" else host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
    except OSError as exc:
        sock.close()
        raise FzcheckError(f"无法监听 {host}:{port}（{exc.strerror or exc}）：端口可能已被占用，请换一个端口") from exc
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = socket.gethostname()
    return f"http://{shown}:{port}/"


def serve(
    host: str,
    port: int,
    browser: bool,
    data_dir: str | None,
    jobs: int | None,
    max_size_mb: int,
    max_files: int,
    shared: bool,
) -> int:
    import logging

    import uvicorn

    from checker.batch import workers_for
    from checker.web.app import WebConfig, create_app

    temporary = data_dir is None
    folder = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="fzcheck-web-"))
    sock = None
    try:
        password = os.environ.pop(PASSWORD_ENV, None)  # not inherited by the workers
        config = WebConfig(folder, workers_for(jobs), max_size_mb, max_files, shared)
        app = create_app(config)
        if password:
            from checker.web.auth import set_password

            set_password(app.state.web.store, password)
        sock = bind(host, port)
        url = url_of(sock)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
        # The access log is off: its lines would carry unit links' tokens (app.Guard logs requests redacted).
        server_config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)

        class Server(uvicorn.Server):
            async def startup(self, sockets: list[socket.socket] | None = None) -> None:
                await super().startup(sockets=sockets)
                if self.started:
                    click.echo(STARTED.format(url=url))
                    sys.stdout.flush()
                    if browser:
                        threading.Thread(target=open_browser, args=(url,), daemon=True).start()

        signal.signal(signal.SIGTERM, raise_stop)
        with contextlib.suppress(KeyboardInterrupt, Stop):
            Server(server_config).run(sockets=[sock])
        click.echo("fzcheck 网页版已停止", err=True)
        return EXIT_OK
    finally:
        if sock is not None:
            sock.close()
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)


def raise_stop(signum: int, frame: object) -> None:
    raise Stop()


def open_browser(url: str) -> None:
    import webbrowser

    with contextlib.suppress(Exception):  # no browser on a server: the printed address is enough
        webbrowser.open(url)
