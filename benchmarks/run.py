"""fzcheck's benchmark harness: five measurements in one run, so their ratios hold on a noisy machine.

Run from the project root, with the `test` extra installed (python-docx and reportlab build the
.docx and .pdf inputs):

    python -m benchmarks            # full run, about 3 minutes on 2 cores
    python -m benchmarks --quick    # a smaller run that only shows the harness works
    python -m benchmarks web        # the web app under 20 concurrent uploads (benchmarks/web.py)

(a) engine throughput: 1,000 different reports (the real ones of ../shared/realworld and
    ../shared/corpus, else examples/, read from there at run time; the rest long synthetic reports
    from benchmarks/synth.py), checked with every default pack by one process (--jobs 1), against
    benchmarks/naive.py, the two run alternately; then the same reports stage by stage, in one process;
(b) one report from a cold start, JSON and text to a pipe, against importing click, rich.console, yaml and
    rapidfuzz (the import floor), the three run in turn;
(c) 2,000 reports (.txt and .docx mixed) with the default --jobs: the peak memory of the largest single
    process (each process's own high-water mark), of all summed, wall and CPU time;
(d) scaling: one report at 1x, 4x, 16x, 64x its length, and packs at 1x, 4x, 16x the rule count;
(e) .docx loading against python-docx's Document(path).paragraphs, and .pdf loading.

The letters are those of the targets in docs/performance.md.

Every figure is given as CPU time (user + system, of the child processes for a command: the
getrusage(RUSAGE_CHILDREN) difference around it) beside wall time. CPU time is what a process
spends itself; wall time also counts waiting for cores other work holds. Commands compared are run
alternately (pairs, the order swapped every pair); a ratio is the median of the pairs' ratios.
Nothing here is asserted by the test suite except that the quick run completes.
"""

from __future__ import annotations

import argparse
import gc
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
REALWORLD = ROOT.parent / "shared" / "realworld"
BASELINE_IMPORTS = "import click, rich.console, yaml, rapidfuzz"


@dataclass(frozen=True)
class Size:
    """How much work each measurement does (full run, or --quick)."""

    copies: int
    engine_runs: int
    cold_runs: int
    load_runs: int
    batch: int
    scales: tuple[int, ...]
    rule_scales: tuple[int, ...]
    scale_runs: int


FULL = Size(
    copies=1000,
    engine_runs=5,
    cold_runs=11,
    load_runs=20,
    batch=2000,
    scales=(1, 4, 16, 64),
    rule_scales=(1, 4, 16),
    scale_runs=9,
)
QUICK = Size(
    copies=40, engine_runs=1, cold_runs=3, load_runs=3, batch=60, scales=(1, 4), rule_scales=(1, 4), scale_runs=1
)


@dataclass(frozen=True)
class Row:
    name: str
    value: str
    target: str = ""
    met: bool | None = None


# --- helpers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """One measured run: seconds of wall time and of CPU time (user + system)."""

    wall: float
    cpu: float


def source_reports() -> list[Path]:
    """Real reports: the openings of ../shared/realworld and the reports of ../shared/corpus, else the examples."""
    found = [p for folder in (REALWORLD, CORPUS) if folder.is_dir() for p in sorted(folder.glob("*.txt"))]
    return found or sorted((ROOT / "examples").glob("*.txt"))


def long_reports() -> list[Path]:
    """The full-length real reports (the scaling and batch measurements build on them)."""
    found = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return found or sorted((ROOT / "examples").glob("*.txt"))


