"""Facts about a credential's holder that rules may use, and conditions on them.

A caller gives the facts it knows with the credential (:class:`Facts`); a rule that needs one
asks for it through :meth:`FactReader.require`, which raises :class:`~recertlib.MissingFact`
naming the fact, the credential and the holder when the caller did not give it. The standard
facts have fields of their own; a plugin declares any others it reads with :class:`FactSpec`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen
from attrs.validators import instance_of, optional

from recertlib.amounts import to_amount
from recertlib.checks import checked_amount, checked_date, non_empty_text
from recertlib.dates import Date, to_date
from recertlib.errors import FieldValueError, InvalidInput, MissingFact, Problem
from recertlib.rules._fields import boolean, of_type, optional_boolean

FactValue = bool | Date | Decimal | str
"""What a fact may hold."""

BIRTH_DATE = "birth_date"
MEMBER = "member"
FIRST_RENEWAL = "first_renewal"
ORIGINALLY_ISSUED_ON = "originally_issued_on"
INACTIVE = "inactive"


def _birth_date(value: object) -> Date | None:
    return None if value is None else checked_date(BIRTH_DATE, value)


def _originally_issued_on(value: object) -> Date | None:
    return None if value is None else checked_date(ORIGINALLY_ISSUED_ON, value)


def _fact_value(name: str, value: object) -> FactValue:
    # A JSON number is a decimal fact; its FactSpec says what kind the rules read.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return checked_amount(name, value)
    if not isinstance(value, bool | Date | Decimal | str):
        raise FieldValueError(name, value, "expected text, true or false, a date or a number")
    return value


def _other(values: Mapping[str, object] | Iterable[tuple[str, object]]) -> Any:
    items = values.items() if isinstance(values, Mapping) else values
    checked = []
    for name, value in items:
        if not isinstance(name, str) or not name.strip():
            raise FieldValueError(str(name), value, "expected a fact's name as non-empty text")
        checked.append((name, _fact_value(name, value)))
    return tuple(sorted(checked, key=lambda item: item[0]))


@frozen
class Facts:
    """What the caller knows of the holder, for the rules that need it.

    Every fact is optional; a rule that needs one the caller left out raises
    :class:`~recertlib.MissingFact` rather than guess.
    """

    birth_date: Date | None = field(default=None, converter=_birth_date)
    """The holder's date of birth (a licence that expires after the birth month)."""
    member: bool | None = field(default=None, validator=optional_boolean)
    """Whether the holder is a member of the certifying body (fees for members)."""
    first_renewal: bool | None = field(default=None, validator=optional_boolean)
    """Whether the holder has never renewed: the cycle is the first since initial
    certification."""
    originally_issued_on: Date | None = field(default=None, converter=_originally_issued_on)
    """The date the credential was first issued, before any renewal."""
    inactive: bool | None = field(default=None, validator=optional_boolean)
    """Whether the body records the credential in an inactive status."""
    other: tuple[tuple[str, FactValue], ...] = field(default=(), converter=_other)
    """Facts a plugin defines (:class:`FactSpec`), as ``(name, value)`` pairs; a mapping is
    accepted. In JSON, and through :meth:`from_mapping`, they stand beside the standard facts:
    ``{"member": true, "aarc_member": true}``."""

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Facts:
        """Facts from one mapping of names to values, standard and plugin-defined alike."""
        standard = {name: value for name, value in data.items() if name in _STANDARD}
        other = {name: value for name, value in data.items() if name not in _STANDARD}
        return cls(**standard, other=other)  # type: ignore[arg-type]

    def as_mapping(self) -> dict[str, FactValue]:
        """Every fact given, standard and plugin-defined alike, by name: the inverse of
        :meth:`from_mapping`."""
        given = {name: getattr(self, name) for name in sorted(_STANDARD)}
        return {name: value for name, value in given.items() if value is not None} | dict(
            self.other
        )

    def get(self, name: str) -> FactValue | None:
        """The fact called ``name``, standard or a plugin's, or ``None`` when not given."""
        if name in _STANDARD:
            value: FactValue | None = getattr(self, name)
            return value
        return dict(self.other).get(name)


_STANDARD = frozenset({BIRTH_DATE, MEMBER, FIRST_RENEWAL, ORIGINALLY_ISSUED_ON, INACTIVE})


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
    ):
        self.facts = facts
        self.credential = credential
        self.holder = holder
        self._first_cycle = first_cycle
        self._kinds = dict(kinds or {})

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


def describe_condition(condition: Condition | None) -> str:
    """`` (when ...)``, or nothing for an unconditional rule."""
    return "" if condition is None else f" (when {condition.describe()})"


OptionalCondition = optional(instance_of(Condition))  # type: ignore[type-abstract]
