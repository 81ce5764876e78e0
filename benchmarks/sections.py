"""The sections of the benchmark, each measuring one claim of issue 16 and reporting its figures
as rows of the table, its targets, and the raw numbers for ``--json``."""

from __future__ import annotations

import cProfile
import csv
import datetime
import functools
import io
import json
import pstats
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import data
import handwritten
import library
import timing

AS_OF = data.AS_OF
STAMP = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
"""The DTSTAMP of the calendars written (a fixed one: the current time is no part of it)."""
HERE = Path(__file__).resolve().parent


@dataclass
class Sizes:
    """How much each section does."""

    holders: int = 2000
    body_holders: int = 400
    people: int = 2000
    ics_holders: int = 500
    startup_runs: int = 30
    workers_holders: int = 2000
    memory: tuple[int, ...] = (10_000, 100_000)
    memory_bodies: tuple[str, ...] = data.HANDWRITTEN_BODIES
    memory_activities: data.Size = (4, 8)
    """The holders of the memory section: AAMA and NHA with short histories, the cheapest to
    evaluate, so that 110,000 of them through the API and as many through the command line
    fit a run of minutes. What is measured is what stays held from one holder to the next,
    which neither the body nor the length of a history changes; ``--memory-bodies`` and
    ``--memory-activities`` measure others."""
    repeat: int = 5
    seed: int = data.SEED
    profile: bool = False


@dataclass
class Row:
    """One line of the table."""

    section: str
    measure: str
    value: str
    target: str = ""
    verdict: str = ""


@dataclass
class Report:
    """What the sections found: rows for people, figures for ``--json``."""

    rows: list[Row] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    def row(self, section: str, measure: str, value: str) -> None:
        self.rows.append(Row(section, measure, value))

    def target(self, section: str, measure: str, value: str, target: str, met: bool | None) -> None:
        verdict = "n/a" if met is None else "met" if met else "MISSED"
        self.rows.append(Row(section, measure, value, target, verdict))
        self.figures.setdefault("targets", []).append(
            {"section": section, "measure": measure, "value": value, "target": target, "met": met}
        )


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


def spread(timings: timing.Timings, name: str) -> str:
    return f"±{timings.spread(name) / 2:.0%}"


def ratio_text(value: tuple[float, float, float]) -> str:
    middle, low, high = value
    return f"{middle:.1f}x ({low:.1f}-{high:.1f})"


# --- end to end ------------------------------------------------------------------------------


def end_to_end(sizes: Sizes, report: Report) -> None:
    """recertlib end to end (JSON Lines in, JSON Lines out) against the hand-written evaluator
    of the same AAMA and NHA rules on the same input, full and small output."""
    section = "end-to-end"
    records = list(data.holders(sizes.holders, data.HANDWRITTEN_BODIES, sizes.seed))
    text = data.json_lines(records)
    registry = library.registry()
    count = len(records)
    sinks = {
        name: Sink() for name in ("recertlib full", "hand full", "recertlib small", "hand small")
    }

    def recertlib(full_output: bool, sink: Sink) -> Callable[[], object]:
        return lambda: _counted(
            library.end_to_end(text, sink, registry, AS_OF, full_output=full_output), count
        )

    def by_hand(full_output: bool, sink: Sink) -> Callable[[], object]:
        return lambda: _counted(
            handwritten.run(io.StringIO(text), sink, AS_OF, full_output=full_output), count
        )

    timings = timing.interleaved(
        {
            "recertlib, full verdict": recertlib(True, sinks["recertlib full"]),
            "hand-written, full": by_hand(True, sinks["hand full"]),
            "recertlib, small output": recertlib(False, sinks["recertlib small"]),
            "hand-written, small": by_hand(False, sinks["hand small"]),
        },
        sizes.repeat,
    )
    stages = _stages(text, registry, sizes.repeat)
    if sizes.profile:
        report.figures.setdefault(section, {})["profile"] = _profile(
            lambda: library.end_to_end(text, Sink(), registry, AS_OF, full_output=True)
        )
    report.row(section, "holders (AAMA CMA and NHA CCMA, half each)", f"{count:,}")
    runs = (sizes.repeat + 1) * count  # the warm-up run wrote too
    for name, sink in zip(timings.runs, sinks.values(), strict=True):
        report.row(
            section,
            name,
            f"{rate(count, timings.median(name))} {spread(timings, name)},"
            f" {sink.written / runs / 1000:.1f} kB a holder",
        )
    full = timings.ratio("recertlib, full verdict", "hand-written, full")
    small = timings.ratio("recertlib, small output", "hand-written, small")
    report.target(
        section, "full: recertlib / hand-written", ratio_text(full), "<= 8x", full[0] <= 8
    )
    report.target(
        section, "small: recertlib / hand-written", ratio_text(small), "<= 5x", small[0] <= 5
    )
    total = sum(stages.median(name) for name in stages.runs)
    for name in stages.runs:
        share = stages.median(name) / total
        report.row(section, f"recertlib stage: {name}", f"{share:.0%} of the time")
    report.figures.setdefault(section, {}).update(
        {
            "holders": count,
            "timings": timings.as_json(),
            "ratios": {"full": full, "small": small},
            "stages": stages.as_json(),
        }
    )


