"""A cold start: what a check imports (in a fresh interpreter, read from sys.modules, never timed),
and the compiled-code memo that spares compiling data classes and patterns again."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys

import pytest

from checker import startup
from tests.paths import ROOT

REPORT = "examples/gaps-2023.txt"


def modules_of_a_check(*args: str, tmp_path) -> set[str]:
    """The modules `python -m checker check REPORT ARGS` imported, its output a pipe (not a terminal)."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
        f"sys.argv = ['fzcheck', 'check', {REPORT!r}, '--no-config', *{list(args)!r}]\n"
        "import runpy\n"
        "runpy.run_module('checker', run_name='__main__')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FZCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # the example has gaps: the check ran to its verdict
    assert done.stdout  # the report was written
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def rich_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m == "rich" or m.startswith("rich.")}


def test_a_json_check_imports_no_rich(tmp_path):
    modules = modules_of_a_check("--format", "json", tmp_path=tmp_path)
    assert "checker.render.json" in modules
    assert not rich_modules(modules)


def test_a_text_check_to_a_pipe_imports_neither_rich_nor_the_rule_types_its_packs_do_not_use(tmp_path):
    from checker.packs import default_packs
    from checker.ruletypes.registry import BUILTIN_TYPES

    first = modules_of_a_check(tmp_path=tmp_path)
    assert not rich_modules(first)
    # The first run fills the pack cache, and with it the docs anchors, which validate every built-in pack.
    modules = modules_of_a_check(tmp_path=tmp_path)
    assert "checker.render.text" in modules
    assert not rich_modules(modules)
    used = {rule.type for pack in default_packs("department") for rule in pack.rules}  # the example's type
    assert used and set(BUILTIN_TYPES) - used
    for name in BUILTIN_TYPES:
        assert (f"checker.ruletypes.{name}" in modules) == (name in used), name


