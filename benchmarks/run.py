"""The benchmark of issue 16, "a benchmark that tells the truth": recertlib's speed as ratios to
what any implementation must spend, measured in one process, CPU time, interleaved repetitions.

    python benchmarks/run.py [--quick] [--only end-to-end,bodies,...] [--json FILE]

Sections (``--only`` picks some; all run by default, in this order):

- ``end-to-end``: JSON Lines in, JSON Lines out (read, check, evaluate, write the full verdict
  JSON; and a small output: status, usable, expiry, recommended pathway, shortfalls), against
  a hand-written evaluator of the same AAMA and NHA rules on the same input
  (``benchmarks/handwritten.py``, standard library only, checked to agree with recertlib by
  ``tests/test_benchmark.py``); where recertlib's time goes, by stage (``--profile`` adds the
  functions that take the most).
- ``bodies``: holders per second for each of the five bodies, realistic histories.
- ``hr``: reading an HR export pair against ``csv.reader`` over the same rows.
- ``ics``: calendar events written per second.
- ``startup``: ``import recertlib`` and ``recertlib --help`` against ``python -c pass`` and
  against importing the four runtime dependencies (wall time, median of many runs).
- ``workers``: one worker process against two, where the installed recertlib has the option.
- ``memory``: peak memory of evaluating N holders streamed, through the API and the command
  line, for growing N (``--million`` adds a million; ``--memory-bodies`` and
  ``--memory-activities`` take other holders than the default short AAMA and NHA ones).

Each section prints its rows as it finishes; the table of every figure and target follows,
and ``--json FILE`` writes the figures (every run's seconds included). Read ratios, not
absolute figures: a shared machine's speed varies, the ratio of two contenders measured side
by side much less. Generated data and results are never committed. A change to the engine
reports this benchmark before and after.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import data
import sections

QUICK = sections.Sizes(
    holders=60,
    body_holders=12,
    people=40,
    ics_holders=30,
    startup_runs=3,
    workers_holders=60,
    memory=(100, 400),
    repeat=2,
)
"""A smoke test's sizes: every section runs, in seconds (the test suite runs it)."""


