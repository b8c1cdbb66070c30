"""Configuration: fzcheck.toml, or [tool.fzcheck] in pyproject.toml, found from the current folder upward.

Keys (all optional): packs, type, year, fail_on, fail_under, formats, output_dir, jobs,
max_size_mb (the file-size limit, see SECURITY.md), ignore (rule ids not run at all) and
waivers (a rule, optionally a file glob, and a reason: waived findings are shown as waived
and do not fail the gate). Command-line options win over the file.

A configuration decides which packs run and where results are written, so one found by the
upward search is trusted only where the user owns it (like git's safe.directory): the file and
its folder must belong to the current user and be writable by nobody else. Otherwise it is not
read, and a notice says so. A file named with --config is read whoever owns it: the user chose
it. Either way a file above MAX_CONFIG_BYTES is refused. Relative paths in a configuration
(output_dir, packs given as files) are relative to the folder the configuration is in.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.errors import FzcheckError
from checker.model import NA, PASS, REPORT_TYPES, WAIVED, Finding

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
    "ignore",
    "waivers",
)
WAIVER_KEYS = ("rule", "file", "reason")
# The bounds of --jobs and of `jobs` in a configuration.
MIN_JOBS, MAX_JOBS = 1, 256
FAIL_ON = ("error", "warning", "never")  # what fails the gate: --fail-on and fail_on in a configuration
# A configuration is a few hundred bytes; anything near this is not one.
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    file: str = ""  # a glob matched against the path and the file name; empty: every file

    def covers(self, rule: str, path: str) -> bool:
        if not fnmatch.fnmatchcase(rule, self.rule):
            return False
        if not self.file:
            return True
        posix = Path(path).as_posix()
        return (
            fnmatch.fnmatch(posix, self.file)
            or fnmatch.fnmatch(Path(path).name, self.file)
            or posix.endswith("/" + self.file.lstrip("./"))
        )


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
    return relative_to(config_from(data, str(path)), path.parent)


def relative_to(config: Config, folder: Path) -> Config:
    """The configuration with its relative paths (output_dir, packs given as files) made relative to `folder`."""

    def anchored(name: str) -> str:
        return name if Path(name).is_absolute() else str(folder / name)

    packs = tuple(anchored(p) if is_pack_file(p) else p for p in config.packs)
    output_dir = anchored(config.output_dir) if config.output_dir else None
    return replace(config, packs=packs, output_dir=output_dir)


def is_pack_file(name: str) -> bool:
    """A pack given as a file rather than a built-in name (the test checker.packs.resolve_pack uses)."""
    return os.sep in name or "/" in name or name.endswith((".yaml", ".yml"))


def config_from(data: dict[str, Any], where: str) -> Config:
    def fail(problem: str) -> FzcheckError:
        return FzcheckError(f"配置文件 {where}：{problem}")

    for key in data:
        if key not in KEYS:
            import difflib  # only to explain a mistake

            close = difflib.get_close_matches(key, KEYS, n=1)
            raise fail(f"未知配置项 {key}" + (f"，是不是 {close[0]}？" if close else f"（可用：{'、'.join(KEYS)}）"))
    report_type = data.get("type")
    if report_type is not None and report_type not in REPORT_TYPES:
        raise fail(f"type 应是 {'、'.join(REPORT_TYPES)} 之一")
    fail_on = data.get("fail_on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise fail("fail_on 应是 error、warning 或 never")
    for key in ("packs", "formats", "ignore"):
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
        ignore=tuple(data.get("ignore", [])),
        waivers=tuple(waiver_from(item, index, fail) for index, item in enumerate(data.get("waivers", []))),
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
        raise fail(f"jobs 应是 {MIN_JOBS} 到 {MAX_JOBS} 之间的整数（并行进程数）")
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


def waiver_from(item: Any, index: int, fail) -> Waiver:
    if not isinstance(item, dict):
        raise fail(f"waivers 第 {index + 1} 项应是表（rule、reason，可选 file）")
    for key in item:
        if key not in WAIVER_KEYS:
            raise fail(f"waivers 第 {index + 1} 项的未知字段 {key}（可用：rule、file、reason）")
    if not str(item.get("rule", "")).strip():
        raise fail(f"waivers 第 {index + 1} 项缺少 rule")
    if not str(item.get("reason", "")).strip():
        raise fail(f"waivers 第 {index + 1} 项（{item['rule']}）缺少 reason：豁免必须写明理由")
    return Waiver(rule=str(item["rule"]), reason=str(item["reason"]).strip(), file=str(item.get("file", "")))


def apply_waivers(findings: list[Finding], path: str, waivers: tuple[Waiver, ...]) -> list[Finding]:
    """Gaps covered by a waiver become `waived`, keeping the reason (never dropped).

    A pass needs no waiver, and an n/a item had nothing to check: both stay as they are.
    """
    out = []
    for finding in findings:
        waiver = next((w for w in waivers if finding.status not in (PASS, NA) and w.covers(finding.rule, path)), None)
        if waiver is None:
            out.append(finding)
        else:
            out.append(replace(finding, status=WAIVED, waiver=waiver.reason, waived_status=finding.status))
    return out
