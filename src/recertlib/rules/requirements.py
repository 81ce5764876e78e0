"""What a pathway requires: pooled credit, measures that are not credit, and groups of them.

:class:`Requirement` is the protocol; :class:`~recertlib.rules.Minimum` (credit),
:class:`Measure`, :class:`AllOf`, :class:`AnyOf` and :class:`AtLeast` are the standard shapes,
and a plugin may implement its own. The engine asks each requirement for the credit it
*demands* (the alternatives of pooled-credit minimums that would meet it), allocates the
holder's credit to meet them as fully as possible, then asks each requirement to *assess*
the holder's standing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from recertlib.errors import FieldValueError
from recertlib.fields import (
    amount,
    boolean,
    folded_names,
    name_set,
    non_empty_text,
    of_type,
    optional_name_set,
    optional_of_type,
    whole_number,
)
from recertlib.quantities.amounts import format_amount, quantity
from recertlib.quantities.dates import Date
from recertlib.rules.calls import call_rule, described
from recertlib.rules.facts import (
    Condition,
    FactReader,
    OptionalCondition,
    describe_condition,
    holds,
)
from recertlib.rules.results import RequirementResult
from recertlib.rules.schedule import CycleDates, DateRule, date_on
from recertlib.rules.selector import Selector

Demand = tuple["Minimum", ...]
"""Pooled-credit minimums that must all be met together."""

MAX_ALTERNATIVES = 256
"""The most alternatives a requirement tree may offer the allocation; more is refused when the
credential is registered, so that evaluation stays fast."""


class Standing(Protocol):
    """What a requirement can ask of the holder's position once credit is allocated."""

    @property
    def facts(self) -> FactReader:
        """The holder's facts."""
        ...

    @property
    def inner_cycle(self) -> int | None:
        """The number (from 1) of the inner cycle the holder is in, for a nested cycle."""
        ...

    @property
    def unit(self) -> str:
        """The body's unit of credit."""
        ...

    def credit(self, selector: Selector) -> Decimal:
        """The allocated credit that ``selector`` matches."""
        ...

    @property
    def dates(self) -> CycleDates:
        """The cycle's first day and expiry, which a requirement's own dates count from."""
        ...

    @property
    def as_of(self) -> Date:
        """The evaluation date."""
        ...

    def recorded(
        self,
        units: frozenset[str],
        tags: frozenset[str] | None,
        since: Date | None = None,
        until: Date | None = None,
    ) -> Decimal:
        """The amount of the activities recorded in ``units`` (and with one of ``tags``, when
        given) completed in the credit window, or from ``since`` and through ``until`` when
        given (neither later than the evaluation date): what a :class:`Measure` measures."""
        ...


@runtime_checkable
class Requirement(Protocol):
    """Something a pathway requires. A plugin may implement its own."""

    @property
    def name(self) -> str:
        """The requirement's name, as the verdict shows it."""
        ...

    def demands(self, facts: FactReader, inner_cycle: int | None) -> tuple[Demand, ...]:
        """The alternatives of pooled credit that would meet this requirement, any one of them
        enough; ``((),)`` when it asks for no pooled credit."""
        ...

    def measured_units(self) -> frozenset[str]:
        """The units of activities it measures that are not credit (``"exam"``)."""
        ...

    def assess(self, standing: Standing) -> RequirementResult | None:
        """How far the holder is from it, or ``None`` when it does not apply to them."""
        ...

    def describe(self, unit: str) -> str:
        """The requirement in words, credit counted in the body's ``unit``."""
        ...


def demands_of(
    requirement: Requirement, facts: FactReader, inner_cycle: int | None
) -> tuple[Demand, ...]:
    """``requirement.demands(facts, inner_cycle)``, a plugin's own requirement checked
    (:mod:`recertlib.rules.calls`)."""
    return call_rule(
        requirement, "demands", lambda: requirement.demands(facts, inner_cycle), _demands
    )


def assessed(requirement: Requirement, standing: Standing) -> RequirementResult | None:
    """``requirement.assess(standing)``, a plugin's own requirement checked."""
    return call_rule(requirement, "assess", lambda: requirement.assess(standing), _result)