def test_a_rule_type_is_imported_when_a_pack_names_it():
    code = (
        "import sys\n"
        "from checker.ruletypes import RULE_TYPES\n"
        "assert 'length' in RULE_TYPES and 'checker.ruletypes.length' not in sys.modules\n"
        "assert RULE_TYPES['length'].name == 'length' and 'checker.ruletypes.length' in sys.modules\n"
        "assert 'checker.ruletypes.reuse' not in sys.modules\n"
        "assert RULE_TYPES.get('nope') is None and 'nope' not in RULE_TYPES\n"
        "assert [t.name for t in RULE_TYPES.values()] == list(RULE_TYPES)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def memo(tmp_path):
    """A memo read from an empty folder, its exec and pattern compiler as install() sets them up."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return startup.CodeMemo.read(startup.memo_file(str(folder)))


def test_the_memo_compiles_a_source_once_and_gives_the_same_code(memo):
    source = "def f(a, b=2):\n    return a * b\n"
    first, second = {}, {}
    memo.exec(source, first)
    memo.exec(source, second)
    assert first["f"](3) == second["f"](3) == 6
    assert first["f"].__code__ is second["f"].__code__  # compiled once
    fresh = compile(source, "<string>", "exec", dont_inherit=True)  # as exec() in dataclasses compiles it
    assert first["f"].__code__ == next(c for c in fresh.co_consts if isinstance(c, type(fresh)))


def test_data_classes_made_through_the_memo_behave_as_usual(memo, monkeypatch):
    monkeypatch.setattr(dataclasses, "exec", memo.exec, raising=False)

    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0

    assert (
        Point(1) == Point(1, 0) and repr(Point(1, 2)).endswith("Point(x=1, y=2)") and hash(Point(1)) == hash(Point(1))
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        Point(1).x = 2  # type: ignore[misc]
    assert dataclasses.replace(Point(1), y=5) == Point(1, 5)
    assert memo.added and any("def __init__(self" in source for source in memo.code)


def test_a_pattern_from_a_kept_program_matches_as_a_fresh_one(memo, tmp_path):
    compile_pattern = memo.compile_pattern(re._compiler.compile)  # type: ignore[attr-defined]
    pattern = r"(?P<year>(?:19|20)\d{2})\s*年(?:度)?[^，。]{0,6}[\u4e00-\u9fff]+"
    text = "二〇二三年 2023年度法治政府建设工作报告"
    fresh = re.compile(pattern).search(text)
    memo.save()
    again = startup.CodeMemo.read(memo.path).compile_pattern(re._compiler.compile)  # type: ignore[attr-defined]
    for compiled in (compile_pattern(pattern, 0), again(pattern, 0)):
        found = compiled.search(text)
        assert found.span() == fresh.span() and found.group("year") == "2023"
        assert compiled.groupindex == {"year": 1} and compiled.pattern == pattern


def test_a_memo_file_from_someone_else_or_damaged_is_not_used(memo):
    memo.exec("x = 1\n", {})
    memo.save()
    assert startup.CodeMemo.read(memo.path).code  # read back
    os.chmod(memo.path, 0o666)  # writable by others: its code could be anyone's
    assert not startup.CodeMemo.read(memo.path).code
    os.chmod(memo.path, 0o600)
    with open(memo.path, "wb") as fh:
        fh.write(b"\x00not marshal")
    assert not startup.CodeMemo.read(memo.path).code


def test_a_bad_program_in_the_memo_is_compiled_afresh(memo):
    compile_pattern = memo.compile_pattern(re._compiler.compile)  # type: ignore[attr-defined]
    memo.programs[("a+b", 0)] = (32, b"\xff\xff\xff\xff", 0, {}, (None,))
    assert compile_pattern("a+b", 0).fullmatch("aab")


def test_a_memo_past_its_size_keeps_only_what_the_last_run_used(memo, monkeypatch):
    compile_pattern = memo.compile_pattern(re._compiler.compile)  # type: ignore[attr-defined]
    for n in range(40):
        compile_pattern("|".join(f"词{n}_{i}" for i in range(50)), 0)
    memo.save()
    assert len(startup.CodeMemo.read(memo.path).programs) == 40
    monkeypatch.setattr(startup, "_MAX_BYTES", os.path.getsize(memo.path))  # one more pattern goes past it
    later = startup.CodeMemo.read(memo.path)
    later_compile = later.compile_pattern(re._compiler.compile)  # type: ignore[attr-defined]
    assert later_compile("|".join(f"词3_{i}" for i in range(50)), 0).fullmatch("词3_7")  # from the file
    later_compile("另一个", 0)
    later.save()
    kept = startup.CodeMemo.read(memo.path).programs
    assert sorted(p for p, _ in kept) == sorted(["|".join(f"词3_{i}" for i in range(50)), "另一个"])


def test_no_cache_turns_the_memo_off(monkeypatch):
    monkeypatch.setenv("FZCHECK_NO_CACHE", "1")
    assert startup.cache_folder() is None


def test_the_docs_anchors_are_kept_in_the_pack_cache_until_a_builtin_pack_changes(tmp_path, monkeypatch):
    """A check links each finding to its section of docs/rules.md, which needs every built-in pack; a cold
    check reads the anchors from the pack cache instead of loading the packs it does not use."""
    import shutil

    from checker import evaluate, ruledoc

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(evaluate, "_builtin_dir", lambda: str(rules))
    evaluate._builtin_anchors.cache_clear()
    built = []

    ordered = ruledoc.ordered_builtin_packs

    def counted() -> list:
        built.append(1)
        return ordered()

    monkeypatch.setattr(ruledoc, "ordered_builtin_packs", counted)
    try:
        first = evaluate._builtin_anchors()
        assert first[("department.yaml", "data.review")] != first[("national.yaml", "data.review")]
        evaluate._builtin_anchors.cache_clear()
        assert evaluate._builtin_anchors() == first and len(built) == 1  # read back, not built again
        (rules / "extra.yaml").write_text("id: extra\n", encoding="utf-8")  # a file added to the folder
        evaluate._builtin_anchors.cache_clear()
        evaluate._builtin_anchors()
        assert len(built) == 2
    finally:
        evaluate._builtin_anchors.cache_clear()


def test_the_memo_stops_growing_once_every_pattern_a_check_needs_is_in_it(tmp_path):
    # A pattern whose text depends on set or dict order (which PYTHONHASHSEED changes from run to run)
    # would be a new entry at every start: the memo would be rewritten each time and grow without end.
    cache = tmp_path / "cache"

    def check_examples(seed: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "FZCHECK_CACHE_DIR": str(cache), "PYTHONHASHSEED": seed}
        args = ["check", *sorted(str(p) for p in (ROOT / "examples").glob("*.txt")), "--jobs", "1", "--no-config"]
        done = subprocess.run(
            [sys.executable, "-m", "checker", *args, "--format", "json"], cwd=ROOT, env=env, capture_output=True
        )
        assert done.returncode in (0, 1), done.stderr.decode()

    check_examples("1")
    (memo,) = cache.glob("code-*.marshal")
    first = memo.read_bytes()
    for seed in ("2", "3"):
        check_examples(seed)
        assert memo.read_bytes() == first, f"PYTHONHASHSEED={seed} compiled something the memo did not hold"