def _sizes_list(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _size(text: str) -> tuple[int, int]:
    low, _, high = text.partition(",")
    try:
        size = (int(low), int(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LOW,HIGH, as 16,24: {text!r}") from None
    if not 0 <= size[0] <= size[1]:
        raise argparse.ArgumentTypeError(f"expected 0 <= LOW <= HIGH: {text!r}")
    return size


def _bodies_list(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in chosen if name not in data.BODIES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown body {', '.join(unknown)}; expected some of {', '.join(data.BODIES)}"
        )
    return chosen


def _sections_list(text: str) -> list[str]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in sections.SECTIONS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown section {', '.join(unknown)}; expected some of {', '.join(sections.SECTIONS)}"
        )
    return chosen


def parse(argv: list[str] | None) -> tuple[argparse.Namespace, sections.Sizes]:
    defaults = sections.Sizes()
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="sizes given with --quick override its own",
    )
    parser.add_argument(
        "--only", type=_sections_list, default=list(sections.SECTIONS), help="sections to run"
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    parser.add_argument("--holders", type=int, help=f"end-to-end (default {defaults.holders})")
    parser.add_argument(
        "--body-holders", type=int, help=f"bodies, per body (default {defaults.body_holders})"
    )
    parser.add_argument("--people", type=int, help=f"hr (default {defaults.people})")
    parser.add_argument(
        "--ics-holders", type=int, help=f"ics, holders planned (default {defaults.ics_holders})"
    )
    parser.add_argument(
        "--startup-runs", type=int, help=f"startup, runs each (default {defaults.startup_runs})"
    )
    parser.add_argument(
        "--workers-holders", type=int, help=f"workers (default {defaults.workers_holders})"
    )
    parser.add_argument(
        "--memory-sizes",
        type=_sizes_list,
        help="memory, holders per run (default " + ",".join(str(n) for n in defaults.memory) + ")",
    )
    parser.add_argument("--million", action="store_true", help="memory: also 1,000,000 holders")
    parser.add_argument(
        "--memory-bodies",
        type=_bodies_list,
        help="memory, the bodies of the holders (default "
        + ",".join(defaults.memory_bodies)
        + "; all five: "
        + ",".join(data.BODIES)
        + ")",
    )
    parser.add_argument(
        "--memory-activities",
        type=_size,
        metavar="LOW,HIGH",
        help="memory, activities per holder (default "
        + ",".join(map(str, defaults.memory_activities))
        + "; realistic: "
        + ",".join(map(str, data.ACTIVITIES))
        + ")",
    )
    parser.add_argument("--repeat", type=int, help=f"timed rounds (default {defaults.repeat})")
    parser.add_argument("--seed", type=int, help=f"data seed (default {defaults.seed})")
    parser.add_argument(
        "--profile", action="store_true", help="end-to-end: profile recertlib's full run"
    )
    arguments = parser.parse_args(argv)
    sizes = QUICK if arguments.quick else defaults
    chosen = {
        "holders": arguments.holders,
        "body_holders": arguments.body_holders,
        "people": arguments.people,
        "ics_holders": arguments.ics_holders,
        "startup_runs": arguments.startup_runs,
        "workers_holders": arguments.workers_holders,
        "memory": arguments.memory_sizes,
        "memory_bodies": arguments.memory_bodies,
        "memory_activities": arguments.memory_activities,
        "repeat": arguments.repeat,
        "seed": arguments.seed,
    }
    sizes = sections.Sizes(
        **{**sizes.__dict__, **{name: value for name, value in chosen.items() if value is not None}}
    )
    if arguments.million:
        sizes.memory = (*sizes.memory, 1_000_000)
    sizes.profile = arguments.profile
    return arguments, sizes


def table(rows: list[sections.Row]) -> str:
    """The rows as an aligned table."""
    header = sections.Row("section", "measure", "value", "target", "")
    widths = [
        max(len(getattr(row, name)) for row in [header, *rows])
        for name in ("section", "measure", "value", "target")
    ]
    lines = []
    for number, row in enumerate([header, *rows]):
        cells = [row.section, row.measure, row.value, row.target]
        line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        lines.append(f"{line}  {row.verdict}".rstrip())
        if number == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the sections chosen; print the table; return (and write with ``--json``) the
    figures."""
    arguments, sizes = parse(argv)
    report = sections.Report()
    started = time.perf_counter()
    print(
        f"recertlib benchmark, {datetime.datetime.now().isoformat(timespec='seconds')}:"
        f" Python {platform.python_version()}, {os.cpu_count()} CPUs, as of {data.AS_OF},"
        f" seed {sizes.seed}, {sizes.repeat} rounds",
        flush=True,
    )
    for name in arguments.only:
        begun, shown = time.perf_counter(), len(report.rows)
        sections.SECTIONS[name](sizes, report)
        print(table(report.rows[shown:]), flush=True)
        print(f"({name}: {time.perf_counter() - begun:.0f} s)\n", flush=True)
    took = time.perf_counter() - started
    targets = [row for row in report.rows if row.target]
    if targets:
        print("Targets")
        print(table(targets))
    print(f"\n{len(arguments.only)} sections in {took:.0f} s")
    figures: dict[str, Any] = {
        "meta": {
            "when": datetime.datetime.now().isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "as_of": data.AS_OF.isoformat(),
            "sizes": sizes.__dict__,
            "sections": arguments.only,
            "seconds": took,
            "argv": sys.argv[1:] if argv is None else argv,
        },
        **report.figures,
        "rows": [row.__dict__ for row in report.rows],
    }
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")
    return figures


if __name__ == "__main__":
    main()
