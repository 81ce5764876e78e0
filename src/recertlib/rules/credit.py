"""The credit part of the rules: which activities count, in which unit and area, and the caps
and minimums on them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from recertlib.errors import FieldValueError
from recertlib.fields import (
    amount,
    as_tuple,
    boolean,
    folded,
    folded_names,
    name_set,
    non_empty_text,
    of_type,
    optional_amount,
    optional_boolean,
    optional_date,
    optional_folded,
    optional_name_set,
    optional_text,
    text,
    tuple_of,
)
from recertlib.quantities.dates import Date
from recertlib.quantities.units import UNITS, ratio, targets
from recertlib.rules.requirements import Minimum, Requirement
from recertlib.rules.selector import Selector


def exact_ratio(recorded: str, into: str) -> str:
    """How many ``into`` one ``recorded`` common unit is, in words: ``"10"``, ``"1/60"``."""
    found = ratio(recorded, into)
    assert found is not None
    return str(found.numerator) if found.denominator == 1 else str(found)


def _conversions_given(instance: object, attribute: Any, value: tuple[object, ...]) -> None:
    if not value:
        raise FieldValueError(attribute.name, [], "expected at least one conversion")


@frozen
class Cap:
    """At most ``amount`` of the credit that ``selector`` matches counts; the rest is refused."""

    name: str = field(validator=non_empty_text)
    selector: Selector = field(validator=of_type(Selector))
    amount: Decimal = field(converter=amount)


@frozen
class Tier:
    """The first ``up_to`` recorded units in a cycle count ``factor`` each (NCCPA: the first 20
    PI-CME credits count double)."""

    up_to: Decimal = field(converter=amount)
    factor: Decimal = field(converter=amount)


@frozen
class Conversion:
    """How one unit an activity is recorded in becomes the body's own unit.

    ``area`` and ``approved``, when set, override what the activity says: a CPR card, say,
    always counts as approved clinical credit. ``tiers``, when given, value the first recorded
    units of the cycle (in order of completion) differently; what lies beyond them counts
    ``factor`` each. ``counts_through``, when set, is the last completion date on which the
    body accepts credit in this unit.
    """

    unit: str = field(validator=non_empty_text, converter=folded)
    factor: Decimal = field(converter=amount)
    """Body units per recorded unit (beyond any tiers)."""
    area: str | None = field(
        default=None, kw_only=True, converter=optional_folded, validator=optional_text
    )
    approved: bool | None = field(default=None, kw_only=True, validator=optional_boolean)
    tiers: tuple[Tier, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Tier)
    )
    counts_through: Date | None = field(default=None, kw_only=True, converter=optional_date)
    note: str = field(default="", kw_only=True, validator=text)


@frozen
class RefusedUnit:
    """A unit the body does not take, with the reason in words: a common unit
    (:mod:`recertlib.quantities.units`) the relations would otherwise convert, where the body's
    sources are silent or say no. An activity recorded in it is refused
    (:attr:`~recertlib.Reason.UNKNOWN_UNIT`) with that reason."""

    unit: str = field(validator=non_empty_text, converter=folded)
    reason: str = field(validator=non_empty_text)

    def describe(self) -> str:
        """The refusal as a verdict gives it."""
        return f"unit {self.unit!r} is not taken: {self.reason}"


class TakenBy(enum.Enum):
    """How a body's rules take a common unit."""

    CONVERSION = "conversion"
    """By a :class:`Conversion` of its own, at its own value."""
    RELATIONS = "relations"
    """Through the common relations, into a unit a conversion names."""
    REFUSED = "refused"
    """Refused, with a reason (:class:`RefusedUnit`)."""
    NOT_TAKEN = "not_taken"
    """Not taken, and no reason given: nothing the conversions name relates to it."""


