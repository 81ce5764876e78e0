"""Timing that holds up on a noisy, shared machine.

- In-process work is timed in CPU time (:func:`time.process_time`), which another process on
  the machine does not inflate, unless wall time is the point (work spread over processes).
- Repetitions are interleaved: A, B, C, then C, B, A, and so on, so that a slow spell of the
  machine, a warm cache or a growing heap falls on every contender alike rather than on one.
- Every contender runs once untimed first (imports, caches, the registry), and the garbage
  collector is run before each timed run so that one run does not pay for another's garbage.
- Figures are medians with their spread; a ratio is the median of the ratios of runs made side
  by side (the pairs of one round), with their range.
- Commands (start-up) are timed in wall time over many runs, interleaved, reporting medians;
  beside it, the CPU time the command and every process it started spent (worker processes
  included), which another process on the machine does not inflate: on a shared machine the
  wall time of work spread over processes says what this run got, the CPU time what it needs.
"""

from __future__ import annotations

import gc
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any


class Timings:
    """The seconds of each run of each contender, in the order of the rounds; for in-process
    work, the wall time of the same runs beside the CPU time, and the CPU time of the processes
    it started (workers); for commands, the CPU time of each beside its wall time."""

    def __init__(
        self,
        runs: Mapping[str, list[float]],
        clock: str,
        wall: Timings | None = None,
        children: Timings | None = None,
        cpu: Timings | None = None,
    ) -> None:
        self.runs = {name: list(seconds) for name, seconds in runs.items()}
        self.clock = clock
        self.wall = wall
        self.children = children
        self.cpu = cpu

    def median(self, name: str) -> float:
        return statistics.median(self.runs[name])

    def best(self, name: str) -> float:
        return min(self.runs[name])

    def spread(self, name: str) -> float:
        """The range of the runs as a share of their median."""
        seconds = self.runs[name]
        middle = statistics.median(seconds)
        return (max(seconds) - min(seconds)) / middle if middle else 0.0

    def ratio(self, slow: str, fast: str) -> tuple[float, float, float]:
        """``slow``'s time over ``fast``'s: the median of the ratios of each round, and the
        lowest and highest of them."""
        pairs = [a / b for a, b in zip(self.runs[slow], self.runs[fast], strict=True)]
        return statistics.median(pairs), min(pairs), max(pairs)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "clock": self.clock,
            "seconds": self.runs,
            "median": {name: self.median(name) for name in self.runs},
            "best": {name: self.best(name) for name in self.runs},
            "spread": {name: self.spread(name) for name in self.runs},
        }
        for name in ("wall", "children", "cpu"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name).as_json()
        return data


def _children_cpu() -> float:
    """CPU seconds of every process this one started and waited for, and theirs."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def interleaved(
    work: Mapping[str, Callable[[], object]], repeat: int, *, warm_up: bool = True
) -> Timings:
    """Time each of ``work`` ``repeat`` times in CPU time (and wall time beside it), the
    rounds interleaved and their order alternating."""
    names = list(work)
    if warm_up:
        for name in names:
            work[name]()
    cpu: dict[str, list[float]] = {name: [] for name in names}
    wall: dict[str, list[float]] = {name: [] for name in names}
    children: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(repeat):
        for name in names if round_number % 2 == 0 else reversed(names):
            gc.collect()
            started, started_wall = time.process_time(), time.perf_counter()
            started_children = _children_cpu()
            work[name]()
            cpu[name].append(time.process_time() - started)
            wall[name].append(time.perf_counter() - started_wall)
            children[name].append(_children_cpu() - started_children)
    return Timings(cpu, "cpu", Timings(wall, "wall"), Timings(children, "cpu"))


def commands(
    run: Mapping[str, Sequence[str]],
    repeat: int,
    *,
    warm_up: int = 2,
    ok: Callable[[int], bool] = lambda code: code == 0,
) -> Timings:
    """Wall time of each command, ``repeat`` runs each, round-robin (after ``warm_up`` untimed
    rounds that fill the file cache). A command whose exit code is not ``ok`` stops the
    benchmark."""
    names = list(run)
    runs: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(warm_up + repeat):
        for name in names if round_number % 2 == 0 else reversed(names):
            started, started_cpu = time.perf_counter(), _children_cpu()
            done = subprocess.run(
                run[name],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=False,
            )
            took = time.perf_counter() - started
            spent = _children_cpu() - started_cpu
            if not ok(done.returncode):
                raise RuntimeError(
                    f"{' '.join(run[name])} exited {done.returncode}: {done.stderr.decode()[-500:]}"
                )
            if round_number >= warm_up:
                runs[name].append(took)
                cpu[name].append(spent)
    return Timings(runs, "wall", cpu=Timings(cpu, "cpu"))
