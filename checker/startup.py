"""Compiled code kept between runs, so a cold start does not compile the same source again.

A cold `fzcheck check` of one report spent about 35 ms of its 160 ms (CPU, CPython 3.11) compiling
what never changes between runs: the methods `dataclasses` generates for the ~45 data classes
a check imports (each class six `exec` calls on generated source) and the ~150 regular expressions
of fzcheck, click and the standard library (a CJK character class alone takes 1–2 ms). Both
are pure functions of their source text, so their compiled forms are kept in one marshal file
beside the pack cache and reused:

- `dataclasses` builds each method with exec(source); its module-level name `exec` is shadowed by
  one that compiles a source string once per text, giving the code object builtins.exec would
  (filename "<string>", no inherited __future__ flags).
- `re` compiles a pattern to a program of integers; the program of (pattern, flags) is kept and
  handed to `_sre.compile`, which validates it as it would a fresh one (a bad entry is compiled
  afresh).

The file is keyed by the interpreter's exact version (bytecode and `re` programs may change in a
patch release). Like the pack cache it is a convenience, never a source of truth: any problem
reading or writing it is ignored. Code objects run when loaded, so the file is read only from a
folder and file owned by the current user that nobody else can write (SECURITY.md).
FZCHECK_NO_CACHE=1 turns it off, FZCHECK_CACHE_DIR moves it. Only the command line installs it
(checker/__main__.py), before it imports the rest of fzcheck.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import stat
import sys
from typing import Any

_FORMAT = 1
# Past this many entries the file is rewritten with only what the current run used: patterns
# from packs that are gone no longer cost every start the time to load them.
_MAX_ENTRIES = 3000
# Or past this size (a memo of the built-in packs is about 0.5 MB): reading it is part of every start.
_MAX_BYTES = 4 << 20

_installed: CodeMemo | None = None


def cache_folder() -> str | None:
    """Where fzcheck keeps its caches, or None when caching is off."""
    if os.environ.get("FZCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("FZCHECK_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "fzcheck")


def trusted(path: str | os.PathLike[str]) -> bool:
    """Owned by this user and writable by nobody else (a pickle or code from anyone else could run code)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def memo_file(folder: str) -> str:
    import zlib  # well under a millisecond; hashlib takes about 3 ms of a cold start

    version = f"{_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{sys.flags.optimize}".encode()
    return os.path.join(folder, f"code-{sys.implementation.cache_tag}-{zlib.crc32(version):08x}.marshal")


class CodeMemo:
    """Compiled source texts (dataclass methods) and `re` programs, loaded from and saved to `path`."""

    def __init__(self, path: str, code: dict[str, Any], programs: dict[tuple[Any, int], tuple]) -> None:
        # code: source -> its code object, or the marshalled bytes of one not used yet in this run
        self.path = path
        self.code = code
        self.programs = programs
        self.used: set[Any] = set()
        self.added = False

    @classmethod
    def read(cls, path: str) -> CodeMemo:
        import marshal

        code: dict[str, Any] = {}
        programs: dict[tuple[Any, int], tuple] = {}
        if trusted(os.path.dirname(path)) and trusted(path):
            try:
                with open(path, "rb") as fh:
                    stored = marshal.loads(fh.read())
                if isinstance(stored, tuple) and len(stored) == 2:
                    code, programs = stored
            except Exception:  # a truncated or foreign file is only a miss
                code, programs = {}, {}
        return cls(path, code, programs)

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        """builtins.exec, compiling a source string once per text."""
        if type(source) is str:  # a subclass could not be stored
            code = self.code.get(source)
            if type(code) is bytes:  # kept marshalled until used: loading the file stays cheap
                import marshal

                try:
                    code = self.code[source] = marshal.loads(code)
                except Exception:  # not a code object of this interpreter: compiled afresh
                    code = None
            if code is None:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.code[source] = code
                self.added = True
            self.used.add(source)
            source = code
        builtins.exec(source, globals, locals)

    def compile_pattern(self, original: Any) -> Any:
        """re._compiler.compile, with the program of each (pattern, flags) kept."""
        import _sre
        from array import array
        from re import _compiler, _parser  # type: ignore[attr-defined]

        # Programs are stored as bytes (fast to load) when array's unsigned int is the engine's code unit.
        packed = array("I").itemsize == _sre.CODESIZE

        def compile_pattern(p: Any, flags: int = 0) -> Any:
            if type(p) not in (str, bytes) or flags & _compiler.SRE_FLAG_DEBUG:
                return original(p, flags)
            key = (p, int(flags))
            entry = self.programs.get(key)
            if entry is not None:
                final, program, groups, groupindex, indexgroup = entry
                code = array("I", program).tolist() if packed else list(program)
                try:
                    compiled = _sre.compile(p, final, code, groups, groupindex, indexgroup)
                except Exception:  # not a program this engine accepts: compiled afresh below
                    pass
                else:
                    self.used.add(key)
                    return compiled
            # What re._compiler.compile does (3.11–3.13), keeping the program it makes.
            parsed = _parser.parse(p, flags)
            code = _compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            final = int(flags | parsed.state.flags)
            code = [int(c) for c in code]  # the compiler's named constants are int subclasses marshal refuses
            self.programs[key] = (
                final,
                array("I", code).tobytes() if packed else code,
                parsed.state.groups - 1,
                groupindex,
                tuple(indexgroup),
            )
            self.used.add(key)
            self.added = True
            return _sre.compile(p, final, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))

        return compile_pattern

    def save(self) -> None:
        """Write the memo when this run compiled something new; silently skipped when not possible."""
        if not self.added:
            return
        import marshal

        code = {k: v if type(v) is bytes else marshal.dumps(v) for k, v in self.code.items()}
        programs = self.programs
        data = marshal.dumps((code, programs))
        if len(code) + len(programs) > _MAX_ENTRIES or len(data) > _MAX_BYTES:
            code = {k: v for k, v in code.items() if k in self.used}
            programs = {k: v for k, v in programs.items() if k in self.used}
            data = marshal.dumps((code, programs))
        folder = os.path.dirname(self.path)
        tmp = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            if not trusted(folder):
                return
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.path)
        except Exception:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.added = False


def pause_collector() -> None:
    """No cyclic garbage collection while fzcheck starts: imports, packs and the first report make
    tens of thousands of objects that live to the end, and the collector going over them again and
    again took about 6 ms of a 0.1 s cold check. resume_collector() ends the pause."""
    import gc

    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """After start-up: what exists now is kept out of later collections (gc.freeze), which also
    spares forked workers copying it, and the collector runs again."""
    global _paused
    if _paused:
        import gc

        gc.freeze()
        gc.enable()
        _paused = False


_paused = False


def install() -> CodeMemo | None:
    """Use the memo for every dataclass and regular expression compiled from now on in this process,
    and save what is new at exit. Returns it, or None when caching is off."""
    global _installed
    if _installed is not None:
        return _installed
    folder = cache_folder()
    if folder is None:
        return None
    import atexit
    import dataclasses
    import re

    memo = CodeMemo.read(memo_file(folder))
    dataclasses.exec = memo.exec  # type: ignore[attr-defined]
    compiler = getattr(re, "_compiler", None)  # Python 3.11 and later
    if compiler is not None and hasattr(compiler, "_code") and hasattr(compiler, "compile"):
        compiler.compile = memo.compile_pattern(compiler.compile)
    atexit.register(memo.save)
    _installed = memo
    return memo
