"""Throughput of recertlib.dask on a LocalCluster of one worker process against two, and of one
process and of recertlib's own pool of two processes without Dask, on the same partitioned
JSON Lines files of generated holders. Every contender must write the same outcomes (checked).

    python benchmarks/dask_cluster.py [--holders N] [--partitions P] [--repeat R] [--quick]

Each contender reads the files, evaluates every holder and writes each outcome as a line of
``check --json``'s JSON (Dask: ``to_textfiles``), wall time, median of ``R`` runs after one
warm-up run (which starts the workers' registries), the contenders' runs interleaved. Both
clusters are up throughout (an idle one costs next to nothing); their workers are processes
with one thread each. Figures depend on the machine: compare the rows of one run, not runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import data


def _write_partitions(folder: Path, holders: int, partitions: int) -> list[Path]:
    paths = []
    records = list(data.holders(holders))
    size = -(-holders // partitions)
    for index in range(partitions):
        path = folder / f"part-{index:03}.jsonl"
        data.write_json_lines(path, records[index * size : (index + 1) * size])
        paths.append(path)
    return paths


Run = Callable[[], None]


def _timed(runs: dict[str, Run], repeat: int) -> dict[str, list[float]]:
    """Each run's seconds, the runs interleaved so that a machine whose speed drifts slows
    each alike; one warm-up run each first (imports, registries, the workers' first tasks)."""
    for run in runs.values():
        run()
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            seconds[name].append(time.perf_counter() - start)
    return seconds


def _without_dask(paths: list[Path], out: Path, workers: int) -> Run:
    from recertlib import evaluate_records, read_records
    from recertlib.io import credential_outcomes, outcome_json

    def run() -> None:
        with out.open("w", encoding="utf-8") as file:
            for path in paths:
                records = read_records(path)
                for evaluated in evaluate_records(records, as_of=data.AS_OF, workers=workers):
                    for outcome in credential_outcomes(evaluated):
                        file.write(json.dumps(outcome_json(outcome)) + "\n")

    return run


def _on_cluster(stack: contextlib.ExitStack, paths: list[Path], out: Path, workers: int) -> Run:
    from distributed import Client, LocalCluster

    from recertlib.dask import evaluate_bag, read_lines

    cluster = stack.enter_context(
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    )
    client = stack.enter_context(Client(cluster, set_as_default=False))
    out.mkdir()

    def run() -> None:
        lines = evaluate_bag(read_lines([str(p) for p in paths]), as_of=data.AS_OF, as_json=True)
        written = lines.to_textfiles(str(out / "out-*.jsonl"), last_endline=True, compute=False)
        client.gather(client.compute(written))

    return run


def _written(out: Path) -> str:
    parts = sorted(out.glob("out-*.jsonl"), key=lambda path: int(path.stem.split("-")[1]))
    return "".join(path.read_text("utf-8") for path in parts)


def measure(holders: int, partitions: int, repeat: int) -> dict[str, Any]:
    """Each contender's seconds and holders per second, and whether all wrote the same."""
    with tempfile.TemporaryDirectory() as temporary, contextlib.ExitStack() as stack:
        folder = Path(temporary)
        paths = _write_partitions(folder, holders, partitions)
        runs = {
            "one process, no Dask": _without_dask(paths, folder / "a.jsonl", 1),
            # What two processes give on this machine, without Dask: recertlib's own pool.
            "evaluate_records(workers=2), no Dask": _without_dask(paths, folder / "b.jsonl", 2),
            "LocalCluster, 1 worker process": _on_cluster(stack, paths, folder / "one", 1),
            "LocalCluster, 2 worker processes": _on_cluster(stack, paths, folder / "two", 2),
        }
        seconds = _timed(runs, repeat)
        alone = (folder / "a.jsonl").read_text("utf-8")
        others = [(folder / "b.jsonl").read_text("utf-8")]
        others += [_written(folder / name) for name in ("one", "two")]
        same = all(text == alone for text in others)
    figures: dict[str, Any] = {"holders": holders, "partitions": partitions, "rows": {}}
    figures["same_outcomes"] = same
    for name, taken in seconds.items():
        median = statistics.median(taken)
        figures["rows"][name] = {"seconds": taken, "holders_per_second": holders / median}
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holders", type=int, default=4000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a smoke test's sizes")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.holders, arguments.partitions, arguments.repeat = 40, 4, 1
    figures = measure(arguments.holders, arguments.partitions, arguments.repeat)
    print(f"{figures['holders']} holders in {figures['partitions']} partitions:")
    if not figures["same_outcomes"]:
        print("  the contenders wrote different outcomes: the figures compare nothing")
    for name, row in figures["rows"].items():
        print(f"  {name:38} {row['holders_per_second']:8.0f} holders/s")
    return figures


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