def measured_units_of(requirement: Requirement) -> frozenset[str]:
    """``requirement.measured_units()``, a plugin's own requirement checked."""
    return call_rule(requirement, "measured_units", requirement.measured_units, _units)


def _demands(found: Any) -> tuple[Demand, ...]:
    if not isinstance(found, tuple) or not found:
        raise TypeError("expected a non-empty tuple of demands")
    for demand in found:
        if not isinstance(demand, tuple) or not all(isinstance(m, Minimum) for m in demand):
            raise TypeError("expected each demand a tuple of Minimum")
    return found


def _result(found: Any) -> RequirementResult | None:
    if found is not None and not isinstance(found, RequirementResult):
        raise TypeError("expected a RequirementResult or None")
    return found


def _units(found: Any) -> frozenset[str]:
    if not isinstance(found, frozenset) or not all(isinstance(unit, str) for unit in found):
        raise TypeError("expected a frozenset of unit names")
    return found


def _applies(when: Condition | None, facts: FactReader, inner_cycle: int | None) -> bool:
    return when is None or holds(when, facts, inner_cycle)


@frozen
class Minimum:
    """At least ``amount`` of the credit that ``selector`` matches must count."""

    name: str = field(validator=non_empty_text)
    selector: Selector = field(validator=of_type(Selector))
    amount: Decimal = field(converter=amount)
    when: Condition | None = field(default=None, kw_only=True, validator=OptionalCondition)
    """When it applies; always, when ``None``."""

    def demands(self, facts: FactReader, inner_cycle: int | None) -> tuple[Demand, ...]:
        return ((self,),) if _applies(self.when, facts, inner_cycle) else ((),)

    def measured_units(self) -> frozenset[str]:
        return frozenset()

    def assess(self, standing: Standing) -> RequirementResult | None:
        if not _applies(self.when, standing.facts, standing.inner_cycle):
            return None
        earned = standing.credit(self.selector)
        return RequirementResult(self.name, self.amount, earned, standing.unit)

    def describe(self, unit: str) -> str:
        return (
            f"at least {quantity(self.amount, unit)} {self.name}"
            f" ({self.selector.describe()}){describe_condition(self.when)}"
        )


@frozen
class Measure:
    """At least ``amount`` of something that is not pooled credit: a passed exam, practice
    hours. It counts the activities recorded in ``units`` (and with one of ``tags``, when
    given) that fall in the credit window, at their recorded amount; they never count as
    credit."""

    name: str = field(validator=non_empty_text)
    amount: Decimal = field(converter=amount)
    units: frozenset[str] = field(converter=folded_names, validator=name_set)
    unit_name: str = field(kw_only=True, validator=non_empty_text)
    """What the amount counts, as the verdict shows it (``"exam"``, ``"hour"``)."""
    tags: frozenset[str] | None = field(
        default=None, kw_only=True, converter=folded_names, validator=optional_name_set
    )
    when: Condition | None = field(default=None, kw_only=True, validator=OptionalCondition)
    counts_from: DateRule | None = field(
        default=None, kw_only=True, validator=optional_of_type(DateRule)
    )
    """The first day a record counts, when later than the credit window's (NCCPA: PANRE only
    in the last two years of the ten, ``DayAfter(BeforeExpiry(Span(months=24)))``)."""
    open_ended: bool = field(default=False, kw_only=True, validator=boolean)
    """Whether a record counts through the evaluation date, past the end of the credit window:
    an exam passed after a lapse, which regaining asks for (NCCPA: PANRE)."""

    def demands(self, facts: FactReader, inner_cycle: int | None) -> tuple[Demand, ...]:
        return ((),)

    def measured_units(self) -> frozenset[str]:
        return self.units

    def assess(self, standing: Standing) -> RequirementResult | None:
        if not _applies(self.when, standing.facts, standing.inner_cycle):
            return None
        since = date_on(self.counts_from, standing.dates) if self.counts_from else None
        until = standing.as_of if self.open_ended else None
        earned = standing.recorded(self.units, self.tags, since, until)
        return RequirementResult(self.name, self.amount, earned, self.unit_name)

    def describe(self, unit: str) -> str:
        recorded = " or ".join(sorted(self.units))
        counted = f"recorded in {recorded}, not credit"
        if self.counts_from is not None:
            counted += f", from {described(self.counts_from)}"
        if self.open_ended:
            counted += ", through the evaluation date"
        return (
            f"at least {format_amount(self.amount)} {self.unit_name} {self.name}"
            f" ({counted}){describe_condition(self.when)}"
        )


