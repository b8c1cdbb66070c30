"""Finding and loading packs: built-in names or paths, and the one cache of loaded packs.

Every pack loaded in this process is kept with the stamps (packs.cache) of every file it was built
from (itself, what it extends, the national pack whose parts it may borrow), and is rebuilt when
any of them changed; the default packs of a report type are resolved once per process. A pack named
by the user also comes from, and goes to, the on-disk cache (packs.cache), so a cold start does not
re-read its YAML.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from checker.errors import PackError
from checker.model import Pack
from checker.packs.build import build_pack
from checker.packs.cache import Stamp, cached_pack, stamps_of, store_pack, unchanged
from checker.packs.yamlread import read_yaml

# Packs added to the base pack of a report type when no --pack is given (those that exist).
# The packs checking an outline's task areas, one per period of report years (rules list --year names them).
AREA_PACKS = ("outline-2016-2020", "outline-2021-2025", "areas-2026")
DEFAULT_EXTRAS = ("freshness", "data-consistency", *AREA_PACKS)
BASE_PACK = {"government": "national", "department": "department", "township": "township"}


@lru_cache(maxsize=1)  # where fzcheck is installed does not change while it runs
def builtin_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or the source tree's rules/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "builtin_rules", here.parent / "rules"):
        if (candidate / "national.yaml").is_file():
            return candidate
    raise PackError("national", "找不到内置规则包目录，安装可能不完整")


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve_pack(name: str, relative_to: Path | None = None) -> Path:
    """A built-in pack name or a path to a YAML file (relative to the extending pack)."""
    looks_like_path = os.sep in name or "/" in name or name.endswith((".yaml", ".yml"))
    if looks_like_path:
        path = Path(name)
        if relative_to is not None and not path.is_absolute():
            path = relative_to.parent / path
        if not path.is_file():
            raise PackError(name, "文件不存在")
        return path
    path = builtin_dir() / f"{name}.yaml"
    if not path.is_file():
        raise PackError(name, f"没有这个内置规则包（可用：{'、'.join(builtin_names())}）")
    return path


def load_packs(names: list[str] | tuple[str, ...]) -> list[Pack]:
    """Packs by name or path, in the order given."""
    return [load_pack(resolve_pack(name)) for name in names]


# The default packs by report type, resolved once in this process: the built-in packs do not change while
# fzcheck runs, and resolving them again (a folder listing and the stamps of every file) took about 1 ms per
# report of a batch. forget_packs() drops them with the rest.
_DEFAULTS: dict[str, tuple[Pack, ...]] = {}


def default_packs(report_type: str) -> tuple[Pack, ...]:
    """The packs used when none is named: the report type's base pack plus the extras that exist."""
    known = _DEFAULTS.get(report_type)
    if known is None:
        available = set(builtin_names())
        base = BASE_PACK.get(report_type, "national")
        names = [base if base in available else "national", *(n for n in DEFAULT_EXTRAS if n in available)]
        known = _DEFAULTS[report_type] = tuple(load_pack(resolve_pack(n)) for n in names)
    return known


# Every pack loaded in this process, by the path it was named by: the stamps of the files it was
# built from (empty when one vanished: rebuilt next time) and the pack.
_PACKS: dict[Path, tuple[list[Stamp], Pack]] = {}


def load_pack(path: Path, _chain: tuple[str, ...] = ()) -> Pack:
    """One pack, with what it extends merged in, validated (cached while its files are unchanged).

    `_chain` is the packs being built that extend this one (a loop among them is refused); only a
    pack named by the user (no chain) is read from and stored in the on-disk cache.
    """
    try:
        path.stat()
    except OSError as exc:
        raise PackError(str(path), "文件不存在") from exc
    known = _PACKS.get(path)
    if known and unchanged(known[0]):
        return known[1]
    if not _chain:
        hit = cached_pack(path)
        if hit and isinstance(hit[1], Pack):
            _PACKS[path] = hit
            return hit[1]
    pack = build(path, _chain)
    stamps = stamps_of(source_files(pack))
    if stamps is not None and not _chain:
        store_pack(path, stamps, pack)
    _PACKS[path] = (stamps or [], pack)
    return pack


def build(path: Path, chain: tuple[str, ...]) -> Pack:
    """A pack read from its YAML, the packs it extends (and borrows parts from) loaded through the cache."""
    key = str(path.resolve())
    if key in chain:
        raise PackError(str(path), "extends 形成循环：" + " → ".join([*chain, key]))
    data, marks = read_yaml(path)
    inner = (*chain, key)
    national = builtin_dir() / "national.yaml"

    def parent(name: str) -> Pack:
        return load_pack(resolve_pack(name, path), inner)

    def borrowed() -> Pack:
        # A pack of extra rules (freshness, outline…) reads the report's parts as the national pack names them.
        return load_pack(national, inner)

    return build_pack(path, data, marks, parent, None if path.resolve() == national.resolve() else borrowed)


def forget_packs() -> None:
    """Drop the packs held in this process (tests that edit pack files in place): the next load checks the files."""
    _PACKS.clear()
    _DEFAULTS.clear()


def source_files(pack: Pack) -> list[str]:
    """Every file a pack was built from: itself, what it extends, and the national pack's parts."""
    out = [str(Path(pack.path).resolve()), str((builtin_dir() / "national.yaml").resolve())]
    for name in pack.extends:
        # Through the cache the build just filled (a chain, so not as a pack of its own on disk).
        out.extend(source_files(load_pack(resolve_pack(name, Path(pack.path)), (pack.path,))))
    return out
