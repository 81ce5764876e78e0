"""Dates that rules compute: when a cycle expires, and when a window opens or closes.

Each is a typed protocol with standard shapes that implement it. A plugin whose body computes a
date no shape expresses implements the protocol itself; the engine calls every shape, standard
or not, the same way.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import pendulum
from attrs import field, frozen

from recertlib.errors import FieldValueError
from recertlib.fields import as_tuple, boolean, date, of_type, text, tuple_of, whole_number
from recertlib.quantities.dates import NEVER, Counting, Date, Span, day_after
from recertlib.rules.calls import a_date, call_rule, described
from recertlib.rules.facts import FactReader


@runtime_checkable
class ExpiryRule(Protocol):
    """How a cycle's expiry date (its last day) follows from the date it is counted from."""

    def expiry(self, counted_from: Date, facts: FactReader) -> Date:
        """The last day of a cycle counted from ``counted_from``: the certification date for
        a first cycle, or whatever the pathway taken says for the next one."""
        ...

    def describe(self) -> str:
        """The rule in words, read after "expires on" ("31 March, 2 years on")."""
        ...


@runtime_checkable
class NextExpiryRule(Protocol):
    """An :class:`ExpiryRule` that is told when it counts a *next* cycle: one that follows a
    cycle ending on ``previous_expiry`` in the body's series (a pathway's
    :attr:`~recertlib.rules.NextCycleFrom.PREVIOUS_EXPIRY` or
    :attr:`~recertlib.rules.NextCycleFrom.NEXT_IN_SERIES`, and the series an outer cycle or a
    cycle number is counted in).

    The method is optional: an expiry rule without it is asked for ``expiry(previous_expiry,
    facts)`` instead, as it always was. A period that ends the day before an anniversary
    ("five years less a day", :class:`DayBeforeAnniversary`) needs it, since counted from the
    previous expiry it would end a day early each cycle.
    """

    def next_expiry(self, previous_expiry: Date, facts: FactReader) -> Date:
        """The last day of the cycle that follows one ending on ``previous_expiry``."""
        ...


@frozen
class SpanAfter:
    """Expires a :class:`~recertlib.quantities.Span` after the date counted from: ``SpanAfter(Span(
    months=60, counting=Counting.END_OF_MONTH))`` is the end of the month 60 months on."""

    span: Span = field(validator=of_type(Span))

    def expiry(self, counted_from: Date, facts: FactReader) -> Date:
        return self.span.after(counted_from)

    def describe(self) -> str:
        said = self.span.describe("certification")
        return said if said.startswith("the ") else f"the day {said}"


@frozen
class DayBeforeAnniversary:
    """Expires the day before the anniversary a :class:`~recertlib.quantities.Span` after the
    cycle's first day: "five years less a day" is ``DayBeforeAnniversary(Span(months=60))``
    (certified 2020-01-15: current through 2025-01-14; certified 2019-03-01: through
    2024-02-29). The anniversary of a day the later month lacks is the day after the month's
    last day: a cycle begun on 29 February 2020 ends on 28 February 2025, the day before
    1 March.

    A next cycle starts the day after the previous expiry and ends the day before its own
    anniversary (2025-01-15 to 2030-01-14), so the series keeps its day. Counted from the
    previous expiry as a first cycle is, as an expiry rule that is not told it counts a next
    cycle would be, each cycle would end one day earlier than the last.
    """

    span: Span = field(validator=of_type(Span))

    @span.validator
    def _some_length(self, attribute: Any, value: Span) -> None:
        if value == Span():
            raise FieldValueError("span", "Span()", "a period of no length ends before it begins")

    def expiry(self, counted_from: Date, facts: FactReader) -> Date:
        anniversary = self._anniversary(counted_from)
        return anniversary if anniversary >= NEVER else anniversary.subtract(days=1)

    def next_expiry(self, previous_expiry: Date, facts: FactReader) -> Date:
        return self.expiry(day_after(previous_expiry), facts)

    def _anniversary(self, start: Date) -> Date:
        span = self.span
        try:
            shifted = start.add(months=span.months) if span.months else start
            if span.counting is Counting.END_OF_MONTH:
                shifted = shifted.end_of("month")
            elif shifted.day < start.day:
                shifted = shifted.add(days=1)  # a day the month lacks: the day after its last
            return shifted.add(days=span.days) if span.days else shifted
        except (OverflowError, ValueError):
            return NEVER

    def describe(self) -> str:
        return f"the day before {self.span.describe('certification')}"


