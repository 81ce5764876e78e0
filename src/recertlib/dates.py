"""Dates: parsing at the edges, and the calendar arithmetic rules are written in.

Every date inside recertlib is a :class:`pendulum.Date`; whatever comes from outside goes
through :func:`to_date` first.
"""

from __future__ import annotations

import datetime
import enum

import pendulum
from attrs import field, frozen
from attrs.validators import ge, instance_of

Date = pendulum.Date


def to_date(value: object) -> Date:
    """A :class:`pendulum.Date` from a date or an ISO ``YYYY-MM-DD`` string.

    A datetime is refused rather than truncated: a time of day in a date field is a sign that
    the wrong column was read.
    """
    if isinstance(value, datetime.datetime):
        raise TypeError(f"expected a date, not a date and time: {value!r}")
    if isinstance(value, Date):
        return value
    if isinstance(value, datetime.date):
        return pendulum.date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            parsed = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
        if len(value.strip()) != 10:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
        return pendulum.date(parsed.year, parsed.month, parsed.day)
    raise TypeError(f"expected a date as YYYY-MM-DD, got {value!r}")


class Counting(enum.Enum):
    """How a span of months lands on a day."""

    SAME_DAY = "same_day"
    """The same day of the month, or the month's last day when it has no such day
    (29 February plus 24 months is 28 February)."""
    END_OF_MONTH = "end_of_month"
    """The last day of the month the count lands in."""


@frozen
class Span:
    """A length of time counted from a date, as rules state it.

    ``Span(months=60, counting=Counting.END_OF_MONTH)`` reads "the last day of the month 60
    months after"; ``Span(days=90)`` reads "90 days after".
    """

    months: int = field(default=0, validator=[instance_of(int), ge(0)])
    days: int = field(default=0, validator=[instance_of(int), ge(0)])
    counting: Counting = field(default=Counting.SAME_DAY, validator=instance_of(Counting))

    def after(self, start: Date) -> Date:
        """The day this span after ``start`` lands on."""
        end = start.add(months=self.months) if self.months else start
        if self.counting is Counting.END_OF_MONTH:
            end = end.end_of("month")
        return end.add(days=self.days) if self.days else end

    def before(self, end: Date) -> Date:
        """The day this span before ``end`` lands on: the same day of the month (or the month's
        last day when it has no such day), or with :attr:`Counting.END_OF_MONTH` the last day
        of the month the count lands in."""
        start = end.subtract(months=self.months) if self.months else end
        if self.counting is Counting.END_OF_MONTH:
            start = start.end_of("month")
        return start.subtract(days=self.days) if self.days else start

    def describe(self, since: str, *, before: bool = False) -> str:
        """The span in words, counted from ``since`` (``"expiry"``): "90 days after expiry",
        "the end of the month 3 months after expiry", "the day of expiry"; with ``before``,
        counted back ("2 months before expiry")."""
        if self == Span():
            return f"the day of {since}"
        parts = []
        if self.months:
            parts.append(f"{self.months} month{'s' if self.months != 1 else ''}")
        if self.days:
            parts.append(f"{self.days} day{'s' if self.days != 1 else ''}")
        text = f"{' and '.join(parts) or '0 days'} {'before' if before else 'after'} {since}"
        if self.counting is Counting.END_OF_MONTH:
            return f"the end of the month {text}"
        return text