class Sink:
    """Where output goes: counted, then dropped (no file system in the timings)."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)


def _counted(written: int, expected: int) -> int:
    if written != expected:
        raise RuntimeError(f"wrote {written} lines for {expected} holders")
    return written


def _stages(text: str, registry: library.Registry, repeat: int) -> timing.Timings:
    """Where recertlib's end-to-end time goes: reading (parsing, checking, structuring),
    evaluating, and turning verdicts into JSON, each stage timed on its own on the same
    holders."""
    holders = library.read(text)
    verdicts = [
        library.evaluate(h.credential, h.activities, as_of=AS_OF, registry=registry)
        for h in holders
    ]
    return timing.interleaved(
        {
            "read (parse, check, structure)": lambda: library.read(text),
            "evaluate": lambda: [
                library.evaluate(h.credential, h.activities, as_of=AS_OF, registry=registry)
                for h in holders
            ],
            "unstructure and json.dumps": lambda: [
                json.dumps(library.unstructure(v)) for v in verdicts
            ],
        },
        repeat,
    )


def _profile(work: Callable[[], object]) -> list[dict[str, Any]]:
    """Profile one run of ``work``; print and return the functions that took the most time."""
    profiler = cProfile.Profile()
    profiler.runcall(work)
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).sort_stats("tottime")
    stats.print_stats(25)
    print(stream.getvalue())
    top: list[dict[str, Any]] = []
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (file, line, function), (_, calls, own, cumulative, _) in sorted(
        entries.items(), key=lambda item: -item[1][2]
    )[:25]:
        top.append(
            {
                "function": f"{Path(file).name}:{line}({function})",
                "calls": calls,
                "tottime": own,
                "cumtime": cumulative,
            }
        )
    return top


# --- bodies ----------------------------------------------------------------------------------


def bodies(sizes: Sizes, report: Report) -> None:
    """Holders per second for each of the five bodies, realistic histories, evaluate alone and
    end to end (full verdict JSON)."""
    section = "bodies"
    registry = library.registry()
    count = sizes.body_holders
    work: dict[str, Callable[[], object]] = {}
    sink = Sink()
    for body in data.BODIES:
        records = list(data.holders(count, [body], sizes.seed))
        text = data.json_lines(records)
        holders = [library.structure_holder(record) for record in records]

        def evaluate_all(holders: list[Any] = holders) -> object:
            return [
                library.evaluate(h.credential, h.activities, as_of=AS_OF, registry=registry)
                for h in holders
            ]

        def read_evaluate_write(text: str = text) -> object:
            return library.end_to_end(text, sink, registry, AS_OF, full_output=True)

        work[f"{body} evaluate"] = evaluate_all
        work[f"{body} end to end"] = read_evaluate_write
    timings = timing.interleaved(work, sizes.repeat)
    report.row(section, "holders per body", f"{count:,}")
    for kind in ("evaluate", "end to end"):
        seconds = {body: timings.median(f"{body} {kind}") for body in data.BODIES}
        fastest = min(seconds.values())
        for body in data.BODIES:
            name = f"{body} {kind}"
            report.row(
                section,
                name,
                f"{rate(count, seconds[body])} {spread(timings, name)},"
                f" {seconds[body] / fastest:.1f}x the fastest",
            )
        slowest = max(seconds, key=lambda body: seconds[body])
        worst = seconds[slowest] / fastest
        report.target(
            section,
            f"slowest body ({slowest}) / fastest, {kind}",
            f"{worst:.1f}x",
            "<= 1.5x",
            worst <= 1.5,
        )
    report.figures[section] = {"holders_per_body": count, "timings": timings.as_json()}


# --- HR export pairs -------------------------------------------------------------------------


def hr(sizes: Sizes, report: Report) -> None:
    """Reading an HR export pair with recertlib against ``csv.reader`` over the same rows."""
    section = "hr"
    with tempfile.TemporaryDirectory(prefix="recertlib-bench-") as folder:
        people, activities, rows = data.write_hr_export(Path(folder), sizes.people, sizes.seed)
        timings = timing.interleaved(
            {
                "recertlib read_hr_export": lambda: _counted(
                    library.read_hr(people, activities, data.HR_COLUMNS), sizes.people
                ),
                "csv.reader": lambda: _csv_rows(people, activities),
            },
            sizes.repeat,
        )
    report.row(section, "people, rows (both files)", f"{sizes.people:,}, {rows:,}")
    for name in timings.runs:
        seconds = timings.median(name)
        report.row(
            section,
            name,
            f"{rate(sizes.people, seconds)} people, {rate(rows, seconds)} rows"
            f" {spread(timings, name)}",
        )
    middle, low, high = timings.ratio("recertlib read_hr_export", "csv.reader")
    report.target(
        section,
        "recertlib / csv.reader, rows per second",
        f"1/{middle:.0f} (1/{low:.0f}-1/{high:.0f})",
        ">= 1/10",
        middle <= 10,
    )
    report.figures[section] = {
        "people": sizes.people,
        "rows": rows,
        "timings": timings.as_json(),
    }


def _csv_rows(*paths: Path) -> int:
    """Every row of the files read by ``csv.reader`` and touched once: no reader of them can
    do less."""
    rows = 0
    for path in paths:
        with path.open(newline="", encoding="utf-8") as file:
            for row in csv.reader(file):
                rows += len(row) > 0
    return rows


# --- calendars -------------------------------------------------------------------------------


def ics(sizes: Sizes, report: Report) -> None:
    """Events per second written by ``recertlib.calendar.to_ics`` for the plan of many
    holders (every action an all-day event with its three default alarms)."""
    section = "ics"
    registry = library.registry()
    verdicts = []
    for record in data.holders(sizes.ics_holders, data.BODIES, sizes.seed):
        holder = library.structure_holder(record)
        verdicts.append(
            library.evaluate(holder.credential, holder.activities, as_of=AS_OF, registry=registry)
        )
    plan = library.plan_for(verdicts, as_of=AS_OF)
    events = len(plan.actions)
    timings = timing.interleaved(
        {
            "plan_for": lambda: library.plan_for(verdicts, as_of=AS_OF),
            "to_ics": lambda: library.to_ics(plan, stamp=STAMP),
        },
        sizes.repeat,
    )
    report.row(section, "holders, events in the plan", f"{len(verdicts):,}, {events:,}")
    report.row(section, "plan_for", f"{rate(events, timings.median('plan_for'))} actions")
    per_second = events / timings.median("to_ics")
    report.target(
        section,
        "to_ics events per second",
        f"{per_second:,.0f}/s {spread(timings, 'to_ics')}",
        ">= 10,000/s",
        per_second >= 10_000,
    )
    report.figures[section] = {"events": events, "timings": timings.as_json()}


# --- start-up --------------------------------------------------------------------------------


def startup(sizes: Sizes, report: Report) -> None:
    """Start-up, in wall time over many runs: ``import recertlib`` and ``recertlib --help``
    against bare ``python -c pass`` and against importing the four runtime dependencies."""
    section = "startup"
    python = sys.executable
    timings = timing.commands(
        {
            "python -c pass": [python, "-c", "pass"],
            "import pendulum, attrs, cattrs, pluggy": [
                python,
                "-c",
                "import pendulum, attrs, cattrs, pluggy",
            ],
            "import recertlib": [python, "-c", "import recertlib"],
            "recertlib --help": [*library.command(), "--help"],
        },
        sizes.startup_runs,
    )
    report.row(section, "runs each (wall time, interleaved)", str(sizes.startup_runs))
    bare = timings.median("python -c pass")
    for name in timings.runs:
        median = timings.median(name)
        report.row(section, name, f"{median * 1000:.0f} ms (+{(median - bare) * 1000:.0f} ms)")
    imports = timings.ratio("import recertlib", "import pendulum, attrs, cattrs, pluggy")
    report.target(
        section,
        "import recertlib / its dependencies",
        ratio_text(imports),
        "<= 1.3x",
        imports[0] <= 1.3,
    )
    deps = timings.median("import pendulum, attrs, cattrs, pluggy") - bare
    own = timings.median("import recertlib") - bare
    report.row(section, "the same, less bare python", f"{own / deps:.1f}x")
    help_ms = timings.median("recertlib --help") * 1000
    report.target(section, "recertlib --help", f"{help_ms:.0f} ms", "<= 150 ms", help_ms <= 150)
    report.figures[section] = {"runs": sizes.startup_runs, "timings": timings.as_json()}


# --- worker processes ------------------------------------------------------------------------


def workers(sizes: Sizes, report: Report) -> None:
    """One worker process against two, through the API (``evaluate_records(records,
    workers=N)``) and the command line (``recertlib check --json --jobs N`` on the same
    generated file, its output written to the null device), in wall time, rounds interleaved:
    what parallel work saves is time waited. Beside it, the CPU time of every process (the one
    handing out the work and its workers), which other processes on a shared machine do not
    inflate: the serial run's CPU time over half of the two workers' run's is the ratio two
    idle cores would give. The command's start-up (the same command on one holder) is timed
    in the same rounds: no number of workers shortens it, and the ratio is also given without
    it. Where the installed recertlib has neither option, says so."""
    section = "workers"
    api, cli = library.evaluate_workers(), library.check_has_jobs()
    figures: dict[str, Any] = {"api": api, "cli": cli}
    report.figures[section] = figures
    if not api:
        report.row(
            section,
            "API",
            "not measured: the installed recertlib has no workers option"
            " (recertlib.evaluate_records(records, workers=N))",
        )
    if not cli:
        report.row(
            section,
            "command line",
            "not measured: the installed recertlib has no workers option"
            " (recertlib check --jobs N)",
        )
    if not (api or cli):
        return
    registry = library.registry()
    with tempfile.TemporaryDirectory(prefix="recertlib-bench-") as folder:
        path = Path(folder, "holders.jsonl")
        data.write_json_lines(path, data.holders(sizes.workers_holders, data.BODIES, sizes.seed))
        report.row(section, "holders", f"{sizes.workers_holders:,}, all five bodies")
        if api:
            records = library.records_of(path)
            timings = timing.interleaved(
                {
                    f"workers={n}": functools.partial(
                        library.evaluate_with_workers, records, registry, AS_OF, n
                    )
                    for n in (1, 2)
                },
                sizes.repeat,
            )
            assert timings.wall is not None
            assert timings.children is not None
            speedup = timings.wall.ratio("workers=1", "workers=2")
            report.row(section, "API, 2 workers against 1 (wall)", ratio_text(speedup))
            parent, workers_cpu = timings.median("workers=2"), timings.children.median("workers=2")
            _cpu_rows(report, "API", timings.median("workers=1"), parent, workers_cpu)
            figures["api_timings"] = timings.as_json()
        if cli:
            # The same command on one holder: the start-up (imports, plugins) no number of
            # workers shortens, in the same interleaved rounds.
            one = Path(folder, "one.jsonl")
            data.write_json_lines(one, data.holders(1, data.BODIES, sizes.seed))
            command = [*library.command(), "check", "--json", "--as-of", AS_OF.isoformat()]
            runs = {
                f"{what}--jobs {n}": [*command, "--jobs", str(n), str(file)]
                for what, file in (("", path), ("one holder, ", one))
                for n in (1, 2)
            }
            timings = timing.commands(runs, sizes.repeat, warm_up=1, ok=lambda code: code in (0, 1))
            assert timings.cpu is not None
            speedup = timings.ratio("--jobs 1", "--jobs 2")
            report.target(
                section,
                "command line, --jobs 2 against 1 (wall)",
                ratio_text(speedup),
                ">= 1.8x on 2 cores",
                speedup[0] >= 1.8,
            )
            start = {n: timings.median(f"one holder, --jobs {n}") for n in (1, 2)}
            serial, parallel = timings.median("--jobs 1"), timings.median("--jobs 2")
            report.row(
                section,
                "command line, start-up (one holder): --jobs 1 / 2",
                f"{start[1]:.2f} s / {start[2]:.2f} s, of {serial:.2f} s / {parallel:.2f} s",
            )
            report.row(
                section,
                "command line, --jobs 2 against 1, less start-up (wall)",
                f"{(serial - start[1]) / (parallel - start[2]):.2f}x",
            )
            _cpu_rows(
                report,
                "command line",
                timings.cpu.median("--jobs 1"),
                None,
                timings.cpu.median("--jobs 2"),
                timings.cpu.median("one holder, --jobs 2"),
            )
            figures["cli_timings"] = timings.as_json()


def _cpu_rows(
    report: Report,
    way: str,
    serial: float,
    parent: float | None,
    workers: float,
    start: float = 0.0,
) -> None:
    """The CPU time of one process against that of two workers (and the process handing out
    their work, counted with them when ``parent`` is ``None``), and the ratio two idle cores
    would give: the serial time over the parallel run's, its ``start`` (CPU time no worker
    shares) once and the rest halved."""
    total = workers + (parent or 0.0)
    split = "" if parent is None else f" ({parent:.2f} s handing out, {workers:.2f} s workers)"
    report.row(
        "workers",
        f"{way}, CPU: 1 process / 2 workers, all processes",
        f"{serial:.2f} s / {total:.2f} s{split}",
    )
    ideal = start + (total - start) / 2
    report.row("workers", f"{way}, ratio on 2 idle cores (CPU)", f"{serial / ideal:.2f}x")


# --- memory ----------------------------------------------------------------------------------


def memory(sizes: Sizes, report: Report) -> None:
    """Peak resident memory of evaluating N holders streamed from a JSON Lines file, through
    the API (``benchmarks/api_stream.py``) and the command line (``recertlib check --json``),
    each in a process of its own started by ``benchmarks/peak.py``, which reads the figures
    (the two run side by side: memory, not time, is measured). Flat means the peak at the
    largest N is within 10% of the peak at the smallest."""
    section = "memory"
    low, high = sizes.memory_activities
    report.row(section, "holders", f"{', '.join(sizes.memory_bodies)}; {low}-{high} activities")
    found: dict[str, dict[int, dict[str, float]]] = {"API": {}, "CLI": {}}
    with tempfile.TemporaryDirectory(prefix="recertlib-bench-") as folder:
        for count in sizes.memory:
            path = Path(folder, f"holders-{count}.jsonl")
            holders = data.holders(count, sizes.memory_bodies, sizes.seed, sizes.memory_activities)
            data.write_json_lines(path, holders)
            as_of = AS_OF.isoformat()
            commands = {
                "API": [sys.executable, str(HERE / "api_stream.py"), str(path), "--as-of", as_of],
                # The command's verdicts go to the null device: what it holds is what counts.
                "CLI": [*library.command(), "check", "--json", "--as-of", as_of, str(path)],
            }
            with tempfile.TemporaryFile() as api_errors, tempfile.TemporaryFile() as cli_errors:
                errors = {"API": api_errors, "CLI": cli_errors}
                running = {
                    way: subprocess.Popen(
                        [sys.executable, str(HERE / "peak.py"), *command],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.PIPE,
                        stderr=errors[way],
                    )
                    for way, command in commands.items()
                }
                for way, process in running.items():
                    found[way][count] = _finish(process, errors[way], way)
            path.unlink()
    for way, runs in found.items():
        for count, figures in runs.items():
            report.row(
                section,
                f"{way}, {count:,} holders",
                f"peak {figures['peak_mb']:.1f} MB,"
                f" {count / figures['cpu_s']:,.0f} holders/s of CPU, start-up included",
            )
        smallest, largest = runs[min(runs)], runs[max(runs)]
        growth = largest["peak_mb"] / smallest["peak_mb"] - 1
        report.target(
            section,
            f"{way} peak, {max(runs):,} against {min(runs):,} holders",
            f"{growth:+.0%} ({largest['peak_mb'] - smallest['peak_mb']:+.1f} MB)",
            "flat (within 10%)",
            growth <= 0.10,
        )
    report.figures[section] = {
        way: {str(n): f for n, f in runs.items()} for way, runs in found.items()
    }


def _finish(process: subprocess.Popen[bytes], errors: IO[bytes], way: str) -> dict[str, float]:
    """The figures ``peak.py`` printed for its command; the API must exit 0, the command line
    0 or 1 (1: some credential not usable), never 2 (a record it could not evaluate)."""
    output, _ = process.communicate()
    errors.seek(0)
    said = errors.read()[-500:]
    if process.returncode != 0:
        raise RuntimeError(f"{way}: peak.py exited {process.returncode}: {said!r}")
    figures = json.loads(output)
    if figures["exit"] not in ((0,) if way == "API" else (0, 1)):
        raise RuntimeError(f"{way} exited {figures['exit']}: {said!r}")
    return {
        "peak_mb": figures["maxrss_kb"] / 1024,
        "cpu_s": figures["cpu_s"],
        "exit": figures["exit"],
    }


SECTIONS: dict[str, Callable[[Sizes, Report], None]] = {
    "end-to-end": end_to_end,
    "bodies": bodies,
    "hr": hr,
    "ics": ics,
    "startup": startup,
    "workers": workers,
    "memory": memory,
}
"""Every section, in the order they run."""
