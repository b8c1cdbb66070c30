"""fzcheck's benchmark harness: five measurements in one run, so their ratios hold on a noisy machine.

Run from the project root, with the `test` extra installed (python-docx and reportlab build the
.docx and .pdf inputs):

    python -m benchmarks            # full run, about 2 minutes on 2 cores
    python -m benchmarks --quick    # a smaller run that only shows the harness works
    python -m benchmarks web        # the web app under 20 concurrent uploads (benchmarks/web.py)

(a) engine throughput: the corpus reports (../shared/corpus, else examples/) copied to 1,000 files,
    checked with every default pack by one process, against benchmarks/naive.py;
(b) one report from a cold start, JSON and text, against importing click, rich, yaml and rapidfuzz (CPU
    time of the child processes), and its wall time against importing click, rich.console, yaml, rapidfuzz;
(c) .docx loading against python-docx's Document(path).paragraphs, and .pdf loading;
(d) 2,000 reports (.txt and .docx mixed) with the default --jobs: wall time, peak memory (summed; the parent;
    the largest worker);
(e) scaling: one report at 1x, 4x, 16x its length, and packs at 1x, 4x the rule count.

Every timing is a median of repeated runs; subprocess runs are interleaved with their baseline.
Nothing here is asserted by the test suite except that the quick run completes.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
BASELINE_IMPORTS = "import click, rich.console, yaml, rapidfuzz"
IMPORT_FLOOR = "import click, rich, yaml, rapidfuzz"  # what the cold CPU ratios compare with


@dataclass(frozen=True)
class Size:
    """How much work each measurement does (full run, or --quick)."""

    copies: int
    engine_runs: int
    cold_runs: int
    load_runs: int
    batch: int
    scales: tuple[int, ...]
    scale_runs: int


FULL = Size(copies=1000, engine_runs=3, cold_runs=11, load_runs=20, batch=2000, scales=(1, 4, 16), scale_runs=5)
QUICK = Size(copies=40, engine_runs=1, cold_runs=3, load_runs=3, batch=60, scales=(1, 4), scale_runs=1)


@dataclass(frozen=True)
class Row:
    name: str
    value: str
    target: str = ""
    met: bool | None = None


# --- helpers ------------------------------------------------------------------------------------


def source_reports() -> list[Path]:
    """The reports the batches are made of: the shared corpus when present, else the examples."""
    found = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return found or sorted((ROOT / "examples").glob("*.txt"))


def fzcheck_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m checker`."""
    script = Path(sys.executable).with_name("fzcheck")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "checker"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FZCHECK_")}
    env.update(NO_COLOR="1", **extra)
    return env


