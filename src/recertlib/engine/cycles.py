"""Cycles one after another: the series a credential runs through, where a cycle stands in an
outer cycle, and the next cycle a pathway leads to."""

from __future__ import annotations

from collections.abc import Iterable

from recertlib.inputs import Credential
from recertlib.quantities.dates import Date, day_after
from recertlib.results.verdict import OuterStanding
from recertlib.rules import (
    ORIGINALLY_ISSUED_ON,
    CredentialSpec,
    Cycle,
    CycleDates,
    FactReader,
    NextCycleFrom,
    Part,
    Pathway,
)
from recertlib.rules.schedule import expiry_of, next_expiry_of

SERIES_LIMIT = 1000
"""The most cycles walked to place a cycle in its outer cycle."""


def cycle_series(spec: CredentialSpec, first_day: Date, facts: FactReader) -> Iterable[CycleDates]:
    """The cycles a credential first issued on ``first_day`` runs through, each starting the
    day after the one before expires, its expiry the next one the rule gives after that
    previous expiry."""
    rules = spec.rule_set_for(Part.CYCLE, first_day).cycle
    assert rules is not None
    cycle: Cycle = rules.first or rules
    current = cycle.dates(first_day, facts)
    while True:
        yield current
        rules = spec.rule_set_for(Part.CYCLE, day_after(current.expires_on)).cycle
        assert rules is not None
        counted_from = current.expires_on
        current = CycleDates(
            day_after(counted_from), next_expiry_of(rules.expiry, counted_from, facts)
        )


def cycle_number(spec: CredentialSpec, issued: Date, expiry: Date, facts: FactReader) -> int:
    """Which cycle, counted from 1, of the series of a credential first issued on ``issued``
    ends on ``expiry`` (or is the first to end after it, for an expiry off the series)."""
    for number, dates in enumerate(cycle_series(spec, issued, facts), start=1):
        if dates.expires_on >= expiry or number >= SERIES_LIMIT:
            return number
    raise AssertionError("the series never ends")  # pragma: no cover


def outer_standing(
    spec: CredentialSpec,
    cycle: Cycle,
    credential: Credential,
    expiry: Date,
    facts: FactReader,
    notes: list[str],
) -> OuterStanding:
    assert cycle.outer is not None
    count = cycle.outer.inner_cycles
    issued = facts.require(
        ORIGINALLY_ISSUED_ON, f"the {cycle.outer.name} is counted from the original issue date"
    )
    assert isinstance(issued, Date)
    walked: list[CycleDates] = []
    for dates in cycle_series(spec, issued, facts):
        walked.append(dates)
        if dates.expires_on >= expiry or len(walked) >= SERIES_LIMIT:
            break
    if walked[-1].expires_on != expiry:
        notes.append(
            f"The expiry {expiry} is not one of the cycles counted from {issued}; the"
            f" {cycle.outer.name} is placed by the cycle ending {walked[-1].expires_on}."
        )
    index = len(walked) - 1
    number = index % count + 1
    first = walked[index - number + 1]
    ends = walked[-1].expires_on
    later = iter(cycle_series(spec, issued, facts))
    for _ in range(index + count - number + 1):
        ends = next(later).expires_on
    return OuterStanding(cycle.outer.name, first.starts_on, ends, number, count)


def next_cycle(
    spec: CredentialSpec, pathway: Pathway, dates: CycleDates, as_of: Date, facts: FactReader
) -> tuple[Date, Date]:
    # A next cycle is never a first one, so ``cycle.first`` never applies to it.
    if pathway.next_cycle_from is NextCycleFrom.RECERTIFICATION_DATE:
        return as_of, expiry_of(later_cycle(spec, as_of).expiry, as_of, facts)
    counted_from = dates.expires_on
    while True:
        starts = day_after(counted_from)
        expires = next_expiry_of(later_cycle(spec, starts).expiry, counted_from, facts)
        if pathway.next_cycle_from is NextCycleFrom.PREVIOUS_EXPIRY or expires >= as_of:
            return starts, expires
        counted_from = expires


def later_cycle(spec: CredentialSpec, starts: Date) -> Cycle:
    cycle = spec.rule_set_for(Part.CYCLE, starts).cycle
    assert cycle is not None
    return cycle
