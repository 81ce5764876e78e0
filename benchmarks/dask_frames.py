"""Throughput of recertlib.dask.frames on a LocalCluster of one worker process against two, and
of the file reader in one process, on the same generated HR export pair: people per second.
Every contender must give the same outcomes (checked, but for the naming of records).

    python benchmarks/dask_frames.py [--people N] [--partitions P] [--repeat R] [--quick]

The pair is ``data.write_hr_export``'s (each person holds one or two credentials of the five
bodies, their activities shuffled through the activities file), each table cut into ``P`` part
files that Dask reads as one partition each. Each contender evaluates every person and writes
each outcome as a line of ``check --json``'s JSON (Dask: ``to_textfiles``), wall time, median
of ``R`` runs after one warm-up run, the contenders' runs interleaved. Figures depend on the
machine: compare the rows of one run, not runs.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import data
from dask_cluster import Run, _timed, _written


def _cut(path: Path, folder: Path, name: str, parts: int) -> str:
    """The CSV file at ``path`` cut into ``parts`` files of as many rows, each with the
    header; the glob that reads them in order."""
    with path.open(newline="", encoding="utf-8") as file:
        header, *rows = csv.reader(file)
    size = -(-len(rows) // parts)
    for index in range(parts):
        with (folder / f"{name}-{index:03}.csv").open("w", newline="", encoding="utf-8") as part:
            writer = csv.writer(part)
            writer.writerow(header)
            writer.writerows(rows[index * size : (index + 1) * size])
    return str(folder / f"{name}-*.csv")


def _alone(people: Path, activities: Path, out: Path) -> Run:
    from recertlib import read_hr_export
    from recertlib.io import outcomes_json

    def run() -> None:
        export = read_hr_export(people, activities, columns=data.HR_COLUMNS)
        with out.open("w", encoding="utf-8") as file:
            for evaluated in export.evaluate(as_of=data.AS_OF):
                for found in outcomes_json(evaluated):
                    file.write(json.dumps(found) + "\n")

    return run


def _on_cluster(
    stack: contextlib.ExitStack, globs: tuple[str, str], out: Path, workers: int
) -> Run:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from recertlib.dask.frames import evaluate_hr_frames

    cluster = stack.enter_context(
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    )
    client = stack.enter_context(Client(cluster, set_as_default=False))
    out.mkdir()

    def run() -> None:
        people, activities = (
            dd.read_csv(glob, dtype=str, keep_default_na=False, blocksize=None) for glob in globs
        )
        lines = evaluate_hr_frames(
            people, activities, as_of=data.AS_OF, columns=data.HR_COLUMNS, as_json=True
        )
        written = lines.to_textfiles(str(out / "out-*.jsonl"), last_endline=True, compute=False)
        client.gather(client.compute(written))

    return run


def _unnamed(text: str) -> list[dict[str, Any]]:
    """Each outcome without the name of its record, which says a file's line or a frame's
    row (an empty partition of outcomes is written as an empty line)."""
    found = []
    for line in filter(None, text.splitlines()):
        outcome = json.loads(line)
        del outcome["record"]
        found.append(outcome)
    return found


def measure(people: int, partitions: int, repeat: int) -> dict[str, Any]:
    """Each contender's seconds and people per second, and whether all gave the same."""
    with tempfile.TemporaryDirectory() as temporary, contextlib.ExitStack() as stack:
        folder = Path(temporary)
        people_csv, activities_csv, rows = data.write_hr_export(folder, people)
        globs = (
            _cut(people_csv, folder, "people", partitions),
            _cut(activities_csv, folder, "activities", partitions),
        )
        runs = {
            "one process, read_hr_export": _alone(people_csv, activities_csv, folder / "a.jsonl"),
            "LocalCluster, 1 worker process": _on_cluster(stack, globs, folder / "one", 1),
            "LocalCluster, 2 worker processes": _on_cluster(stack, globs, folder / "two", 2),
        }
        seconds = _timed(runs, repeat)
        alone = _unnamed((folder / "a.jsonl").read_text("utf-8"))
        same = all(_unnamed(_written(folder / name)) == alone for name in ("one", "two"))
    figures: dict[str, Any] = {"people": people, "partitions": partitions, "rows": {}}
    figures["csv_rows"] = rows
    figures["same_outcomes"] = same
    for name, taken in seconds.items():
        median = statistics.median(taken)
        figures["rows"][name] = {"seconds": taken, "people_per_second": people / median}
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="a smoke test's sizes")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.people, arguments.partitions, arguments.repeat = 40, 3, 1
    figures = measure(arguments.people, arguments.partitions, arguments.repeat)
    print(
        f"{figures['people']} people ({figures['csv_rows']} CSV rows) in"
        f" {figures['partitions']} partitions of each table:"
    )
    if not figures["same_outcomes"]:
        print("  the contenders gave different outcomes: the figures compare nothing")
    for name, row in figures["rows"].items():
        seconds = ", ".join(f"{taken:.1f}" for taken in row["seconds"])
        print(f"  {name:34} {row['people_per_second']:8.0f} people/s  ({seconds} s)")
    return figures


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
