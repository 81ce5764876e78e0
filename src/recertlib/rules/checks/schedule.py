"""Whether every cycle has a length and credit can count in it, and whether every pathway is
ever open.

The dates rules compute are probed on many cycles rather than proved: cycles counted from the
first, the 15th and the last day of every month of four years (2023 to 2026, with a leap year)
and from the leap days 29 February 2024 and 2028, and cycles ending at each of those month ends
and leap days.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pendulum

from recertlib.errors import InvalidInput
from recertlib.quantities.dates import NEVER, Date
from recertlib.rules import (
    AfterStart,
    CredentialSpec,
    Cycle,
    CycleDates,
    DateRule,
    DayAfter,
    Earliest,
    FactReader,
    Facts,
    Latest,
    OnDate,
    Pathway,
    PathwayKind,
)
from recertlib.rules.dues import due_dates
from recertlib.rules.schedule import next_expiry_of


def _month_ends() -> list[Date]:
    ends = [
        pendulum.date(year, month, 1).end_of("month")
        for year in range(2023, 2027)
        for month in range(1, 13)
    ]
    return [*ends, pendulum.date(2028, 2, 29)]


_STARTS = tuple(
    sorted(
        {day for end in _month_ends() for day in (end.start_of("month"), end.replace(day=15), end)}
    )
)
"""The days a probed cycle is counted from."""
_BIRTH_DATES = (pendulum.date(1990, 6, 15), pendulum.date(1992, 2, 29), pendulum.date(1985, 12, 31))


def _readers(spec: CredentialSpec) -> Iterator[FactReader]:
    for born in _BIRTH_DATES:
        for first in (True, False):
            yield FactReader(
                Facts(birth_date=born, first_renewal=first),
                credential=spec.label,
                holder="(probe)",
                first_cycle=first,
            )


def cycle_problems(spec: CredentialSpec, cycle: Cycle) -> list[str]:
    problems: list[str] = []
    shapes = [("cycle", cycle)]
    if cycle.first is not None:
        shapes.append(("cycle.first", cycle.first))
    for path, shape in shapes:
        problem = _probe_cycle(spec, path, shape)
        if problem is not None:
            problems.append(problem)
    return problems


def _probe_cycle(spec: CredentialSpec, path: str, cycle: Cycle) -> str | None:
    for start in _STARTS:
        for reader in _readers(spec):
            try:
                expires_on = cycle.expiry.expiry(start, reader)
            except InvalidInput:
                break  # it needs a fact no probe gives
            except Exception as error:
                return (
                    f"{path}.expiry ({type(cycle.expiry).__name__}) raised"
                    f" {type(error).__name__} for a cycle counted from {start}: {error}"
                )
            if expires_on <= start:
                return (
                    f"{path}.expiry ({cycle.expiry.describe()}) gives a cycle counted from"
                    f" {start} no length: it expires on {expires_on}"
                )
            dates = CycleDates(start, expires_on)
            for index, dues in enumerate(cycle.dues):
                try:
                    due_dates(dues, dates)
                except Exception as error:
                    return (
                        f"{path}.dues[{index}] ({dues.label!r}) raised {type(error).__name__}"
                        f" for a cycle from {start} to {expires_on}: {error}"
                    )
            if cycle.credit_from is not None:
                try:
                    credit_from = cycle.credit_starts(dates)
                except Exception as error:
                    return (
                        f"{path}.credit_from raised {type(error).__name__} for a cycle from"
                        f" {start} to {expires_on}: {error}"
                    )
                if credit_from > expires_on:
                    return (
                        f"{path}.credit_from ({cycle.credit_from.describe()}) is after the"
                        f" expiry: no credit can count for a cycle from {start} to {expires_on}"
                    )
    return _probe_next_cycles(spec, path, cycle)


def _probe_next_cycles(spec: CredentialSpec, path: str, cycle: Cycle) -> str | None:
    """Whether the cycle after one that ends on each probed month end has a length."""
    for ends in _month_ends():
        for reader in _readers(spec):
            try:
                next_expiry = next_expiry_of(cycle.expiry, ends, reader)
            except InvalidInput:
                break  # it needs a fact no probe gives
            except Exception as error:
                return (
                    f"{path}.expiry ({type(cycle.expiry).__name__}) raised"
                    f" {type(error).__name__} for the cycle after one ending on {ends}: {error}"
                )
            if next_expiry <= ends < NEVER:
                return (
                    f"{path}.expiry ({cycle.expiry.describe()}) gives the cycle after one"
                    f" ending on {ends} no length: it expires on {next_expiry}"
                )
    return None


def pathway_probes(spec: CredentialSpec, cycles: Sequence[Cycle]) -> tuple[CycleDates, ...]:
    found: dict[CycleDates, None] = {}
    for end in _month_ends():
        for years in (1, 2, 5):
            found[CycleDates(end.subtract(years=years).add(days=1), end)] = None
    reader = next(_readers(spec))
    for cycle in cycles:
        for shape in (cycle, cycle.first):
            if shape is None:
                continue
            for start in _STARTS:
                try:
                    expires_on = shape.expiry.expiry(start, reader)
                except Exception:
                    break  # reported by the cycle checks, or it needs facts
                if expires_on > start:
                    found[CycleDates(start, expires_on)] = None
    return tuple(found)


def pathway_problems(pathways: tuple[Pathway, ...], probes: Sequence[CycleDates]) -> list[str]:
    problems: list[str] = []
    if not pathways:
        problems.append("offers no pathway")
    for index, pathway in enumerate(pathways):
        name = f"pathway {pathway.name!r}"
        if pathway.kind is PathwayKind.CONTINUING_EDUCATION and not pathway.requires_credit:
            problems.append(f"{name} is by continuing education but requires no credit")
        if pathway.closes is None:
            continue
        opens = pathway.opens or AfterStart()
        closes = pathway.closes
        for dates in probes:
            try:
                opens_on, closes_on = opens.on(dates), closes.on(dates)
            except Exception as error:
                problems.append(
                    f"pathways[{index}]: {name}: its opens or closes rule raised"
                    f" {type(error).__name__} for a cycle from {dates.starts_on} to"
                    f" {dates.expires_on}: {error}"
                )
                break
            if closes_on >= opens_on or _by_a_fixed_date(opens, closes, opens_on, closes_on):
                continue
            problems.append(
                f"pathways[{index}]: {name} closes before it opens, so it is never open for a"
                f" cycle from {dates.starts_on} to an expiry on {dates.expires_on} (it opens on"
                f" {opens_on}, {opens.describe()}, and closes on {closes_on},"
                f" {closes.describe()})"
            )
            break
    return problems


def _by_a_fixed_date(opens: DateRule, closes: DateRule, opens_on: Date, closes_on: Date) -> bool:
    """Whether a pathway is never open because of a fixed date, which is by design: a window
    that closes at the end of a transition is never open for the cycles that end later, and one
    that opens on a fixed date never for those that end earlier. It is when the date it closes
    (or opens) on is that fixed date, not its own schedule."""
    return closes_on in set(_fixed_dates(closes)) or opens_on in set(_fixed_dates(opens))


def _fixed_dates(rule: object) -> Iterator[Date]:
    if isinstance(rule, OnDate):
        yield rule.date
    elif isinstance(rule, Earliest | Latest):
        for inner in rule.rules:
            yield from _fixed_dates(inner)
    elif isinstance(rule, DayAfter):
        for date in _fixed_dates(rule.rule):
            yield date.add(days=1)
