"""Dates: parsing at the edges, and the calendar arithmetic rules are written in.

Every date inside recertlib is a :class:`pendulum.Date`; whatever comes from outside goes
through :func:`to_date` first. A date as text is exactly ``YYYY-MM-DD`` in ASCII digits (spaces
and tabs around it are ignored): ISO week dates (``2024-W01-1``), ordinal dates (``2024-001``),
compact dates (``20240101``), digits of other scripts and times of day are refused.

The calendar ends on ``NEVER``, 9999-12-31, which as an expiry date means the credential
never expires; a span counted past it lands on it. The dates a holder's record is counted from
(certification, completion of an activity) must lie between ``EARLIEST_EVENT`` and
``LATEST_EVENT``, so that every cycle, window and next cycle the rules count from them is a
date of the calendar.
"""

from __future__ import annotations

import datetime
import enum
import re

import pendulum
from attrs import field, frozen
from attrs.validators import ge, instance_of

from recertlib.errors import shown

Date = pendulum.Date

NEVER = pendulum.date(9999, 12, 31)
"""The last day of the calendar; as ``expires_on``, a credential that never expires."""

EARLIEST_EVENT = pendulum.date(100, 1, 1)
"""The earliest date a certification or an activity may fall on: a century after the calendar
starts, so that windows counted back from it can still be computed."""

LATEST_EVENT = pendulum.date(9899, 12, 31)
"""The latest date a certification or an activity may fall on: a century before the calendar
ends, so that cycles, grace periods and next cycles counted from it can still be computed."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SPACE = " \t"


def to_date(value: object) -> Date:
    """A :class:`pendulum.Date` from a date or an ISO ``YYYY-MM-DD`` string.

    A datetime is refused rather than truncated: a time of day in a date field is a sign that
    the wrong column was read.

    :raises TypeError: ``value`` is neither a date nor text.
    :raises ValueError: the text is not a ``YYYY-MM-DD`` date of the calendar.
    """
    if isinstance(value, datetime.datetime):
        raise TypeError(f"expected a date, not a date and time: {value!r}")
    if isinstance(value, Date):
        return value
    if isinstance(value, datetime.date):
        return pendulum.date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip(_SPACE)
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}")
        try:
            parsed = datetime.date.fromisoformat(text)
        except ValueError:  # no such day (2023-02-29) or year 0
            raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}") from None
        return pendulum.date(parsed.year, parsed.month, parsed.day)
    raise TypeError(f"expected a date as YYYY-MM-DD, got {shown(value)}")


def within_events(value: Date) -> Date:
    """``value``, when it lies between ``EARLIEST_EVENT`` and ``LATEST_EVENT``.

    :raises ValueError: it does not.
    """
    if not EARLIEST_EVENT <= value <= LATEST_EVENT:
        raise ValueError(
            f"expected a date from {EARLIEST_EVENT} to {LATEST_EVENT}, so that the cycles and"
            " windows counted from it fall within the calendar"
        )
    return value


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
        """The day this span after ``start`` lands on; ``NEVER`` when that is past the end
        of the calendar."""
        try:
            end = start.add(months=self.months) if self.months else start
            if self.counting is Counting.END_OF_MONTH:
                end = end.end_of("month")
            return end.add(days=self.days) if self.days else end
        except (OverflowError, ValueError):
            return NEVER  # past the end of the calendar: never

    def before(self, end: Date) -> Date:
        """The day this span before ``end`` lands on: the same day of the month (or the month's
        last day when it has no such day), or with :attr:`Counting.END_OF_MONTH` the last day
        of the month the count lands in. 0001-01-01 when that is before the calendar starts."""
        try:
            start = end.subtract(months=self.months) if self.months else end
            if self.counting is Counting.END_OF_MONTH:
                start = start.end_of("month")
            return start.subtract(days=self.days) if self.days else start
        except (OverflowError, ValueError):
            return _FIRST_DAY  # before the start of the calendar

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


_FIRST_DAY = pendulum.date(1, 1, 1)


def day_after(date: Date) -> Date:
    """The next day; ``NEVER`` stays never rather than overflow the calendar."""
    return NEVER if date >= NEVER else date.add(days=1)


def days_after(date: Date, days: int) -> Date:
    """``days`` days after ``date``; past the calendar's end, :data:`NEVER`."""
    return NEVER if (NEVER - date).days <= days else date.add(days=days)


def evaluation_date(as_of: object = None, *, tz: str | None = None) -> Date:
    """The date an evaluation speaks of.

    ``as_of`` may be a date, ``YYYY-MM-DD`` or a timezone-aware datetime, which is taken in its
    own zone (a naive datetime is refused: its zone would be a guess). When ``as_of`` is
    ``None`` it is today in the named zone ``tz`` (``"America/Los_Angeles"``), or in the
    machine's local zone.

    :raises ValueError: an unknown zone, or a date that is no date.
    :raises TypeError: a naive datetime, or a value of another type.
    """
    zone = None
    if tz is not None:
        try:
            zone = pendulum.timezone(tz)
        except (ValueError, LookupError) as error:
            raise ValueError(f"unknown time zone {tz!r}") from error
    if as_of is None:
        return pendulum.now(zone).date() if zone is not None else pendulum.today().date()
    if isinstance(as_of, datetime.datetime):
        if as_of.tzinfo is None or as_of.utcoffset() is None:
            raise TypeError(
                f"a date and time needs its time zone to say which day it is, got {as_of!r}"
            )
        return pendulum.instance(as_of).date()
    return to_date(as_of)