@frozen
class CommonUnitTerms:
    """How a body's rules take one common unit: ``said`` is the unit of the conversion that
    takes it, what one of it is worth through the relations ("10 contact_hour"), or the
    reason it is refused."""

    unit: str
    taken_by: TakenBy
    said: str

    @property
    def taken(self) -> bool:
        """Whether an activity recorded in the unit can count."""
        return self.taken_by in (TakenBy.CONVERSION, TakenBy.RELATIONS)


@frozen
class MinimumLength:
    """An activity that ``selector`` matches counts only when its credit, in the body's unit,
    is at least ``amount`` (AAMA: non-AAMA education of at least one contact hour)."""

    selector: Selector = field(validator=of_type(Selector))
    amount: Decimal = field(converter=amount)


@frozen
class Overflow:
    """Credit in one of ``from_areas`` may count in ``into`` instead, where it is needed there
    (NREMT: hours beyond a component's need or cap go to the Individual component)."""

    from_areas: frozenset[str] = field(converter=folded_names, validator=name_set)
    into: str = field(converter=folded, validator=non_empty_text)


class Spanning(enum.Enum):
    """Where an activity with a ``started_on`` before its ``completed_on`` counts."""

    WHERE_IT_ENDS = "where_it_ends"
    """In the window its completion date falls in (California: 16 CCR 1451.1)."""
    WHERE_IT_STARTS = "where_it_starts"
    """In the window its first day falls in."""
    WHOLLY_WITHIN = "wholly_within"
    """Only when it starts and ends within one window."""


def _requirements(values: Iterable[Any]) -> tuple[Any, ...]:
    values = as_tuple(values)
    if not isinstance(values, tuple):
        raise FieldValueError("requirements", values, "expected a tuple of Requirements")
    for value in values:
        if not isinstance(value, Requirement):
            raise FieldValueError("requirements", value, "expected a Requirement")
    return values


