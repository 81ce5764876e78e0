"""How fast recertlib evaluates holders, against the least work any evaluator must do.

    python benchmarks/evaluate_holders.py [--holders 10000] [--activities 20]

It builds the holders once (half AAMA CMA, half NHA CCMA, 20 activities each, some outside the
cycle, over a cap or in unknown units), then times, best of ``--repeat`` runs:

- ``evaluate``: :func:`recertlib.evaluate` on every holder, one registry for the run;
- ``floor``: summing each holder's activity amounts that fall in its cycle window, in plain
  Python: a lower bound that no evaluator can beat, to judge recertlib's cost against;
- ``structure``: turning the holders' JSON data into :class:`recertlib.Holder` objects.

Report the ratios, measured in one run: machines here are too noisy for absolute figures.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from recertlib import Holder, Registry, evaluate
from recertlib.io import structure_holder

AAMA_UNITS = ["contact_hour", "aama_ceu", "college_credit", "cpr_card", "point"]
NHA_UNITS = ["ce_credit", "hour"]
AREAS = ["administrative", "clinical", "general"]


def make_holders(count: int, activities: int, seed: int) -> list[dict[str, Any]]:
    """Holder-file records, as JSON data, deterministic for a seed."""
    rng = random.Random(seed)
    records = []
    for number in range(count):
        aama = number % 2 == 0
        certified = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2200))
        span = 1900 if aama else 760
        records.append(
            {
                "credential": {
                    "body": "AAMA" if aama else "NHA",
                    "credential": "CMA" if aama else "CCMA",
                    "holder": f"Holder {number}",
                    "certified_on": certified.isoformat(),
                },
                "activities": [
                    {
                        "title": f"Course {index}",
                        "provider": rng.choice(["AAMA e-Learning", "College", "Clinic Network"]),
                        "completed_on": (
                            certified + datetime.timedelta(days=rng.randrange(-60, span))
                        ).isoformat(),
                        "amount": str(Decimal(rng.randrange(5, 80)) / 10),
                        "unit": rng.choice(AAMA_UNITS if aama else NHA_UNITS),
                        "area": rng.choice(AREAS),
                        "approved_by": ["AAMA"] if aama and rng.random() < 0.5 else [],
                    }
                    for index in range(activities)
                ],
            }
        )
    return records


def best_of(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def floor(holders: list[Holder], as_of: datetime.date) -> list[Decimal]:
    """Sum each holder's amounts inside a five-year window: less than any evaluator does."""
    totals = []
    for holder in holders:
        start = holder.credential.certified_on
        end = start + datetime.timedelta(days=1826)
        totals.append(
            sum(
                (a.amount for a in holder.activities if start <= a.completed_on <= min(end, as_of)),
                Decimal(0),
            )
        )
    return totals


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holders", type=int, default=10_000)
    parser.add_argument("--activities", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args(argv)

    registry = Registry.from_entry_points()
    as_of = datetime.date(2026, 11, 25)
    data = make_holders(arguments.holders, arguments.activities, arguments.seed)
    holders = [structure_holder(record) for record in data]

    def run_evaluate() -> None:
        for holder in holders:
            evaluate(holder.credential, holder.activities, as_of=as_of, registry=registry)

    seconds = {
        "evaluate": best_of(arguments.repeat, run_evaluate),
        "floor": best_of(arguments.repeat, lambda: floor(holders, as_of)),
        "structure": best_of(arguments.repeat, lambda: [structure_holder(r) for r in data]),
    }
    rates = {name: arguments.holders / took for name, took in seconds.items()}
    count, size, repeat = arguments.holders, arguments.activities, arguments.repeat
    print(f"{count} holders of {size} activities, best of {repeat}")
    for name, rate in rates.items():
        ratio = rates["evaluate"] / rate
        print(f"{name:>10}: {rate:12,.0f} holders/s   evaluate / {name} = {ratio:.3f}")
    return rates


if __name__ == "__main__":
    main()
