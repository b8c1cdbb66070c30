"""Configuration: fzcheck.toml, or [tool.fzcheck] in pyproject.toml, found from the current folder upward.

Keys (all optional): packs, type, year, fail_on, fail_under, formats (a name, or name:file), output_dir,
jobs (0: one per CPU core), max_size_mb (the file-size limit, see SECURITY.md), select and ignore (the
rules kept and dropped, ids or globs) and waivers (a rule, optionally a file glob, approved_by and an
expiry date, and a reason: waived findings are shown as waived and do not fail the gate; see
checker.waivers). Command-line options win over the file (for select and ignore: checker.cli_gate).

A configuration decides which packs run and where results are written, so one found by the
upward search is trusted only where the user owns it (like git's safe.directory): the file and
its folder must belong to the current user and be writable by nobody else. Otherwise it is not
read, and a notice says so. A file named with --config is read whoever owns it: the user chose
it. Either way a file above MAX_CONFIG_BYTES is refused. Relative paths in a configuration
(output_dir, packs given as files) are relative to the folder the configuration is in.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.errors import FzcheckError
from checker.model import REPORT_TYPES
from checker.suggest import did_you_mean
from checker.waivers import Waiver

KEYS = (
    "packs",
    "type",
    "year",
    "fail_on",
    "fail_under",
    "formats",
    "output_dir",
    "jobs",
    "max_size_mb",
    "select",
    "ignore",
    "waivers",
)
WAIVER_KEYS = ("rule", "file", "reason", "approved_by", "expires")
# --jobs 0 (and jobs = 0): one process per CPU core, which is also the default.
ALL_CORES = 0
# The bounds of --jobs (check and serve) and of `jobs` in a configuration.
MIN_JOBS, MAX_JOBS = ALL_CORES, 256
FAIL_ON = ("error", "warning", "never")  # what fails the gate: --fail-on and fail_on in a configuration
DEFAULT_FAIL_ON = FAIL_ON[0]
DEFAULT_FORMATS = ("text",)
# A configuration is a few hundred bytes; anything near this is not one.
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Config:
    path: str = ""
    packs: tuple[str, ...] = ()
    report_type: str | None = None
    year: int | None = None
    fail_on: str | None = None
    fail_under: float | None = None
    formats: tuple[str, ...] = ()
    output_dir: str | None = None
    jobs: int | None = None
    max_size_mb: int | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    waivers: tuple[Waiver, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Found:
    """The configuration the upward search found (None: none to read) and, when one was passed over, why."""

    path: Path | None = None
    notice: str = ""


def find_config(start: Path | None = None) -> Found:
    """The nearest fzcheck.toml, or pyproject.toml holding [tool.fzcheck], from `start` upward.

    The nearest one decides: when it is not trusted it is not read, and the search stops there.
    """
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "fzcheck.toml"
        pyproject = candidate / "pyproject.toml"
        if own.is_file():
            found = own
        elif pyproject.is_file() and "[tool.fzcheck" in read_head(pyproject):
            found = pyproject
        else:
            continue
        problem = untrusted_because(found)
        if problem:
            return Found(None, f"不读取配置文件 {found}：{problem}")
        return Found(found)
    return Found()


def untrusted_because(path: Path) -> str:
    """Why a configuration found by the search is not read (empty: it is trusted).

    The file and its folder must belong to the current user and be writable by nobody else
    (group-writable only when the group is the user's own primary group).
    """
    if not hasattr(os, "geteuid"):
        return ""  # no POSIX ownership to check
    for item, what in ((path, "文件"), (path.parent, f"所在文件夹 {path.parent} ")):
        try:
            st = item.stat()
        except OSError as exc:
            return f"无法读取{what}的属性（{exc.strerror}）"
        if st.st_uid != os.geteuid():
            return f"{what}属于其他用户（uid {st.st_uid}）"
        if st.st_mode & stat.S_IWOTH:
            return f"{what}可被其他用户修改"
        if st.st_mode & stat.S_IWGRP and st.st_gid != os.getegid():
            return f"{what}可被用户组 {st.st_gid} 的成员修改"
    return ""


def read_head(path: Path) -> str:
    """The start of a file (at most MAX_CONFIG_BYTES), enough to see whether it holds [tool.fzcheck]."""
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_CONFIG_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def read_text(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise FzcheckError(f"配置文件 {path}：无法读取（{exc.strerror or exc}）") from exc
    if len(data) > MAX_CONFIG_BYTES:
        raise FzcheckError(f"配置文件 {path}：文件过大（超过 {MAX_CONFIG_BYTES // 1024} KB），不是有效的配置文件")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FzcheckError(f"配置文件 {path}：不是 UTF-8 编码的文本") from exc


def toml_module():
    """tomllib (tomli before Python 3.11), imported only when there is a configuration to read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def load_config(path: Path) -> Config:
    """The configuration in a file, validated; errors name the file and the key."""
    tomllib = toml_module()
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from checker.parse_zh import toml_problem

        line, column, problem = toml_problem(exc, text)
        raise FzcheckError(f"配置文件 {path}:{line}:{column}：不是有效的 TOML（{problem}）") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("fzcheck", {})
    return relative_to(config_from(data, str(path), text), path.parent)


def relative_to(config: Config, folder: Path) -> Config:
    """The configuration with its relative paths (output_dir, packs given as files, the files of formats
    written name:file) made relative to `folder`."""
    from checker.render import format_and_path

    def anchored(name: str) -> str:
        return name if Path(name).is_absolute() else str(folder / name)

    def anchored_format(spec: str) -> str:
        name, target = format_and_path(spec)
        return spec if target in (None, "-") else f"{name}:{anchored(target)}"

    packs = tuple(anchored(p) if is_pack_file(p) else p for p in config.packs)
    output_dir = anchored(config.output_dir) if config.output_dir else None
    formats = tuple(anchored_format(f) for f in config.formats)
    return replace(config, packs=packs, output_dir=output_dir, formats=formats)


def is_pack_file(name: str) -> bool:
    """A pack given as a file rather than a built-in name (the test checker.packs.resolve_pack uses)."""
    return os.sep in name or "/" in name or name.endswith((".yaml", ".yml"))


def config_from(data: dict[str, Any], where: str, text: str = "") -> Config:
    """The configuration in `data` (read from `where`, whose `text` locates a waiver's bad field)."""

    def fail(problem: str) -> FzcheckError:
        return FzcheckError(f"配置文件 {where}：{problem}")

    for key in data:
        if key not in KEYS:
            raise fail(f"未知配置项 {key}" + (did_you_mean(key, KEYS) or f"（可用：{'、'.join(KEYS)}）"))
    report_type = data.get("type")
    if report_type is not None and report_type not in REPORT_TYPES:
        raise fail(f"type 应是 {'、'.join(REPORT_TYPES)} 之一")
    fail_on = data.get("fail_on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise fail("fail_on 应是 error、warning 或 never")
    for key in ("packs", "formats", "select", "ignore"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key} 应是字符串列表")
    return Config(
        path=where,
        packs=tuple(data.get("packs", [])),
        report_type=report_type,
        year=checked_int(data.get("year"), "year", fail),
        fail_on=fail_on,
        fail_under=checked_number(data.get("fail_under"), "fail_under", fail),
        formats=tuple(data.get("formats", [])),
        output_dir=data.get("output_dir"),
        jobs=checked_jobs(data.get("jobs"), fail),
        max_size_mb=checked_size(data.get("max_size_mb"), fail),
        select=tuple(data.get("select", [])),
        ignore=tuple(data.get("ignore", [])),
        waivers=waivers_from(data.get("waivers", []), fail, text),
    )


def checked_int(value: Any, key: str, fail) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise fail(f"{key} 应是正整数")
    return value


def checked_jobs(value: Any, fail) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not MIN_JOBS <= value <= MAX_JOBS:
        raise fail(f"jobs 应是 {MIN_JOBS} 到 {MAX_JOBS} 之间的整数（并行进程数，{ALL_CORES} 为 CPU 核数）")
    return value


def checked_size(value: Any, fail) -> int | None:
    from checker.load import MAX_SIZE_CEILING_MB

    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_SIZE_CEILING_MB:
        raise fail(f"max_size_mb 应是 1 到 {MAX_SIZE_CEILING_MB} 之间的整数（单位 MB）")
    return value


def checked_number(value: Any, key: str, fail) -> float | None:
    if value is None:
        return None
    if not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise fail(f"{key} 应是 0 到 100 之间的数")
    return float(value)


def waivers_from(items: Any, fail, text: str) -> tuple[Waiver, ...]:
    if not isinstance(items, list):
        raise fail("waivers 应是表的数组（每项一个 [[waivers]]）")
    return tuple(waiver_from(item, index, fail, text) for index, item in enumerate(items))


def waiver_from(item: Any, index: int, fail, text: str = "") -> Waiver:
    number = index + 1
    if not isinstance(item, dict):
        raise fail(f"waivers 第 {number} 项应是表（rule、reason，可选 {'、'.join(WAIVER_KEYS[3:])}、file）")
    for key in item:
        if key not in WAIVER_KEYS:
            raise fail(f"waivers 第 {number} 项的未知字段 {key}" + (did_you_mean(key, WAIVER_KEYS) or
                       f"（可用：{'、'.join(WAIVER_KEYS)}）"))  # fmt: skip
    if not str(item.get("rule", "")).strip():
        raise fail(f"waivers 第 {number} 项缺少 rule")
    if not str(item.get("reason", "")).strip():
        raise fail(f"waivers 第 {number} 项（{item['rule']}）缺少 reason：豁免必须写明理由")

    def bad(key: str, wanted: str) -> FzcheckError:
        line = waiver_key_line(text, index, key)
        at = f"第 {line} 行，" if line else ""
        return fail(f"{at}waivers 第 {number} 项（{item['rule']}）的 {key} 应是{wanted}")

    approved_by = item.get("approved_by", "")
    if not isinstance(approved_by, str) or ("approved_by" in item and not approved_by.strip()):
        raise bad("approved_by", "批准人的姓名或部门（非空文字）")
    return Waiver(
        rule=str(item["rule"]),
        reason=str(item["reason"]).strip(),
        file=str(item.get("file", "")),
        expires=checked_date(item.get("expires"), lambda: bad("expires", "日期 YYYY-MM-DD，如 2025-06-30")),
        approved_by=approved_by.strip(),
        position=number,
    )


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def checked_date(value: Any, bad) -> datetime.date | None:
    """A TOML date (expires = 2025-06-30) or the same date quoted; `bad()` is the error for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass  # 2025-02-30: the shape of a date, not a date
    raise bad()


_TABLE_HEADER = re.compile(r"\s*\[")
_WAIVERS_HEADER = re.compile(r"\s*\[\[\s*(?:tool\.fzcheck\.)?waivers\s*\]\]")


def waiver_key_line(text: str, index: int, key: str) -> int | None:
    """The line (1-based) of `key` in the waiver `index` (0-based) written as a [[waivers]] table, else None
    (tomllib keeps no positions; a waiver written inline is located by its number only)."""
    seen, inside = -1, False
    assignment = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if _WAIVERS_HEADER.match(line):
            seen += 1
            inside = seen == index
        elif _TABLE_HEADER.match(line):
            inside = False
        elif inside and assignment.match(line):
            return number
    return None
