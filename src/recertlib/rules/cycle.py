"""The cycle part of the rules: when a credential expires, from when credit counts, what a first
cycle does differently, and the outer cycle that inner ones may make up."""

from __future__ import annotations

import enum
from typing import Any

from attrs import field, frozen

from recertlib.errors import FieldValueError
from recertlib.fields import as_tuple, non_empty_text, optional_of_type, tuple_of, whole_number
from recertlib.quantities.dates import Date, Span
from recertlib.rules.calls import described
from recertlib.rules.dues import Dues
from recertlib.rules.facts import FactReader
from recertlib.rules.schedule import (
    AfterStart,
    CycleDates,
    DateRule,
    ExpiryRule,
    SpanAfter,
    date_on,
    expiry_of,
)


def _expiry_rule(value: object) -> Any:
    # A bare span is the common shape: "60 months after certification".
    return SpanAfter(value) if isinstance(value, Span) else value


def _an_expiry_rule(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, ExpiryRule):
        raise FieldValueError(attribute.name, value, "expected an ExpiryRule or a Span")


class NextCycleFrom(enum.Enum):
    """What the next cycle is counted from once the holder recertifies by a pathway."""

    RECERTIFICATION_DATE = "recertification_date"
    """The day the holder recertifies: the next cycle starts then and its expiry is counted
    from it (AAMA: the end of the month 60 months after the month of recertification)."""
    PREVIOUS_EXPIRY = "previous_expiry"
    """The previous expiry date: the next cycle starts the day after it, and its expiry is
    counted from it (NHA: a renewal extends the expiry by two years)."""
    NEXT_IN_SERIES = "next_in_series"
    """The cycles go on from the previous expiry as if renewed each time, and the holder
    rejoins the first of them that ends on or after the recertification date (California: a
    licence reinstated years after it lapsed keeps its birthday cycle)."""


@frozen
class OuterCycle:
    """A cycle made of inner cycles: NCCPA's 10-year certification maintenance cycle is five
    2-year CME cycles. The inner cycles are counted from the ``originally_issued_on`` fact,
    each following the one before by the cycle's own rule, so that the verdict can say which
    inner cycle the holder is in."""

    name: str = field(validator=non_empty_text)
    inner_cycles: int = field(validator=whole_number(2))


@frozen
class Cycle:
    """How long a certification lasts and which credit belongs to it.

    ``expiry`` gives the last day the credential is current, counted from the certification
    date (a :class:`~recertlib.quantities.Span` stands for :class:`SpanAfter` it). Credit counts
    from ``credit_from`` (the cycle's first day when ``None``) through the expiry date. ``first``,
    when set, is the cycle that applies instead while the holder is in their first cycle.
    """

    expiry: ExpiryRule = field(converter=_expiry_rule, validator=_an_expiry_rule)
    credit_from: DateRule | None = field(
        default=None, kw_only=True, validator=optional_of_type(DateRule)
    )
    first: Cycle | None = field(default=None, kw_only=True)
    outer: OuterCycle | None = field(
        default=None, kw_only=True, validator=optional_of_type(OuterCycle)
    )
    dues: tuple[Dues, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(Dues)
    )
    """Payments due during the cycle whose absence lapses the credential before its expiry
    (an annual registration fee)."""

    @first.validator
    def _first_is_a_plain_cycle(self, attribute: Any, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, Cycle):
            raise FieldValueError("first", value, "expected a Cycle")
        if value.first is not None or value.outer is not None:
            raise FieldValueError("first", value, "a first cycle has no first or outer cycle")

    def for_holder(self, facts: FactReader) -> Cycle:
        """The cycle that applies to the holder: :attr:`first` in their first cycle."""
        if self.first is None:
            return self
        return self.first if facts.first_cycle("the first cycle has rules of its own") else self

    def describe(self) -> str:
        """The cycle in words: its expiry, and what differs in a first cycle."""
        said = f"expires on {described(self.expiry)}"
        if self.credit_from is not None:
            said += f"; credit counts from {described(self.credit_from)}"
        if self.outer is not None:
            said += f"; {self.outer.inner_cycles} cycles make one {self.outer.name}"
        for dues in self.dues:
            said += f"; {dues.describe()}"
        if self.first is not None:
            said += f"; a first cycle {self.first.describe()}"
        return said

    def dates(self, counted_from: Date, facts: FactReader) -> CycleDates:
        """The first and last day of a cycle that starts on ``counted_from``."""
        return CycleDates(counted_from, expiry_of(self.expiry, counted_from, facts))

    def credit_starts(self, dates: CycleDates) -> Date:
        """The first day credit for the cycle counts."""
        return date_on(self.credit_from or AfterStart(), dates)
