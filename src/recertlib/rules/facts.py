"""Facts about a credential's holder as rules read them, and conditions on them.

A caller gives the facts it knows with the credential (:class:`~recertlib.Facts`); a rule that
needs one asks for it through :meth:`FactReader.require`, which raises
:class:`~recertlib.MissingFact` naming the fact, the credential and the holder when the caller
did not give it. The standard facts have fields of their own; a plugin declares any others it
reads with :class:`FactSpec`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen
from attrs.validators import instance_of, optional

from recertlib.errors import FieldValueError, InvalidInput, MissingFact, Problem
from recertlib.fields import boolean, non_empty_text, of_type, whole_number
from recertlib.inputs.facts import BIRTH_DATE, FIRST_RENEWAL, ORIGINALLY_ISSUED_ON, Facts, FactValue
from recertlib.quantities.amounts import to_amount
from recertlib.quantities.dates import Date, to_date
from recertlib.rules.calls import a_bool, call_rule, described

CYCLE_NUMBER = "cycle_number"
"""The name of the fact a plugin may declare (a :class:`FactSpec` of kind
:attr:`FactKind.DECIMAL`) so that its callers can say which cycle of the series the holder is
in, when they know it better than the series counted from the original issue date
(:meth:`FactReader.cycle_number`)."""


class FactKind(enum.Enum):
    """The kind of value a plugin's own fact holds."""

    TEXT = "text"
    BOOLEAN = "boolean"
    DATE = "date"
    DECIMAL = "decimal"


@frozen
class FactSpec:
    """A fact about the holder that a plugin's rules read, beyond the standard ones."""

    name: str = field(validator=non_empty_text)
    kind: FactKind = field(validator=of_type(FactKind))
    description: str = field(validator=non_empty_text)


class FactReader:
    """The facts of one credential, as rules read them: a missing fact is an error that says
    which fact, of which credential and holder, and why the rules need it."""

    def __init__(
        self,
        facts: Facts,
        *,
        credential: str,
        holder: str,
        first_cycle: bool | None,
        kinds: Mapping[str, FactKind] | None = None,
        counted: Callable[[], int] | None = None,
    ):
        self.facts = facts
        self.credential = credential
        self.holder = holder
        self._first_cycle = first_cycle
        self._kinds = dict(kinds or {})
        self._counted = counted
        self._number: int | None = None

    def get(self, name: str) -> FactValue | None:
        """The fact, or ``None`` when the caller did not give it; a plugin's fact is read as
        the kind its :class:`FactSpec` declares."""
        value = self.facts.get(name)
        kind = self._kinds.get(name)
        if value is None or kind is None:
            return value
        try:
            return _as_kind(value, kind)
        except (TypeError, ValueError) as error:
            raise InvalidInput(
                [Problem(f"$.credential.facts.{name}", value, str(error))],
                f"holder {self.holder!r} ({self.credential})",
            ) from None

    def require(self, name: str, why: str) -> FactValue:
        """The fact called ``name``; ``why`` says what the rules need it for."""
        value = self.get(name)
        if value is None:
            raise MissingFact(name, why, credential=self.credential, holder=self.holder)
        return value

    def birth_date(self, why: str) -> Date:
        """The holder's birth date, which ``why`` needs."""
        value = self.require(BIRTH_DATE, why)
        assert isinstance(value, Date)
        return value

    def first_cycle(self, why: str) -> bool:
        """Whether the cycle evaluated is the holder's first: the ``first_renewal`` fact, or
        else whether ``originally_issued_on`` is the certification date."""
        if self._first_cycle is None:
            raise MissingFact(
                FIRST_RENEWAL,
                f"{why} (or give {ORIGINALLY_ISSUED_ON})",
                credential=self.credential,
                holder=self.holder,
            )
        return self._first_cycle

    def cycle_number(self, why: str) -> int:
        """Which cycle of the credential's series this is, counted from 1 (the cycle that
        began with the original issue): the plugin's own ``cycle_number`` fact when it
        declares one and the caller gave it; else 1 when the ``first_renewal`` fact says this
        is the first cycle; else counted through the body's series of cycles from the
        ``originally_issued_on`` fact. ``why`` says what the rules need it for.

        :raises ~recertlib.MissingFact: none of these facts was given.
        """
        if CYCLE_NUMBER in self._kinds and (given := self.get(CYCLE_NUMBER)) is not None:
            if not isinstance(given, Decimal) or given != given.to_integral_value() or given < 1:
                raise InvalidInput(
                    [Problem(f"$.credential.facts.{CYCLE_NUMBER}", given, "expected 1 or more")],
                    f"holder {self.holder!r} ({self.credential})",
                )
            return int(given)
        if self._number is None:
            if self.facts.first_renewal is True:
                self._number = 1
            elif self._counted is not None and self.facts.originally_issued_on is not None:
                self._number = self._counted()
            else:
                raise MissingFact(
                    ORIGINALLY_ISSUED_ON,
                    f"{why}: cycles are counted from the original issue date",
                    credential=self.credential,
                    holder=self.holder,
                )
        return self._number

    def reached(self, rule: Any) -> bool:
        """Whether the evaluation date is on or after the date the
        :class:`~recertlib.rules.DateRule` ``rule`` gives for the holder's cycle. Only a reader
        the engine made once the cycle is known can say.

        :raises TypeError: this reader knows no evaluation date or cycle.
        """
        raise TypeError("a condition on dates asked where no evaluation date or cycle is known")