def _members(values: Sequence[object]) -> tuple[Requirement, ...]:
    if not values:
        raise FieldValueError("requirements", [], "a group needs at least one member")
    for value in values:
        if not isinstance(value, Requirement):
            raise FieldValueError("requirements", value, "expected a Requirement")
    return tuple(values)  # type: ignore[arg-type]


def combined(alternatives: Iterable[Sequence[Demand]]) -> tuple[Demand, ...]:
    # Every way of picking one alternative of each member, merged; duplicates dropped.
    found: dict[Demand, None] = {}
    for picked in itertools.product(*alternatives):
        merged: dict[Minimum, None] = {}
        for demand in picked:
            merged.update(dict.fromkeys(demand))
        found[tuple(merged)] = None
        if len(found) > MAX_ALTERNATIVES:
            raise ValueError(f"more than {MAX_ALTERNATIVES} alternatives of credit")
    return tuple(found)


def _group_result(
    name: str, needed: int, members: tuple[Requirement, ...], standing: Standing
) -> RequirementResult:
    results = [assessed(member, standing) for member in members]
    children = tuple(result for result in results if result is not None)
    met = sum(1 for child in children if child.met)
    return RequirementResult(
        name, Decimal(min(needed, len(children))), Decimal(met), "requirement", children=children
    )


@frozen(init=False)
class AtLeast:
    """At least ``count`` of ``members`` must be met (the "N of" group):
    ``AtLeast(2, "Breadth", first, second, third)``."""

    count: int = field(validator=whole_number(1))
    name: str = field(validator=non_empty_text)
    members: tuple[Requirement, ...] = field(converter=_members)
    when: Condition | None = field(default=None, kw_only=True, validator=OptionalCondition)

    def __init__(
        self, count: int, name: str, *members: Requirement, when: Condition | None = None
    ) -> None:
        self.__attrs_init__(count, name, members, when=when)

    @members.validator
    def _enough_members(self, attribute: Any, value: tuple[Requirement, ...]) -> None:
        if self.count > len(value):
            raise FieldValueError("count", self.count, f"more than its {len(value)} members")

    def demands(self, facts: FactReader, inner_cycle: int | None) -> tuple[Demand, ...]:
        if not _applies(self.when, facts, inner_cycle):
            return ((),)
        each = [demands_of(member, facts, inner_cycle) for member in self.members]
        found: dict[Demand, None] = {}
        for chosen in itertools.combinations(each, self.count):
            found.update(dict.fromkeys(combined(chosen)))
        return tuple(found)

    def measured_units(self) -> frozenset[str]:
        return frozenset().union(*(measured_units_of(member) for member in self.members))

    def assess(self, standing: Standing) -> RequirementResult | None:
        if not _applies(self.when, standing.facts, standing.inner_cycle):
            return None
        return _group_result(self.name, self.count, self.members, standing)

    def describe(self, unit: str) -> str:
        which = "all" if self.count == len(self.members) else f"at least {self.count}"
        inner = "; ".join(member.describe(unit) for member in self.members)
        return f"{self.name}: {which} of [{inner}]{describe_condition(self.when)}"


def AllOf(name: str, *members: Requirement, when: Condition | None = None) -> AtLeast:
    """Every one of ``members`` must be met."""
    return AtLeast(len(members), name, *members, when=when)


def AnyOf(name: str, *members: Requirement, when: Condition | None = None) -> AtLeast:
    """At least one of ``members`` must be met."""
    return AtLeast(1, name, *members, when=when)
