"""A rule set built to make the allocation programme grow (issue 16 item 6, issue 12 item 9):
``areas`` content areas in a ring, a cap on every two neighbouring areas and a minimum on every
three spread-out ones, so that no two areas are seen alike and no credit is under one cap
only; and activities each recorded in one area that may also count in ``others`` areas drawn
at random, so that nearly every activity is a pool of its own."""

from __future__ import annotations

import random
from decimal import Decimal

from recertlib import Activity
from recertlib.rules import Cap, ContinuingEducation, Conversion, Minimum, Selector


def area_names(count: int) -> list[str]:
    return [f"area {number:02d}" for number in range(count)]


def ring_caps(areas: list[str], count: int, amount: Decimal = Decimal(5)) -> tuple[Cap, ...]:
    """``count`` caps, the i-th on areas i and i + 1 (round the ring)."""
    size = len(areas)
    return tuple(
        Cap(f"Cap {i}", Selector(areas={areas[i % size], areas[(i + 1) % size]}), amount)
        for i in range(count)
    )


def ring_minimums(
    areas: list[str], count: int, amount: Decimal = Decimal(6)
) -> tuple[Minimum, ...]:
    """``count`` minimums, the i-th on areas i, i + 3 and i + 7 (round the ring)."""
    size = len(areas)
    return tuple(
        Minimum(
            f"Minimum {i}",
            Selector(areas={areas[i % size], areas[(i + 3) % size], areas[(i + 7) % size]}),
            amount,
        )
        for i in range(count)
    )


def adversarial_rules(
    areas: int = 20, caps: int = 20, minimums: int = 20, total: Decimal = Decimal(30)
) -> ContinuingEducation:
    """The issue's rule set: ``areas`` areas, ``caps`` caps, ``minimums`` minimums and a
    total."""
    names = area_names(areas)
    return ContinuingEducation(
        unit="credit",
        total=total,
        conversions=(Conversion("hour", 1),),
        minimums=ring_minimums(names, minimums),
        caps=ring_caps(names, caps),
        areas=frozenset(names),
    )


def adversarial_activities(
    count: int = 200, areas: int = 20, others: int = 10, seed: int = 7
) -> list[Activity]:
    """``count`` activities in 2020, of 1 to 4.75 hours, each in one area and allowed
    ``others`` more."""
    names = area_names(areas)
    draw = random.Random(seed)
    return [
        Activity(
            f"Course {number}",
            f"2020-{3 + number % 8:02d}-{1 + number % 27:02d}",
            Decimal(1 + number % 4) + Decimal(number % 9) / 4,
            "hour",
            area=names[number % areas],
            other_areas=frozenset(draw.sample(names, others)),
            provider="Provider",
        )
        for number in range(count)
    ]