_month = whole_number(1, 12)
_day = whole_number(1, 31)


def _years(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise FieldValueError(attribute.name, value, "expected 0 or more")


def day_of_year(year: int, month: int, day: int) -> Date:
    """``day``/``month`` of ``year``, or the month's last day when it is shorter (29 February in
    a common year is 28 February); past the calendar's last year,
    :data:`~recertlib.quantities.dates.NEVER`."""
    if year > NEVER.year:
        return NEVER
    return pendulum.date(year, month, min(day, pendulum.date(year, month, 1).days_in_month))


@frozen
class YearsFromMonth:
    """``years`` for a cycle counted from ``from_month`` of a year or later in that year."""

    from_month: int = field(validator=_month)
    years: int = field(validator=_years)


@frozen
class FixedDayOfYear:
    """Expires on a fixed day of the year, a number of years after the year counted from.

    ``FixedDayOfYear(3, 31, years=2, longer=(YearsFromMonth(7, 3),))`` is NREMT's rule: 31 March,
    two years on when counted from January to June, three years on from July to December.
    """

    month: int = field(validator=_month)
    day: int = field(validator=_day)
    years: int = field(kw_only=True, validator=_years)
    longer: tuple[YearsFromMonth, ...] = field(
        default=(), kw_only=True, converter=as_tuple, validator=tuple_of(YearsFromMonth)
    )
    """Other numbers of years from a month of the year on; the latest month that has begun
    applies."""

    def years_from(self, counted_from: Date) -> int:
        """The number of years after ``counted_from``'s year that the expiry falls in."""
        years = self.years
        for later in sorted(self.longer, key=lambda later: later.from_month):
            if counted_from.month >= later.from_month:
                years = later.years
        return years

    def expiry(self, counted_from: Date, facts: FactReader) -> Date:
        return day_of_year(counted_from.year + self.years_from(counted_from), self.month, self.day)

    def describe(self) -> str:
        day = pendulum.date(2000, self.month, self.day).format("D MMMM")
        said = f"{day}, {self.years} year{'s' if self.years != 1 else ''} on"
        for later in sorted(self.longer, key=lambda later: later.from_month):
            month = pendulum.date(2000, later.from_month, 1).format("MMMM")
            said += f" ({later.years} when counted from {month} or later)"
        return said


@frozen
class AfterBirthdays:
    """Expires at the end of a month counted from the holder's birth month, after a number of
    birthdays: California's RN licence expires on the last day of the month after the birth
    month, after the second birthday following the date it was issued
    (``AfterBirthdays(2, months_after_birth_month=1)``). Needs the ``birth_date`` fact."""

    birthdays: int = field(validator=whole_number(1))
    months_after_birth_month: int = field(default=0, kw_only=True, validator=whole_number(0))
    birthday_on_start_counts: bool = field(default=False, kw_only=True, validator=boolean)

    @months_after_birth_month.validator
    def _within_a_year(self, attribute: Any, value: int) -> None:
        if value > 11:
            raise FieldValueError(attribute.name, value, "expected 0 to 11")

    """Whether a birthday that falls on the date counted from is one of the birthdays."""

    def expiry(self, counted_from: Date, facts: FactReader) -> Date:
        born = facts.birth_date("the expiry is counted from the birth month")
        seen = 0
        year = counted_from.year
        while year <= NEVER.year:
            birthday = day_of_year(year, born.month, born.day)
            after = (
                birthday >= counted_from
                if self.birthday_on_start_counts
                else (birthday > counted_from)
            )
            if after:
                seen += 1
                if seen == self.birthdays:
                    break
            year += 1
        else:
            return NEVER
        if birthday.year == NEVER.year and birthday.month + self.months_after_birth_month > 12:
            return NEVER
        return birthday.add(months=self.months_after_birth_month).end_of("month")

    def describe(self) -> str:
        month = (
            "the birth month"
            if not self.months_after_birth_month
            else f"the month {self.months_after_birth_month} after the birth month"
        )
        return f"the last day of {month}, after {self.birthdays} birthdays"


@frozen
class Extension:
    """An expiry date the body extended: every credential due to expire on ``expiring_on``
    stays current through ``until`` (NREMT: 31 March 2020 extended to 30 June 2020)."""

    expiring_on: Date = field(converter=date)
    until: Date = field(converter=date)
    source: str = field(default="", kw_only=True, validator=text)

    @until.validator
    def _later(self, attribute: Any, value: Date) -> None:
        if value <= self.expiring_on:
            raise FieldValueError("until", str(value), f"is not after {self.expiring_on}")


def _an_expiry_rule(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, ExpiryRule):
        raise FieldValueError(attribute.name, value, "expected an ExpiryRule")


@frozen(init=False)
class Extended:
    """An expiry rule whose dates the body extended for some cohorts: ``Extended(FixedDayOfYear(
    3, 31, years=2), Extension("2020-03-31", "2020-06-30"))``. A next cycle is counted on from
    the extended date, as from any other expiry."""

    rule: ExpiryRule = field(validator=_an_expiry_rule)
    extensions: tuple[Extension, ...] = field(converter=as_tuple, validator=tuple_of(Extension))

    def __init__(self, rule: ExpiryRule, *extensions: Extension) -> None:
        self.__attrs_init__(rule, extensions)

    def expiry(self, counted_from: Date, facts: FactReader) -> Date:
        return self._extended(expiry_of(self.rule, counted_from, facts))

    def next_expiry(self, previous_expiry: Date, facts: FactReader) -> Date:
        return self._extended(next_expiry_of(self.rule, previous_expiry, facts))

    def _extended(self, computed: Date) -> Date:
        for extension in self.extensions:
            if extension.expiring_on == computed:
                return extension.until
        return computed

    def describe(self) -> str:
        extended = "; ".join(
            f"an expiry on {extension.expiring_on} extended to {extension.until}"
            for extension in self.extensions
        )
        return f"{described(self.rule)} ({extended})"


@frozen
class CycleDates:
    """The dates a :class:`DateRule` is counted from: the cycle's first day and its expiry."""

    starts_on: Date
    expires_on: Date


@runtime_checkable
class DateRule(Protocol):
    """A date counted from a cycle's dates: when a pathway opens or closes, a deadline, the
    first day credit counts."""

    def on(self, dates: CycleDates) -> Date:
        """The date, for a cycle with these ``dates``."""
        ...

    def describe(self) -> str:
        """The date in words ("90 days after expiry")."""
        ...


def date_on(rule: DateRule, dates: CycleDates) -> Date:
    """``rule.on(dates)``, a plugin's own rule checked (:mod:`recertlib.rules.calls`)."""
    return call_rule(rule, "on", lambda: rule.on(dates), a_date)


def expiry_of(rule: ExpiryRule, counted_from: Date, facts: FactReader) -> Date:
    """``rule.expiry(counted_from, facts)``, a plugin's own rule checked."""
    return call_rule(rule, "expiry", lambda: rule.expiry(counted_from, facts), a_date)


def next_expiry_of(rule: ExpiryRule, previous_expiry: Date, facts: FactReader) -> Date:
    """The expiry of the cycle that follows one ending on ``previous_expiry``:
    ``rule.next_expiry(previous_expiry, facts)`` for a rule that has it
    (:class:`NextExpiryRule`), else ``rule.expiry(previous_expiry, facts)``; a plugin's own
    rule checked."""
    # The method alone says it (as isinstance(rule, NextExpiryRule) would, but without the
    # protocol's slow check on the engine's path).
    next_expiry = getattr(rule, "next_expiry", None)
    if callable(next_expiry):
        return call_rule(rule, "next_expiry", lambda: next_expiry(previous_expiry, facts), a_date)
    return expiry_of(rule, previous_expiry, facts)


class DatedFacts(FactReader):
    """A holder's facts once the evaluation date and the cycle are known, so that a condition
    may ask whether a date has been reached (:class:`OnOrAfter`)."""

    def __init__(self, facts: FactReader, *, as_of: Date, dates: CycleDates) -> None:
        self.__dict__.update(facts.__dict__)
        self.as_of = as_of
        self.dates = dates

    def reached(self, rule: Any) -> bool:
        return self.as_of >= date_on(rule, self.dates)


def _a_date_rule_field(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, DateRule):
        raise FieldValueError(attribute.name, value, "expected a DateRule")


@frozen
class OnOrAfter:
    """The condition that the evaluation date is on or after a date counted from the cycle's
    dates: ``OnOrAfter(AfterStart(Span(months=24)))``, two years after the cycle began (with
    :class:`~recertlib.rules.Not`, before it)."""

    rule: DateRule = field(validator=_a_date_rule_field)

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        return facts.reached(self.rule)

    def describe(self) -> str:
        return f"on or after {described(self.rule)}"


@frozen
class AfterExpiry:
    """A span after the expiry date (``AfterExpiry(Span())`` is the expiry date itself)."""

    span: Span = field(factory=Span, validator=of_type(Span))

    def on(self, dates: CycleDates) -> Date:
        return self.span.after(dates.expires_on)

    def describe(self) -> str:
        return self.span.describe("expiry")


@frozen
class BeforeExpiry:
    """A span before the expiry date: ``BeforeExpiry(Span(months=2))``."""

    span: Span = field(validator=of_type(Span))

    def on(self, dates: CycleDates) -> Date:
        return self.span.before(dates.expires_on)

    def describe(self) -> str:
        return self.span.describe("expiry", before=True)


@frozen
class AfterStart:
    """A span after the cycle's first day (``AfterStart()`` is that day itself)."""

    span: Span = field(factory=Span, validator=of_type(Span))

    def on(self, dates: CycleDates) -> Date:
        return self.span.after(dates.starts_on)

    def describe(self) -> str:
        return self.span.describe("the cycle's first day")


@frozen
class OnDate:
    """A fixed date, whatever the cycle: the end of a transition, say."""

    date: Date = field(converter=date)

    def on(self, dates: CycleDates) -> Date:
        return self.date

    def describe(self) -> str:
        return str(self.date)


def _a_date_rule(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, DateRule):
        raise FieldValueError(attribute.name, value, "expected a DateRule")


@frozen
class DayAfter:
    """The day after another date: ``DayAfter(AfterExpiry(Span(days=90)))`` is day 91."""

    rule: DateRule = field(validator=_a_date_rule)

    def on(self, dates: CycleDates) -> Date:
        return day_after(date_on(self.rule, dates))

    def describe(self) -> str:
        return f"the day after {described(self.rule)}"


def _date_rules(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not value:
        raise FieldValueError(attribute.name, value, "expected DateRules")
    for rule in value:
        _a_date_rule(instance, attribute, rule)


@frozen(init=False)
class Earliest:
    """The earliest of several dates: a window that closes on its own schedule or at the end of
    a transition, whichever comes first."""

    rules: tuple[DateRule, ...] = field(validator=_date_rules)

    def __init__(self, *rules: DateRule) -> None:
        self.__attrs_init__(rules)

    def on(self, dates: CycleDates) -> Date:
        return min(date_on(rule, dates) for rule in self.rules)

    def describe(self) -> str:
        return "the earliest of " + ", ".join(described(rule) for rule in self.rules)


@frozen(init=False)
class Latest:
    """The latest of several dates."""

    rules: tuple[DateRule, ...] = field(validator=_date_rules)

    def __init__(self, *rules: DateRule) -> None:
        self.__attrs_init__(rules)

    def on(self, dates: CycleDates) -> Date:
        return max(date_on(rule, dates) for rule in self.rules)

    def describe(self) -> str:
        return "the latest of " + ", ".join(described(rule) for rule in self.rules)


@frozen
class Offset:
    """A span after (or, with ``before``, before) the date another rule gives: "60 days before
    the first day of the expiry month" is ``Offset(FirstOfMonth(AfterExpiry()), Span(days=60),
    before=True)``."""

    rule: DateRule = field(validator=_a_date_rule)
    span: Span = field(validator=of_type(Span))
    before: bool = field(default=False, kw_only=True, validator=boolean)

    def on(self, dates: CycleDates) -> Date:
        anchor = date_on(self.rule, dates)
        return self.span.before(anchor) if self.before else self.span.after(anchor)

    def describe(self) -> str:
        return self.span.describe(described(self.rule), before=self.before)


@frozen
class FirstOfMonth:
    """The first day of the month of the date another rule gives: ``FirstOfMonth(AfterExpiry())``
    is the first day of the expiry month."""

    rule: DateRule = field(validator=_a_date_rule)

    def on(self, dates: CycleDates) -> Date:
        return date_on(self.rule, dates).start_of("month")

    def describe(self) -> str:
        return f"the first day of the month of {described(self.rule)}"


@frozen
class LastOfMonth:
    """The last day of the month of the date another rule gives: ``LastOfMonth(AfterStart())`` is
    the last day of the month the cycle began in."""

    rule: DateRule = field(validator=_a_date_rule)

    def on(self, dates: CycleDates) -> Date:
        return date_on(self.rule, dates).end_of("month")

    def describe(self) -> str:
        return f"the last day of the month of {described(self.rule)}"
