"""Credit histories for generated holders, built from a credential's own requirements: just
short of each of them, exactly at each, or over, so that the kit's checks see holders who can
renew by continuing education as well as holders who cannot.

A history is built for the rule set in force for the holder (its cycle, facts and dates): for
one way of meeting the requirements (one alternative of the pooled credit they demand), an
activity for each minimum, the most particular first, of the credit it still lacks; a record in
a measured unit for each measure (an exam); dated in the last year of the credit window, in a
unit the rules convert exactly, an area they know, approved by their approver and tagged as the
minimum selects. Caps and minimum lengths are kept clear of where the rules leave a choice.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

from attrs import frozen

from recertlib.engine import evaluate_with_spec
from recertlib.engine.credential import fact_reader
from recertlib.inputs import Activity, Credential
from recertlib.quantities.dates import EARLIEST_EVENT, LATEST_EVENT, Date
from recertlib.rules import ContinuingEducation, Conversion, CredentialSpec, Part, Selector
from recertlib.rules.requirements import (
    AtLeast,
    Measure,
    Minimum,
    Requirement,
    combined,
    demands_of,
)


class Level(enum.Enum):
    """How much of what the requirements ask a generated history holds."""

    DRAWN = "drawn"
    """Activities drawn at random from the rules (:func:`~recertlib.testing.sample_activities`):
    every kind of record, seldom enough credit to renew."""
    SHORT = "short"
    """Just short of every minimum: one unit of credit less (half of a minimum under two), one
    exam or other measured record less."""
    EXACT = "exact"
    """Exactly every minimum and measure: one activity fewer and the holder is short."""
    OVER = "over"
    """Half as much again as every minimum and measure (rounded up to a whole one)."""


LEVELS = tuple(Level)
"""The levels :class:`~recertlib.testing.CredentialTests` gives its holders, in turn."""


def requirement_activities(
    spec: CredentialSpec, holder: Credential, level: Level
) -> tuple[Activity, ...]:
    """Activities that meet ``spec``'s continuing-education requirements at ``level`` for
    ``holder`` by the expiry date of the cycle they are certified for, the same each time.

    Besides the credit, the history holds the first activity entered twice and one activity in
    a unit no rule takes: neither adds credit, so a history at :attr:`Level.EXACT` stays exact.

    :raises ValueError: for :attr:`Level.DRAWN`, which :func:`~recertlib.testing.sample_activities`
        draws.
    """
    if level is Level.DRAWN:
        raise ValueError("drawn activities come from sample_activities")
    start = evaluate_with_spec(spec, holder, (), as_of=holder.certified_on)
    (rules,) = [
        rule_set.continuing_education
        for rule_set in spec.history(Part.CONTINUING_EDUCATION)
        if rule_set.id in start.rule_sets
    ] or [None]
    if rules is None:
        return ()
    facts = fact_reader(spec, holder, start.expires_on)
    inner_cycle = start.outer.inner_number if start.outer is not None else None
    requirements = rules.all_requirements()
    alternatives = combined([demands_of(r, facts, inner_cycle) for r in requirements])
    # The alternative of the least credit (the smallest largest minimum, then the smallest
    # sum), so that a history at EXACT is exact on the route the verdict shows first.
    demand = min(alternatives, key=_credit_asked)
    plan = _Plan(rules, start.cycle.credit_from, start.cycle.credit_through)
    for minimum in sorted(demand, key=_particularity, reverse=True):
        plan.meet(minimum.name, minimum.selector, _target(minimum.amount, level))
    for measure in _measures(requirements):
        plan.record(measure, _measured_target(measure.amount, level))
    made = plan.activities()
    if not made:
        return ()
    unknown = Activity("A course in a unit no rule takes", made[0].completed_on, 1, "unknown_unit")
    return (*made, made[0], unknown)


def _credit_asked(minimums: tuple[Minimum, ...]) -> tuple[Decimal, Decimal]:
    amounts = [minimum.amount for minimum in minimums]
    return max(amounts, default=Decimal(0)), sum(amounts, Decimal(0))


def _particularity(minimum: Minimum) -> tuple[int, int]:
    # Minimums that select less are met first (more criteria, then fewer names in them), so
    # that a minimum over several areas, and the pooled total, are met by what is left.
    criteria = [minimum.selector.areas, minimum.selector.units, minimum.selector.tags]
    named = [names for names in criteria if names is not None]
    given = len(named) + (minimum.selector.approved is not None)
    return given, -sum(len(names) for names in named)


def _target(amount: Decimal, level: Level) -> Decimal:
    if level is Level.SHORT:
        return amount - (Decimal(1) if amount >= 2 else amount / 2)
    if level is Level.OVER:
        return _over(amount)
    return amount


def _measured_target(amount: Decimal, level: Level) -> Decimal:
    if level is Level.SHORT:
        return max(Decimal(0), amount - 1) if amount >= 1 else amount / 2
    if level is Level.OVER:
        return _over(amount)
    return amount


def _over(amount: Decimal) -> Decimal:
    more = amount * 3 / 2
    return more.to_integral_value(rounding="ROUND_CEILING") if amount == int(amount) else more


def _measures(requirements: tuple[Requirement, ...]) -> Iterator[Measure]:
    for requirement in requirements:
        if isinstance(requirement, Measure):
            yield requirement
        elif isinstance(requirement, AtLeast):
            yield from _measures(requirement.members)


@frozen
class _Planned:
    """An activity planned, with the attributes its credit is selected by."""

    title: str
    amount: Decimal
    conversion: Conversion
    area: str | None
    approved: bool
    tags: frozenset[str]

    @property
    def credit(self) -> Decimal:
        return self.amount * self.conversion.factor

    def selected_by(self, selector: Selector) -> bool:
        return selector.matches(
            area=self.area, approved=self.approved, unit=self.conversion.unit, tags=self.tags
        )


class _Plan:
    """The activities of a history, planned minimum by minimum."""

    def __init__(self, rules: ContinuingEducation, credit_from: Date, credit_through: Date):
        self.rules = rules
        self.first = max(credit_from, _within(credit_through, -364))
        self.last = credit_through
        self.planned: list[_Planned] = []
        self.measured: list[Activity] = []

    def meet(self, name: str, selector: Selector, target: Decimal) -> None:
        lacking = target - sum(p.credit for p in self.planned if p.selected_by(selector))
        if lacking <= 0:
            return
        choices = sorted(self._choices(selector, lacking), key=lambda found: found[0])
        if not choices:
            return  # no activity the rules count meets it: the history stays short of it
        _, planned = choices[0]
        self.planned.append(planned)

    def _choices(self, selector: Selector, credit: Decimal) -> Iterator[tuple[int, _Planned]]:
        rules = self.rules
        known = sorted(rules.areas) if rules.areas is not None else [None]
        areas = sorted(selector.areas) if selector.areas is not None else known
        approved = rules.approver is not None if selector.approved is None else selector.approved
        if rules.approval_required and not approved:
            return
        tags = frozenset(sorted(selector.tags)[:1]) if selector.tags else frozenset()
        for conversion in rules.conversions:
            if conversion.tiers or (conversion.counts_through or LATEST_EVENT) < self.last:
                continue
            if selector.units is not None and conversion.unit not in selector.units:
                continue
            if conversion.approved is not None and conversion.approved != approved:
                continue
            amount = credit / conversion.factor
            if amount * conversion.factor != credit:
                continue  # not exactly: another conversion may be
            for area in [conversion.area] if conversion.area is not None else areas:
                if rules.areas is not None and area not in rules.areas:
                    continue
                planned = _Planned(
                    f"Course {len(self.planned) + 1} toward the requirements",
                    amount,
                    conversion,
                    area,
                    approved,
                    tags,
                )
                if not planned.selected_by(selector):
                    continue
                yield self._hindrances(planned), planned

    def _hindrances(self, planned: _Planned) -> int:
        # The caps and minimum lengths that could keep its credit from counting in full.
        capped = sum(planned.selected_by(cap.selector) for cap in self.rules.caps)
        too_short = sum(
            planned.selected_by(length.selector) and planned.credit < length.amount
            for length in self.rules.minimum_lengths
        )
        return 10 * too_short + capped

    def record(self, measure: Measure, amount: Decimal) -> None:
        if amount <= 0:
            return
        tags = sorted(measure.tags)[:1] if measure.tags else []
        unit = sorted(measure.units)[0]
        title = f"{measure.name} ({unit})"
        self.measured.append(Activity(title, self.last, amount, unit, tags=tags))

    def activities(self) -> list[Activity]:
        found = []
        days = (self.last - self.first).days
        count = len(self.planned)
        for number, planned in enumerate(self.planned, start=1):
            completed_on = _within(self.first, days * number // (count + 1))
            approver = self.rules.approver
            found.append(
                Activity(
                    planned.title,
                    completed_on,
                    planned.amount,
                    planned.conversion.unit,
                    area=planned.area,
                    approved_by=[approver] if approver and planned.approved else [],
                    tags=planned.tags,
                    provider="Provider A",
                )
            )
        return [*found, *self.measured]


def _within(day: Date, days: int) -> Date:
    try:
        moved = day.add(days=days)
    except OverflowError:
        return LATEST_EVENT if days > 0 else EARLIEST_EVENT
    return min(LATEST_EVENT, max(EARLIEST_EVENT, moved))