def fzcheck_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m checker`."""
    script = Path(sys.executable).with_name("fzcheck")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "checker"]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without fzcheck's settings, and with Python's bytecode cache on, as an installed
    package has it (otherwise every cold start would compile fzcheck's modules afresh)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FZCHECK_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_COLOR="1", **extra)
    return env


def children_cpu() -> float:
    """CPU seconds of every child process ended and waited for so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Timing:
    """Wall and CPU time of a command (the CPU time of its process and of the processes it waited for)."""
    cpu = children_cpu()
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env or clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Timing(time.perf_counter() - start, children_cpu() - cpu)


def paired(a: Callable[[], Timing], b: Callable[[], Timing], runs: int) -> list[tuple[Timing, Timing]]:
    """`runs` pairs of timings taken in turn, the order swapped every pair, so load hits both alike."""
    out = []
    for number in range(runs):
        if number % 2:
            second = b()
            first = a()
        else:
            first = a()
            second = b()
        out.append((first, second))
    return out


def in_process(action: Callable[[], object]) -> Timing:
    """Wall and CPU time of a call in this process (the garbage of earlier calls collected first, so no
    call pays for another's)."""
    gc.collect()
    cpu, start = time.process_time(), time.perf_counter()
    action()
    return Timing(time.perf_counter() - start, time.process_time() - cpu)


def median_timing(action: Callable[[], object], runs: int) -> Timing:
    """Medians of wall and CPU time over `runs` calls, after one call that warms caches up."""
    action()
    times = [in_process(action) for _ in range(runs)]
    return Timing(statistics.median(t.wall for t in times), statistics.median(t.cpu for t in times))


def ms(timing: Timing, per: int = 1) -> str:
    """CPU and wall time in milliseconds (per item when `per` is given)."""
    return f"CPU {1000 * timing.cpu / per:.2f} ms, wall {1000 * timing.wall / per:.2f} ms"


def medians(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))


def copy_reports(sources: list[Path], folder: Path, count: int, suffix: str = ".txt") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        source = sources[index % len(sources)]
        shutil.copyfile(source, folder / f"r{index:05d}{suffix}")


# --- (a) engine throughput ----------------------------------------------------------------------


def throughput_corpus(folder: Path, count: int) -> str:
    """`count` different reports in `folder`: every real one (read from its shared folder now, never kept
    in the project), then synthetic ones, each generated differently; returns what it is made of."""
    from benchmarks.synth import write_synthetic

    folder.mkdir(parents=True, exist_ok=True)
    sources = source_reports()
    # A smaller run keeps the full run's share of real reports.
    real = sources[:: max(1, round(FULL.copies / count))][:count] if count < FULL.copies else sources[:count]
    for index, source in enumerate(real):
        shutil.copyfile(source, folder / f"r{index:05d}.txt")
    synthetic = write_synthetic(folder, 0, count - len(real))
    sizes = sorted(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
    origin = ", ".join(sorted({f"../{p.parent.parent.name}/{p.parent.name}" for p in real}))
    return (
        f"{len(real)} real ({origin}) + {len(synthetic)} synthetic (benchmarks/synth.py); "
        f"{sizes[0]:,}–{sizes[-1]:,} characters, median {statistics.median(sizes):,.0f}"
    )


def engine_throughput(size: Size, tmp: Path) -> list[Row]:
    folder = tmp / "a"
    made_of = throughput_corpus(folder, size.copies)
    out = tmp / "a.json"
    engine = [*fzcheck_command(), "check", str(folder), "--jobs", "1", "--format", "json", "-o", str(out)]
    engine.append("--no-config")
    naive = [sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(folder)]
    pairs = paired(lambda: run_timed(engine, tmp), lambda: run_timed(naive, tmp), size.engine_runs)
    ours, theirs = medians([p[0] for p in pairs]), medians([p[1] for p in pairs])
    cpu_ratio = statistics.median(a.cpu / b.cpu for a, b in pairs)
    wall_ratio = statistics.median(a.wall / b.wall for a, b in pairs)
    n = size.copies
    return [
        Row(f"(a) corpus: {n} reports", made_of),
        Row(
            f"(a) `fzcheck check DIR --jobs 1 --format json -o out.json --no-config`, {n} reports, "
            f"median of {len(pairs)}",
            f"CPU {ours.cpu:.2f} s, wall {ours.wall:.2f} s ({ms(ours, n)} a report)",
        ),
        Row(
            "(a) `python benchmarks/naive.py DIR`, same reports, run alternately with fzcheck",
            f"CPU {theirs.cpu:.2f} s, wall {theirs.wall:.2f} s ({ms(theirs, n)} a report)",
        ),
        Row("(a) ratio fzcheck / naive, CPU time (median of the pairs)", f"{cpu_ratio:.2f}", "≤ 2.5", cpu_ratio <= 2.5),
        Row("(a) ratio fzcheck / naive, wall time (median of the pairs)", f"{wall_ratio:.2f}"),
    ]


def stage_breakdown(size: Size, tmp: Path) -> list[Row]:
    """Where a report's CPU time goes, in this process: each stage of checker.pipeline.check_file, summed
    over the (a) corpus, then the JSON that `--format json` writes for the report."""
    from checker.evaluate import evaluate
    from checker.load import load
    from checker.normalize import normalize
    from checker.packs import default_packs
    from checker.parts import part_maps
    from checker.render.json import render_chunks
    from checker.score import Gate, result_of
    from checker.structure import build_sections

    reports = sorted((tmp / "a").glob("*.txt"))
    totals: dict[str, float] = {}

    def timed(name: str, action: Callable[[], Any]) -> Any:
        start = time.process_time()
        value = action()
        totals[name] = totals.get(name, 0.0) + time.process_time() - start
        return value

    for path in reports:
        raw = timed("load", lambda path=path: load(str(path)))
        doc = timed("normalize", lambda raw=raw: normalize(raw))
        sections = timed("structure", lambda doc=doc: build_sections(doc))
        packs = list(default_packs(doc.report_type))
        cache = timed("parts", lambda doc=doc, sections=sections, packs=packs: part_maps(doc, sections, packs))
        by_rule = {}
        for pack in packs:
            found = timed(
                f"rules: {pack.id}",
                lambda pack=pack, doc=doc, sections=sections, cache=cache: evaluate(doc, sections, pack, None, cache),
            )
            for finding in found:  # as check_file does: a later pack naming the same rule decides it
                by_rule.pop(finding.rule, None)
                by_rule[finding.rule] = finding
        result = timed(
            "score",
            lambda doc=doc, sections=sections, packs=packs, by_rule=by_rule: result_of(
                doc, sections, list(by_rule.values()), packs, Gate()
            ),
        )
        timed("JSON", lambda result=result: b"".join(render_chunks([result], [])))
    total = sum(totals.values())
    totals["score"] = totals.pop("score")  # the last stages, after every pack's
    totals["JSON"] = totals.pop("JSON")
    return [
        Row(
            f"(a) per report, stage: {name} (CPU, in one process)",
            f"{1000 * seconds / len(reports):.2f} ms ({seconds / total:.0%})",
        )
        for name, seconds in totals.items()
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


def in_turn(commands: dict[str, list[str]], cwd: Path, rounds: int) -> dict[str, list[Timing]]:
    """Each command's timings, the commands taken in turn in every round (the order rotated each round),
    so load on the machine hits them alike."""
    names = list(commands)
    out: dict[str, list[Timing]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            out[name].append(run_timed(commands[name], cwd))
    return out


def cold_start(size: Size, tmp: Path) -> list[Row]:
    report = long_reports()[-1]
    check = [*fzcheck_command(), "check", str(report), "--jobs", "1", "--no-config"]
    commands = {
        "floor": [sys.executable, "-c", BASELINE_IMPORTS],
        "json": [*check, "--format", "json"],
        "text": check,  # to a pipe (run_timed's stdout is /dev/null, no terminal either way)
    }
    for command in commands.values():  # the first run after an install fills the pack and code caches
        run_timed(command, tmp)
    timings = in_turn(commands, tmp, size.cold_runs)
    floor = medians(timings["floor"])
    rows = [
        Row(
            f'(b) `python -c "{BASELINE_IMPORTS}"` (the import floor), median of {size.cold_runs}',
            f"CPU {1000 * floor.cpu:.0f} ms, wall {1000 * floor.wall:.0f} ms",
        )
    ]
    for name, shown in (("json", "--format json"), ("text", "text to a pipe")):
        ours = medians(timings[name])
        # Each run against the floor run of its round: the median of these ratios moves less with the load.
        cpu_ratio = statistics.median(a.cpu / b.cpu for a, b in zip(timings[name], timings["floor"], strict=True))
        wall_ratio = statistics.median(a.wall / b.wall for a, b in zip(timings[name], timings["floor"], strict=True))
        rows += [
            Row(
                f"(b) `fzcheck check {report.name} --jobs 1 --no-config`, {shown}, cold, in turn with the floor",
                f"CPU {1000 * ours.cpu:.0f} ms, wall {1000 * ours.wall:.0f} ms",
            ),
            Row(
                f"(b) ratio cold check ({shown}) / import floor, CPU time (median of the rounds)",
                f"{cpu_ratio:.2f}",
                "≤ 1.3",
                cpu_ratio <= 1.3,
            ),
            Row(
                f"(b) ratio cold check ({shown}) / import floor, wall time (median of the rounds)", f"{wall_ratio:.2f}"
            ),
        ]
    heavy = ("rich", "opencc", "docx", "pdfminer", "checker.load.docx", "checker.load.pdf", "checker.load.html")
    for fmt in ("json", "text"):
        modules = imported_modules(report, fmt)
        loaded = sorted(m for m in heavy if m in modules or any(k.startswith(m + ".") for k in modules))
        rows.append(
            Row(
                f"(b) rich, opencc, docx/pdf/html code imported by a .txt check with --format {fmt} to a pipe",
                "、".join(loaded) if loaded else "none",
                "none",
                not loaded,
            )
        )
    return rows


# --- (c) a mixed batch with the default --jobs ------------------------------------------------


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


def run_sampled(command: list[str], cwd: Path) -> tuple[Timing, int, int, int]:
    """Wall and CPU time (the process and the workers it waited for, from wait4), the peak summed RSS of
    the process tree (sampled every 20 ms), and the peak RSS of the parent and of the largest other
    process of the tree (each its own high-water mark, VmHWM), all in KB.

    Not wait4's ru_maxrss for the parent: it also counts the copy of this (large) process that the fork
    made before exec."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    peaks: dict[int, int] = {}
    while True:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss_kb(proc.pid, peaks))
        time.sleep(0.02)
    proc.returncode = 0  # reaped above; keeps Popen from waiting again
    timing = Timing(time.perf_counter() - start, usage.ru_utime + usage.ru_stime)
    workers = max((kb for p, kb in peaks.items() if p != proc.pid), default=0)
    return timing, peak, peaks.get(proc.pid, 0), workers


def batch(size: Size, tmp: Path) -> list[Row]:
    from checker.batch import default_jobs
    from tests.docxkit import report_docx

    sources = long_reports()
    folder = tmp / "c"
    docx_sources = [report_docx(tmp / f"src{i}.docx", s.read_text(encoding="utf-8")) for i, s in enumerate(sources)]
    copy_reports(sources, folder, size.batch // 2)
    for index in range(size.batch - size.batch // 2):
        shutil.copyfile(docx_sources[index % len(docx_sources)], folder / f"w{index:05d}.docx")
    out = tmp / "c.json"
    # The default --jobs (one process per core), as a person runs it.
    command = [*fzcheck_command(), "check", str(folder), "--format", "json", "-o", str(out), "--no-config"]
    timing, peak, parent, workers = run_sampled(command, tmp)
    largest = max(parent, workers)
    return [
        Row(
            f"(c) {size.batch} reports (.txt and .docx), default --jobs ({default_jobs()} here): peak RSS of the "
            "largest single process (parent / largest worker)",
            f"{largest / 1024:.0f} MB ({parent / 1024:.0f} / {workers / 1024:.0f})",
            "≤ 50 MB",
            largest <= 50 * 1024,
        ),
        Row("(c) peak RSS, all processes summed (sampled every 20 ms)", f"{peak / 1024:.0f} MB"),
        Row("(c) same batch, wall", f"{timing.wall:.1f} s (CPU of all processes {timing.cpu:.1f} s)"),
    ]


# --- (d) scaling --------------------------------------------------------------------------------


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
    """Each pack extended by a copy holding its rules `factor - 1` more times under new ids (so `factor` times
    as many rules apply to any report)."""
    import yaml

    from checker.packs import load_pack

    out = []
    for pack in packs:
        copies = [{**rule, "id": f"{rule['id']}-x{n}"} for n in range(1, factor) for rule in pack.raw_rules]
        path = tmp / f"{pack.id}-x{factor}.yaml"
        data = {"id": f"{pack.id}-x{factor}", "extends": str(Path(pack.path).resolve()), "rules": copies}
        # The copies apply to the report years and types the originals do (a pack's own default).
        data["applies_to"] = list(pack.applies_to)
        if pack.years is not None:
            data["years"] = list(pack.years)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        out.append(load_pack(path))
    return out


def interleaved_timings(actions: list[Callable[[], object]], runs: int) -> list[Timing]:
    """Median wall and CPU time of each action, the actions taken in turn in every round (after one call
    each that warms caches up), so load on the machine hits every size alike."""
    for action in actions:
        action()
    samples: list[list[Timing]] = [[] for _ in actions]
    for _ in range(runs):
        for sample, action in zip(samples, actions, strict=True):
            sample.append(in_process(action))
    return [medians(sample) for sample in samples]


def scaling(size: Size, tmp: Path) -> list[Row]:
    """CPU time of one check as the report grows and as the packs grow: nothing may grow faster than they do."""
    from checker.evaluate import rule_applies
    from checker.load import load
    from checker.normalize import normalize
    from checker.packs import default_packs
    from checker.pipeline import check_file
    from checker.score import Gate

    source = max(long_reports(), key=lambda p: p.stat().st_size)
    text = source.read_text(encoding="utf-8")
    rows = []
    raws = []
    for factor in size.scales:
        path = tmp / f"d{factor}.txt"
        path.write_text(longer(text, factor), encoding="utf-8")
        raws.append(load(str(path)))
    timings = interleaved_timings([lambda raw=raw: check_file(raw, None, Gate()) for raw in raws], size.scale_runs)
    for factor, raw, timing in zip(size.scales, raws, timings, strict=True):
        rows.append(
            Row(
                f"(d) one report, {factor}× length ({len(raw.text):,} characters)",
                f"{ms(timing)} ({timing.cpu / timings[0].cpu:.1f}× CPU)",
            )
        )
    if size.scales[-1] > 1:
        grown, limit = timings[-1].cpu / timings[0].cpu, size.scales[-1]
        rows.append(Row(f"(d) CPU time at {limit}× length / 1×", f"{grown:.1f}×", f"≤ {limit}×", grown <= limit))
    raw = load(str(source))
    doc = normalize(raw)
    base_packs = list(default_packs("government"))
    sets = [base_packs if factor == 1 else multiplied_packs(base_packs, tmp, factor) for factor in size.rule_scales]
    timings = interleaved_timings(
        [lambda packs=packs: check_file(raw, packs, Gate()) for packs in sets], size.scale_runs
    )
    for factor, packs, timing in zip(size.rule_scales, sets, timings, strict=True):
        rules = sum(len(p.rules) for p in packs)
        applying = sum(rule_applies(r, doc.report_year, doc.report_type) for p in packs for r in p.rules)
        rows.append(
            Row(
                f"(d) default packs at {factor}× their rules ({rules} rules, {applying} for this report's year)",
                f"{ms(timing)} ({timing.cpu / timings[0].cpu:.1f}× CPU)",
            )
        )
    if size.rule_scales[-1] > 1:
        grown, limit = timings[-1].cpu / timings[0].cpu, size.rule_scales[-1]
        rows.append(Row(f"(d) CPU time at {limit}× the rules / 1×", f"{grown:.1f}×", f"≤ {limit}×", grown <= limit))
    return rows


# --- (e) loading .docx and .pdf -----------------------------------------------------------------


def loading(size: Size, tmp: Path) -> list[Row]:
    import docx

    from benchmarks.load_formats import report_text, write_formats
    from checker.load import load

    text = report_text()
    (tmp / "e").mkdir()
    paths = write_formats(text, tmp / "e")
    ours = median_timing(lambda: load(str(paths["docx"])), size.load_runs)
    theirs = median_timing(lambda: [p.text for p in docx.Document(str(paths["docx"])).paragraphs], size.load_runs)
    pdf = median_timing(lambda: load(str(paths["pdf"])), max(1, size.load_runs // 4))
    txt = median_timing(lambda: load(str(paths["txt"])), size.load_runs)
    factor = theirs.cpu / ours.cpu
    return [
        Row(f"(e) load .docx, {len(text):,} characters", ms(ours), "≤ 10 ms CPU", ours.cpu <= 0.010),
        Row("(e) python-docx Document(path).paragraphs, same file", ms(theirs)),
        Row("(e) python-docx / fzcheck .docx load, CPU time", f"{factor:.1f}×", "≥ 3×", factor >= 3),
        Row("(e) load .pdf, same text (pdfminer.six)", ms(pdf)),
        Row("(e) load .txt, same text", ms(txt)),
    ]


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


STEPS: dict[str, tuple[Callable[[Size, Path], list[Row]], ...]] = {
    "a": (engine_throughput, stage_breakdown),
    "b": (cold_start,),
    "c": (batch,),
    "d": (scaling,),
    "e": (loading,),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the harness, not the speed")
    parser.add_argument(
        "what",
        nargs="?",
        choices=["web", *STEPS],
        help="web: the web app under 20 concurrent uploads (benchmarks/web.py); a letter: that measurement only",
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
        with tempfile.TemporaryDirectory(prefix="fzcheck-bench-") as name:
            tmp = Path(name)
            for letter, steps in STEPS.items():
                for step in steps if args.what in (None, letter) else ():
                    rows.extend(step(size, tmp))
                    print(f"  {step.__name__} done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    print()
    print_table(rows)
    missed = [r.name for r in rows if r.met is False]
    print(f"\n{len(rows)} rows in {time.perf_counter() - started:.0f} s; targets missed: {len(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
