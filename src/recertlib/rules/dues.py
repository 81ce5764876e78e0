"""Payments a holder makes during a cycle to keep a credential, whose absence lapses it before
its expiry: an annual registration fee, say, that the holder records as it is paid."""

from __future__ import annotations

from typing import Any

from attrs import field, frozen

from recertlib.errors import FieldValueError
from recertlib.fields import folded_names, name_set, non_empty_text, of_type, optional_of_type
from recertlib.quantities.dates import Date, Span
from recertlib.rules.calls import described
from recertlib.rules.fees import Fee
from recertlib.rules.schedule import CycleDates, DateRule, date_on


def _due_dates(values: Any) -> tuple[Any, ...]:
    if not isinstance(values, tuple | list) or not values:
        raise FieldValueError("due", values, "expected one or more DateRules")
    for value in values:
        if not isinstance(value, DateRule):
            raise FieldValueError("due", value, "expected a DateRule")
    return tuple(values)


@frozen
class Dues:
    """A payment due on dates of each cycle, which the holder records as an
    :class:`~recertlib.Activity` in one of ``units`` (amount 1, completed on the day paid). A
    payment due and not recorded by the end of ``payable_for`` after its date lapses the
    credential from the next day, whatever its expiry: a registration that lapses mid-cycle
    when an annual fee is unpaid.

    ``due`` are the dates the payment falls due, each counted from the cycle's dates (three
    annual fees in a three-year cycle: ``AfterStart(Span(months=12))``, ``AfterStart(
    Span(months=24))``, ``AfterExpiry()``). A recorded payment pays the earliest unpaid date
    it may pay: one made after the date before it (or on or after the cycle's first day, for
    the first) and by the end of ``payable_for`` after it.
    """

    label: str = field(validator=non_empty_text)
    due: tuple[DateRule, ...] = field(converter=_due_dates)
    units: frozenset[str] = field(kw_only=True, converter=folded_names, validator=name_set)
    """The units of the activities that record a payment."""
    payable_for: Span = field(factory=Span, kw_only=True, validator=of_type(Span))
    """How long after a due date the payment may still be made without a lapse (``Span()``:
    by the due date itself)."""
    fee: Fee | None = field(default=None, kw_only=True, validator=optional_of_type(Fee))
    """What each payment costs, where known."""

    def describe(self) -> str:
        """The dues in words: "Annual fee, due on ..., payable up to ..."."""
        dates = "; ".join(described(rule) for rule in self.due)
        late = (
            ""
            if self.payable_for == Span()
            else f", payable up to {self.payable_for.describe('the due date')}"
        )
        return f"{self.label}, due on {dates}{late} (recorded in {' or '.join(sorted(self.units))})"


@frozen
class DueDate:
    """One date a :class:`Dues` payment falls due in a cycle, and the last day it may be paid."""

    dues: Dues
    due_on: Date
    payable_through: Date


def due_dates(dues: Dues, dates: CycleDates) -> tuple[DueDate, ...]:
    """The dates ``dues`` falls due in a cycle with these ``dates``, earliest first."""
    found = sorted({date_on(rule, dates) for rule in dues.due})
    return tuple(DueDate(dues, day, dues.payable_for.after(day)) for day in found)


def paid_dates(
    dues: Dues, dates: CycleDates, paid: list[Date]
) -> list[tuple[DueDate, Date | None]]:
    """Each due date of ``dues`` in the cycle with the day it was paid (``None`` when no
    recorded payment pays it), ``paid`` being the days payments were recorded, earliest first.
    Each payment pays one date: the earliest unpaid one it may pay."""
    left = sorted(paid)
    found: list[tuple[DueDate, Date | None]] = []
    after = dates.starts_on.subtract(days=1)
    for due in due_dates(dues, dates):
        payment = next(
            (day for day in left if after < day <= due.payable_through),
            None,
        )
        if payment is not None:
            left.remove(payment)
        found.append((due, payment))
        after = due.due_on
    return found