def wall(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env or clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def interleaved(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians of two timings taken in turn, so load on the machine hits both alike."""
    first, second = [], []
    for _ in range(runs):
        first.append(a())
        second.append(b())
    return statistics.median(first), statistics.median(second)


def median_s(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def copy_reports(sources: list[Path], folder: Path, count: int, suffix: str = ".txt") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        source = sources[index % len(sources)]
        shutil.copyfile(source, folder / f"r{index:05d}{suffix}")


def ratio_row(name: str, ours: float, theirs: float, limit: float) -> Row:
    ratio = ours / theirs
    return Row(name, f"{ratio:.2f}", f"≤ {limit}", ratio <= limit)


# --- (a) engine throughput ----------------------------------------------------------------------


def engine_throughput(size: Size, tmp: Path) -> list[Row]:
    folder = tmp / "a"
    copy_reports(source_reports(), folder, size.copies)
    out = tmp / "a.json"
    engine = [
        *fzcheck_command(),
        "check",
        str(folder),
        "--jobs",
        "1",
        "--format",
        "json",
        "-o",
        str(out),
        "--no-config",
    ]
    naive = [sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(folder)]
    ours, theirs = interleaved(lambda: wall(engine, tmp), lambda: wall(naive, tmp), size.engine_runs)
    n = size.copies
    from benchmarks.naive import ITEMS
    from checker.packs import default_packs

    rules = sum(len(p.rules) for p in default_packs("government"))
    return [
        Row(
            f"(a) fzcheck, {n} reports, one process, all default packs, JSON out",
            f"{ours:.2f} s ({1000 * ours / n:.2f} ms/report)",
        ),
        Row(f"(a) naive partial_ratio script, {n} reports", f"{theirs:.2f} s ({1000 * theirs / n:.2f} ms/report)"),
        ratio_row("(a) ratio fzcheck / naive", ours, theirs, 1.0),
        Row(
            f"(a) per item checked: fzcheck's {rules} rules vs the naive script's {len(ITEMS)} items",
            f"{1000 * ours / n / rules:.3f} vs {1000 * theirs / n / len(ITEMS):.3f} ms",
        ),
    ]


def stage_breakdown(size: Size, tmp: Path) -> list[Row]:
    """Where one report's time goes, in this process: each stage's median over the corpus reports."""
    from checker.evaluate import evaluate
    from checker.load import load
    from checker.normalize import normalize
    from checker.packs import default_packs
    from checker.pipeline import check_file
    from checker.render.json import render_json
    from checker.score import Gate
    from checker.structure import build_sections

    reports = source_reports()
    packs = default_packs("government")
    times: dict[str, list[float]] = {}

    def timed(name: str, action: Callable[[], object]) -> object:
        start = time.perf_counter()
        value = action()
        times.setdefault(name, []).append(time.perf_counter() - start)
        return value

    for _ in range(max(1, size.scale_runs * 4)):
        for path in reports:
            raw = timed("load", lambda path=path: load(str(path)))
            doc = timed("normalize", lambda raw=raw: normalize(raw))
            sections = timed("structure", lambda doc=doc: build_sections(doc))
            cache: dict = {}
            for pack in packs:
                timed(
                    f"rules: {pack.id}",
                    lambda pack=pack, doc=doc, sections=sections, cache=cache: evaluate(
                        doc, sections, pack, None, cache
                    ),
                )
            result = check_file(raw, None, Gate())
            timed("JSON", lambda result=result: render_json([result], []))
    total = sum(statistics.median(v) for v in times.values())
    return [
        Row(
            f"(a) per report, stage: {name}",
            f"{1000 * statistics.median(v):.2f} ms ({statistics.median(v) / total:.0%})",
        )
        for name, v in times.items()
    ]


# --- (b) cold start -----------------------------------------------------------------------------


def imported_modules(report: Path, fmt: str) -> set[str]:
    """Modules imported by one check in a fresh interpreter, its output going to a pipe."""
    code = (
        "import sys, io, contextlib\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(report)!r}, '--format', {fmt!r}, '--no-config'])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean_env(), capture_output=True, text=True)
    return set(done.stdout.split())


def child_cpu(command: list[str], cwd: Path) -> float:
    """CPU time (user + system) of one child process, in seconds: unlike wall time, load on the
    machine from other processes barely moves it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_start(size: Size, tmp: Path) -> list[Row]:
    report = source_reports()[-1]
    commands = {
        "floor": [sys.executable, "-c", IMPORT_FLOOR],
        "json": [*fzcheck_command(), "check", str(report), "--format", "json", "--no-config"],
        "text": [*fzcheck_command(), "check", str(report), "--no-config"],
    }
    for command in commands.values():  # the first run after an install fills the pack and code caches
        child_cpu(command, tmp)
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(size.cold_runs * 2):  # in turn, so load on the machine hits all alike
        for name, command in commands.items():
            cpu[name].append(child_cpu(command, tmp))
    floor, json_cpu, text_cpu = (statistics.median(cpu[name]) for name in ("floor", "json", "text"))
    # Each run against the floor run beside it: the median of these ratios moves less with the load.
    json_ratio, text_ratio = (
        statistics.median(ours / base for ours, base in zip(cpu[name], cpu["floor"], strict=True))
        for name in ("json", "text")
    )
    ours, theirs = interleaved(
        lambda: wall(commands["json"], tmp), lambda: wall([sys.executable, "-c", BASELINE_IMPORTS], tmp), size.cold_runs
    )
    modules = imported_modules(report, "json")
    heavy = ("rich", "opencc", "docx", "pdfminer", "checker.load.docx", "checker.load.pdf", "checker.load.html")
    loaded = sorted(m for m in heavy if m in modules or any(k.startswith(m + ".") for k in modules))
    text_modules = imported_modules(report, "text")
    from checker.model import REPORT_TYPES
    from checker.packs import default_packs
    from checker.ruletypes.registry import BUILTIN_TYPES

    used = {rule.type for kind in REPORT_TYPES for pack in default_packs(kind) for rule in pack.rules}
    unused = sorted(m for m in (f"checker.ruletypes.{t}" for t in set(BUILTIN_TYPES) - used) if m in text_modules)
    text_loaded = sorted({m.split(".")[0] for m in text_modules if m.split(".")[0] == "rich"} | set(unused))
    runs = size.cold_runs * 2
    return [
        Row(f'(b) CPU of `python -c "{IMPORT_FLOOR}"` (the import floor), median of {runs}', f"{1000 * floor:.0f} ms"),
        Row(f"(b) CPU of `fzcheck check {report.name} --format json`, cold", f"{1000 * json_cpu:.0f} ms"),
        ratio_row("(b) ratio cold JSON check / import floor (CPU, median of paired runs)", json_ratio, 1.0, 1.3),
        Row(f"(b) CPU of `fzcheck check {report.name}` (text to a pipe), cold", f"{1000 * text_cpu:.0f} ms"),
        ratio_row("(b) ratio cold text check / import floor (CPU, median of paired runs)", text_ratio, 1.0, 1.3),
        Row(f"(b) wall: JSON check, median of {size.cold_runs}", f"{1000 * ours:.0f} ms"),
        Row(f'(b) wall: `python -c "{BASELINE_IMPORTS}"`', f"{1000 * theirs:.0f} ms"),
        ratio_row("(b) wall ratio cold JSON check / imports", ours, theirs, 1.5),
        Row(
            "(b) rich, opencc, docx/pdf/html code imported by a .txt check with --format json",
            "、".join(loaded) if loaded else "none",
            "none",
            not loaded,
        ),
        Row(
            f"(b) rich, or any of the {len(BUILTIN_TYPES) - len(used)} types no default pack uses, in a text check",
            "、".join(text_loaded) if text_loaded else "none",
            "none",
            not text_loaded,
        ),
    ]


# --- (c) loading .docx and .pdf -----------------------------------------------------------------


def loading(size: Size, tmp: Path) -> list[Row]:
    import docx

    from benchmarks.load_formats import report_text, write_formats
    from checker.load import load

    text = report_text()
    (tmp / "c").mkdir()
    paths = write_formats(text, tmp / "c")
    ours = median_s(lambda: load(str(paths["docx"])), size.load_runs)
    theirs = median_s(lambda: [p.text for p in docx.Document(str(paths["docx"])).paragraphs], size.load_runs)
    pdf = median_s(lambda: load(str(paths["pdf"])), max(1, size.load_runs // 4))
    txt = median_s(lambda: load(str(paths["txt"])), size.load_runs)
    return [
        Row(f"(c) load .docx, {len(text):,} characters", f"{1000 * ours:.1f} ms", "≤ 10 ms", ours <= 0.010),
        Row("(c) python-docx Document(path).paragraphs, same file", f"{1000 * theirs:.1f} ms"),
        Row("(c) python-docx / fzcheck .docx load", f"{theirs / ours:.1f}×", "≥ 3×", theirs / ours >= 3),
        Row("(c) load .pdf, same text (pdfminer.six)", f"{1000 * pdf:.0f} ms"),
        Row("(c) load .txt, same text", f"{1000 * txt:.1f} ms"),
    ]


# --- (d) a mixed batch with the default --jobs ---------------------------------------------------


def tree_rss_kb(pid: int, peaks: dict[int, int] | None = None) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), in KB; `peaks` gets each
    process's own peak so far (VmHWM), by pid."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            fields = {line.split(":")[0]: line.split()[1] for line in status.splitlines() if line.startswith("Vm")}
            total += int(fields["VmRSS"])
            if peaks is not None:
                peaks[current] = max(peaks.get(current, 0), int(fields.get("VmHWM", fields["VmRSS"])))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, KeyError, ValueError):
            continue
    return total


def run_sampled(command: list[str], cwd: Path) -> tuple[float, int, int, int]:
    """Wall time, peak summed RSS of the process tree (sampled every 20 ms), and the peak RSS of the
    parent and of the largest other process of the tree (each its own high-water mark), all in KB."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    peaks: dict[int, int] = {}
    while True:
        pid, _, _ = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss_kb(proc.pid, peaks))
        time.sleep(0.02)
    proc.returncode = 0  # reaped above; keeps Popen from waiting again
    # Not wait4's ru_maxrss: it also counts the copy of this (large) process that the fork made
    # before exec, and what the workers it reaped used.
    parent = peaks.get(proc.pid, 0)
    workers = max((kb for p, kb in peaks.items() if p != proc.pid), default=0)
    return time.perf_counter() - start, peak, parent, workers


def batch(size: Size, tmp: Path) -> list[Row]:
    from checker.batch import default_jobs
    from tests.docxkit import report_docx

    sources = source_reports()
    folder = tmp / "d"
    docx_sources = [report_docx(tmp / f"src{i}.docx", s.read_text(encoding="utf-8")) for i, s in enumerate(sources)]
    copy_reports(sources, folder, size.batch // 2)
    for index in range(size.batch - size.batch // 2):
        shutil.copyfile(docx_sources[index % len(docx_sources)], folder / f"w{index:05d}.docx")
    out = tmp / "d.json"
    # The default --jobs (one process per core), as a person runs it.
    command = [*fzcheck_command(), "check", str(folder), "--format", "json", "-o", str(out), "--no-config"]
    elapsed, peak, parent, workers = run_sampled(command, tmp)
    jobs = default_jobs()
    largest = max(parent, workers)
    return [
        Row(
            f"(d) {size.batch} reports (.txt and .docx), default --jobs ({jobs} here), wall",
            f"{elapsed:.1f} s",
            "≤ 30 s",
            elapsed <= 30,
        ),
        Row("(d) peak RSS, all processes summed", f"{peak / 1024:.0f} MB", "≤ 300 MB", peak <= 300 * 1024),
        Row(
            "(d) peak RSS, largest single process (parent / largest worker)",
            f"{largest / 1024:.0f} MB ({parent / 1024:.0f} / {workers / 1024:.0f})",
            "≤ 50 MB",
            largest <= 50 * 1024,
        ),
    ]


# --- (e) scaling --------------------------------------------------------------------------------


def longer(text: str, factor: int) -> str:
    """The report with the body of each part repeated `factor` times (its headings kept once)."""
    import re

    heading = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
    out: list[str] = []
    body: list[str] = []
    for line in text.splitlines():
        if heading.match(line.strip()):
            out.extend(body * factor)
            body = []
            out.append(line)
        elif out:
            body.append(line)
        else:
            out.append(line)
    out.extend(body * factor)
    return "\n".join(out)


def multiplied_packs(packs: list, tmp: Path, factor: int) -> list:
    """Each pack extended by a copy holding its rules `factor - 1` more times under new ids."""
    import yaml

    from checker.packs import load_pack

    out = []
    for pack in packs:
        copies = [{**rule, "id": f"{rule['id']}-x{n}"} for n in range(1, factor) for rule in pack.raw_rules]
        path = tmp / f"{pack.id}-x{factor}.yaml"
        data = {"id": f"{pack.id}-x{factor}", "extends": str(Path(pack.path).resolve()), "rules": copies}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        out.append(load_pack(path))
    return out


def scaling(size: Size, tmp: Path) -> list[Row]:
    from checker.load import load
    from checker.packs import default_packs
    from checker.pipeline import check_file
    from checker.score import Gate

    source = max(source_reports(), key=lambda p: p.stat().st_size)
    text = source.read_text(encoding="utf-8")
    rows = []
    base = None
    for factor in size.scales:
        path = tmp / f"e{factor}.txt"
        path.write_text(longer(text, factor), encoding="utf-8")
        raw = load(str(path))
        seconds = median_s(lambda raw=raw: check_file(raw, None, Gate()), size.scale_runs)
        base = base or seconds
        rows.append(
            Row(
                f"(e) one report, {factor}× length ({len(raw.text):,} characters)",
                f"{1000 * seconds:.1f} ms ({seconds / base:.1f}×)",
            )
        )
    if size.scales[-1] > 1:
        grown = seconds / base
        limit = size.scales[-1] * 1.25
        rows.append(
            Row(f"(e) time at {size.scales[-1]}× length / 1×", f"{grown:.1f}×", f"≤ {limit:g}×", grown <= limit)
        )
    raw = load(str(source))
    base_packs = list(default_packs("government"))
    for factor in (1, 4):
        packs = base_packs if factor == 1 else multiplied_packs(base_packs, tmp, factor)
        rules = sum(len(p.rules) for p in packs)
        seconds = median_s(lambda packs=packs: check_file(raw, packs, Gate()), size.scale_runs)
        base = base if factor > 1 else seconds
        rows.append(
            Row(
                f"(e) default packs at {factor}× their rules ({rules} rules)",
                f"{1000 * seconds:.1f} ms ({seconds / base:.1f}×)",
            )
        )
    return rows


# --- main ---------------------------------------------------------------------------------------


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def print_table(rows: list[Row]) -> None:
    print("| measurement | value | target | met |")
    print("|---|---|---|---|")
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        print(f"| {row.name} | {row.value} | {row.target} | {met} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the harness, not the speed")
    parser.add_argument(
        "what", nargs="?", choices=["web"], help="web: the web app under 20 concurrent uploads (benchmarks/web.py)"
    )
    args = parser.parse_args(argv)
    size = QUICK if args.quick else FULL
    started = time.perf_counter()
    print(f"fzcheck benchmarks ({'quick' if args.quick else 'full'}) on {machine()}")
    rows: list[Row] = []
    if args.what == "web":
        from benchmarks.web import web_load

        rows = web_load(args.quick)
    else:
        print(f"reports: {len(source_reports())} from {source_reports()[0].parent}")
        with tempfile.TemporaryDirectory(prefix="fzcheck-bench-") as name:
            tmp = Path(name)
            for step in (engine_throughput, stage_breakdown, cold_start, loading, batch, scaling):
                rows.extend(step(size, tmp))
                print(f"  {step.__name__} done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    print()
    print_table(rows)
    missed = [r.name for r in rows if r.met is False]
    print(f"\n{len(rows)} rows in {time.perf_counter() - started:.0f} s; targets missed: {len(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