@frozen
class ContinuingEducation:
    """What credit counts towards recertifying, and what is required of it.

    Credit counts when it was completed in the credit window (from the cycle's credit start
    through the expiry date, or through the close of the credit pathway when
    ``credit_after_expiry_counts``), on or before the evaluation date, in a unit the
    ``conversions`` know and, where ``areas`` are given, in one of them.

    What is required is ``total`` (pooled credit of any kind), every one of ``minimums``, and
    every one of ``requirements``: groups, measures that are not credit, or a plugin's own
    :class:`~recertlib.rules.Requirement`.
    """

    unit: str = field(validator=non_empty_text)
    """The body's own unit of credit, as it names it (``"point"``)."""
    total: Decimal | None = field(converter=optional_amount)
    """The credit required in all, or ``None`` when only :attr:`requirements` say."""
    conversions: tuple[Conversion, ...] = field(
        converter=as_tuple, validator=[tuple_of(Conversion), _conversions_given]
    )
    minimums: tuple[Minimum, ...] = field(
        default=(), converter=as_tuple, validator=tuple_of(Minimum)
    )
    caps: tuple[Cap, ...] = field(default=(), converter=as_tuple, validator=tuple_of(Cap))
    requirements: tuple[Requirement, ...] = field(default=(), converter=_requirements)
    areas: frozenset[str] | None = field(
        default=None, converter=folded_names, validator=optional_name_set
    )
    """The content areas the body knows; ``None`` when it does not sort credit by area."""
    overflows: tuple[Overflow, ...] = field(
        default=(), converter=as_tuple, validator=tuple_of(Overflow)
    )
    approver: str | None = field(default=None, validator=optional_text)
    """The body whose approval ``Selector(approved=...)`` asks about (``"AAMA"``)."""
    approval_required: bool = field(default=False, validator=boolean)
    """Whether credit without the approver's approval is refused outright."""
    minimum_lengths: tuple[MinimumLength, ...] = field(
        default=(), converter=as_tuple, validator=tuple_of(MinimumLength)
    )
    repeated_courses_count: bool = field(default=True, validator=boolean)
    """Whether the same course (title, provider and area) may count twice in a cycle."""
    credit_after_expiry_counts: bool = field(default=False, validator=boolean)
    """Whether credit earned after the expiry date, while a credit pathway is still open,
    counts."""
    spanning: Spanning = field(default=Spanning.WHERE_IT_ENDS, validator=of_type(Spanning))
    """Where an activity that spans two windows counts."""
    common_units_convert: bool = field(default=True, validator=boolean)
    """Whether an activity recorded in a common unit (:mod:`recertlib.quantities.units`) that
    :attr:`conversions` do not name is converted, through the common relations, into one they
    do name (an IACET CEU as ten contact hours). ``False`` takes only the units named."""
    refused_units: tuple[RefusedUnit, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(RefusedUnit)
    )
    """Units the body does not take, each with the reason: a common unit these rules neither
    convert nor want converted through the common relations."""
    shared_credit_counts: bool = field(default=True, validator=boolean)
    """Whether an activity that already counted toward another credential of the same person
    may count toward this one too. ``False`` is a body's rule that one activity serves one
    credential: in a person's evaluation (:func:`recertlib.evaluate` on a
    :class:`~recertlib.Person`), an activity that counted toward a credential listed earlier
    is refused here (:attr:`~recertlib.Reason.COUNTED_ELSEWHERE`)."""

    def conversion_for(self, unit: str) -> Conversion | None:
        """The conversion of a recorded unit, or ``None`` when this body does not take it."""
        folded_unit = unit.casefold()
        for conversion in self.conversions:
            if conversion.unit == folded_unit:
                return conversion
        return None

    def refusal_of(self, unit: str) -> RefusedUnit | None:
        """Why this body refuses a recorded unit, or ``None`` when it does not say."""
        folded_unit = unit.casefold()
        for refused in self.refused_units:
            if refused.unit == folded_unit:
                return refused
        return None

    def takes(self, unit: str) -> bool:
        """Whether an activity recorded in ``unit`` can count as credit: a unit the
        conversions name, or a common unit they take through the common relations."""
        if self.conversion_for(unit) is not None:
            return True
        if self.refusal_of(unit) is not None or not self.common_units_convert:
            return False
        return bool(targets(unit, (conversion.unit for conversion in self.conversions)))

    def common_units(self) -> tuple[CommonUnitTerms, ...]:
        """How these rules take each common unit (:data:`~recertlib.quantities.units.UNITS`),
        in that order: by a conversion of their own, through the common relations into a
        unit they name, refused with their reason, or not taken and no reason given."""
        named = [conversion.unit for conversion in self.conversions]
        found = []
        for common in UNITS:
            unit = common.name
            own = self.conversion_for(unit)
            refused = self.refusal_of(unit)
            into = targets(unit, named) if self.common_units_convert else ()
            if own is not None:
                found.append(CommonUnitTerms(unit, TakenBy.CONVERSION, own.unit))
            elif refused is not None:
                found.append(CommonUnitTerms(unit, TakenBy.REFUSED, refused.reason))
            elif into:
                ratio = exact_ratio(unit, into[0])
                found.append(CommonUnitTerms(unit, TakenBy.RELATIONS, f"{ratio} {into[0]}"))
            else:
                found.append(CommonUnitTerms(unit, TakenBy.NOT_TAKEN, ""))
        return tuple(found)

    def all_requirements(self) -> tuple[Requirement, ...]:
        """:attr:`total`, :attr:`minimums` and :attr:`requirements`, as requirements."""
        total = () if self.total is None else (Minimum("Total", Selector(), self.total),)
        return (*total, *self.minimums, *self.requirements)

    def areas_for(self, area: str | None, also: frozenset[str]) -> frozenset[str | None]:
        """Every area credit recorded in ``area`` (and ``also``) may count in."""
        found: set[str | None] = {area, *also}
        for overflow in self.overflows:
            if found & overflow.from_areas:
                found.add(overflow.into)
        return frozenset(found)