def _as_kind(value: FactValue, kind: FactKind) -> FactValue:
    if kind is FactKind.BOOLEAN:
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if kind is FactKind.DATE:
        return to_date(value)
    if kind is FactKind.DECIMAL:
        return to_amount(value)
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


@runtime_checkable
class Condition(Protocol):
    """Whether a requirement or a fee applies to a holder. A plugin may implement its own."""

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        """Whether the condition holds for the holder whose ``facts`` are given, in the inner
        cycle numbered ``inner_cycle`` (from 1) of a nested cycle, if any."""
        ...

    def describe(self) -> str:
        """The condition in words, after "when" ("the holder is a member")."""
        ...


@frozen
class FactIs:
    """The condition that a fact of the holder has a value: ``FactIs("member", True)``."""

    name: str = field(validator=non_empty_text)
    value: FactValue = field(validator=instance_of((bool, Date, Decimal, str)))

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        return facts.require(self.name, f"the rules ask whether it is {self.value}") == self.value

    def describe(self) -> str:
        return f"{self.name} is {str(self.value).lower()}"


@frozen
class InFirstCycle:
    """The condition that the holder is (``True``) or is not (``False``) in their first cycle:
    the ``first_renewal`` fact, or else whether ``originally_issued_on`` is the certification
    date (California: the first renewal is exempt from the 30 hours)."""

    expected: bool = field(default=True, validator=boolean)

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        why = "a first cycle has rules of its own"
        return facts.first_cycle(why) is self.expected

    def describe(self) -> str:
        return "in the first cycle" if self.expected else "not in the first cycle"


@frozen(init=False)
class InInnerCycle:
    """The condition that the holder is in one of the numbered inner cycles of a nested cycle
    (``InInnerCycle(5)``: the last of five)."""

    numbers: frozenset[int] = field()

    @numbers.validator
    def _positive(self, attribute: Any, value: frozenset[Any]) -> None:
        if not value or not all(isinstance(n, int) and n >= 1 for n in value):
            raise FieldValueError("numbers", sorted(map(str, value)), "expected cycle numbers >= 1")

    def __init__(self, *numbers: int) -> None:
        self.__attrs_init__(frozenset(numbers))

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        return inner_cycle in self.numbers

    def describe(self) -> str:
        listed = " or ".join(str(n) for n in sorted(self.numbers))
        return f"in inner cycle {listed}"


@frozen
class CycleNumber:
    """The condition that the holder's cycle is the ``first``-numbered of the credential's
    series (1: the cycle that began with the original issue) or, with ``every``, one of every
    ``every`` cycles from it: ``CycleNumber(1)`` is the first renewal (a one-time course),
    ``CycleNumber(3, every=3)`` every third renewal (a course due each third biennium). The
    number is :meth:`FactReader.cycle_number`: counted through the body's series from the
    ``originally_issued_on`` fact when the caller gives no other."""

    first: int = field(validator=whole_number(1))
    every: int | None = field(default=None, kw_only=True, validator=optional(whole_number(1)))

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        number = facts.cycle_number(f"the rules ask whether this is {self.describe_number()}")
        if number == self.first:
            return True
        return (
            self.every is not None
            and number > self.first
            and ((number - self.first) % self.every == 0)
        )

    def describe_number(self) -> str:
        said = f"cycle {self.first} of the series"
        if self.every == 1:
            said += " or any cycle after it"
        elif self.every is not None:
            said += f" or every {_ordinal(self.every)} cycle after it"
        return said

    def describe(self) -> str:
        return f"in {self.describe_number()}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def holds(condition: Condition, facts: FactReader, inner_cycle: int | None) -> bool:
    """``condition.holds(facts, inner_cycle)``, a plugin's own condition checked
    (:mod:`recertlib.rules.calls`)."""
    return call_rule(condition, "holds", lambda: condition.holds(facts, inner_cycle), a_bool)


def _conditions(values: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(values) < 2:
        raise FieldValueError("conditions", list(values), "expected at least two conditions")
    for value in values:
        if not isinstance(value, Condition):
            raise FieldValueError("conditions", value, "expected a Condition")
    return values


@frozen(init=False)
class And:
    """Every one of several conditions holds: ``And(InFirstCycle(), FactIs("member", True))``."""

    conditions: tuple[Condition, ...] = field(converter=_conditions)

    def __init__(self, *conditions: Condition) -> None:
        self.__attrs_init__(conditions)

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        return all(holds(condition, facts, inner_cycle) for condition in self.conditions)

    def describe(self) -> str:
        return " and ".join(described(condition) for condition in self.conditions)


@frozen(init=False)
class Or:
    """At least one of several conditions holds."""

    conditions: tuple[Condition, ...] = field(converter=_conditions)

    def __init__(self, *conditions: Condition) -> None:
        self.__attrs_init__(conditions)

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        return any(holds(condition, facts, inner_cycle) for condition in self.conditions)

    def describe(self) -> str:
        return " or ".join(described(condition) for condition in self.conditions)


def _a_condition(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Condition):
        raise FieldValueError(attribute.name, value, "expected a Condition")


@frozen
class Not:
    """A condition does not hold: ``Not(InFirstCycle())``."""

    condition: Condition = field(validator=_a_condition)

    def holds(self, facts: FactReader, inner_cycle: int | None) -> bool:
        return not holds(self.condition, facts, inner_cycle)

    def describe(self) -> str:
        return f"not ({described(self.condition)})"


def describe_condition(condition: Condition | None) -> str:
    """`` (when ...)``, or nothing for an unconditional rule."""
    return "" if condition is None else f" (when {described(condition)})"


OptionalCondition = optional(instance_of(Condition))  # type: ignore[type-abstract]
