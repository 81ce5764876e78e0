"""How fast recertlib reads and evaluates an HR export, against reading the same CSV rows.

    python benchmarks/read_hr_export.py [--people 5000] [--activities 10] [--repeat 5]

It writes a people CSV (one row per credential: half the people hold a CMA, half a CMA and a
CCMA) and an activities CSV (``--activities`` rows per person, in common units, the rows of all
people shuffled together), then times, in rounds that take turns so that the machine's load
falls on each alike:

- ``floor``: ``csv.reader`` over both files, each row touched once: a lower bound no reader of
  these files can beat, to judge recertlib's cost against;
- ``read``: :func:`recertlib.io.read_hr_export`, every person joined and checked (the join
  spills both files to a temporary SQLite database so memory stays flat);
- ``evaluate``: reading and evaluating every person with :func:`recertlib.evaluate`.

Each is timed in CPU time, the best of ``--repeat`` rounds. Report the ratios, measured in one
run: machines here are too noisy for absolute figures. ``read / floor`` is the speed of reading
as a share of ``csv.reader``'s.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from recertlib import Registry, evaluate
from recertlib.io import read_hr_export

UNITS = ["contact_hour", "iacet_ceu", "clock_hour", "semester_credit"]
AREAS = ["administrative", "clinical", "general"]


def write_export(folder: Path, people: int, activities: int, seed: int) -> tuple[Path, Path]:
    """A people CSV and an activities CSV, deterministic for a seed."""
    rng = random.Random(seed)
    people_path, activities_path = folder / "people.csv", folder / "activities.csv"
    rows = []
    with people_path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["Employee ID", "name", "body", "credential", "certified_on"])
        for number in range(people):
            person = f"E-{number:07d}"
            certified = datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randrange(1400))
            held = [("AAMA", "CMA"), ("NHA", "CCMA")][: 1 + number % 2]
            for body, code in held:
                writer.writerow([person, f"Person {number}", body, code, certified.isoformat()])
            for index in range(activities):
                done = certified + datetime.timedelta(days=rng.randrange(0, 700))
                rows.append(
                    [
                        person,
                        f"Course {index}",
                        done.isoformat(),
                        str(rng.randrange(1, 8)),
                        rng.choice(UNITS),
                        rng.choice(AREAS),
                        "AAMA" if rng.random() < 0.5 else "",
                    ]
                )
    rng.shuffle(rows)
    with activities_path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["Employee ID", "title", "completed_on", "amount", "unit", "area", "approved_by"]
        )
        writer.writerows(rows)
    return people_path, activities_path


def cpu_time(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def floor(*paths: Path) -> int:
    """Every row of every file read by ``csv.reader``: less than any reader does."""
    rows = 0
    for path in paths:
        with path.open(newline="", encoding="utf-8") as file:
            rows += sum(1 for _ in csv.reader(file))
    return rows


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--activities", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--no-evaluate", action="store_true", help="time reading only, not the evaluation"
    )
    arguments = parser.parse_args(argv)

    registry = Registry.from_entry_points()
    as_of = datetime.date(2026, 11, 25)
    columns = {"person_id": "Employee ID"}
    with tempfile.TemporaryDirectory() as folder:
        people, activities = write_export(
            Path(folder), arguments.people, arguments.activities, arguments.seed
        )

        def read() -> None:
            for record in read_hr_export(people, activities, columns=columns):
                assert record.value is not None, record.error

        def read_and_evaluate() -> None:
            for record in read_hr_export(people, activities, columns=columns):
                assert record.value is not None, record.error
                evaluate(record.value, as_of=as_of, registry=registry)

        work: dict[str, Callable[[], object]] = {
            "floor": lambda: floor(people, activities),
            "read": read,
        }
        if not arguments.no_evaluate:
            work["evaluate"] = read_and_evaluate
        timings: dict[str, list[float]] = {name: [] for name in work}
        for _ in range(arguments.repeat):  # each round times each, in turn
            for name, run in work.items():
                timings[name].append(cpu_time(run))
    rates = {name: arguments.people / min(took) for name, took in timings.items()}
    print(
        f"{arguments.people} people, {arguments.activities} activities each,"
        f" best of {arguments.repeat} interleaved rounds, CPU time"
    )
    for name, rate in rates.items():
        print(f"{name:>10}: {rate:12,.0f} people/s   {name} / floor = {rate / rates['floor']:.3f}")
    return rates


if __name__ == "__main__":
    main()
