"""The common units of continuing education, and how they relate, as data.

An activity recorded in one of these units needs no translation per body: a body's rules
(:class:`~recertlib.rules.Conversion`) say which units they take and at what value, and an activity
recorded in a common unit they do not name is converted, through the relations below, into
one they do (:func:`convert`). A body that values a unit otherwise names it directly, and its
own value wins; a body may also add units of its own (``aama_ceu``, ``cpr_card``), which take
part in no relation.

Every relation is exact: a unit is a whole multiple of the unit it is defined in. A conversion
that would need a factor such as 2/3 (a quarter credit in semester credits) is carried out in
rationals and taken only when the result is an exact decimal; otherwise the activity is refused
rather than rounded.

==================  ========================================  =========================
unit                what it is                                defined as
==================  ========================================  =========================
``minute``          a minute of instruction                   (the base)
``clock_hour``      sixty minutes of instruction              60 ``minute``
``contact_hour``    an hour of instruction or participation   ``CONTACT_HOUR_MINUTES``
                                                              (60) ``minute``
``iacet_ceu``       IACET continuing education unit           10 ``contact_hour``
``semester_credit`` a semester credit (hour, unit) of college  15 ``contact_hour``
``quarter_credit``  a quarter credit (hour, unit) of college   10 ``contact_hour``
==================  ========================================  =========================

There is no common "CE credit": bodies give the name different values (NHA: two hours; many
others: one contact hour), so each body that uses it names it itself (``ce_credit``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from attrs import field, frozen
from attrs.validators import instance_of, optional

from recertlib.quantities.amounts import to_amount

CONTACT_HOUR_MINUTES = 60
"""The length of the common contact hour, in minutes.

Bodies differ: the AAMA counts a contact hour of 50 minutes, the ANCC and many nursing boards
one of 50 or 60, IACET one of 60. The common ``contact_hour`` is 60 minutes; a body whose
contact hour is shorter names ``contact_hour`` (and ``minute``, ``clock_hour``) in its own
conversions at its own values, and those win over the relations here."""

MINUTE = "minute"
CLOCK_HOUR = "clock_hour"
CONTACT_HOUR = "contact_hour"
IACET_CEU = "iacet_ceu"
SEMESTER_CREDIT = "semester_credit"
QUARTER_CREDIT = "quarter_credit"


def _optional_amount(value: object) -> Decimal | None:
    return None if value is None else to_amount(value)


@frozen
class Unit:
    """One common unit: its name, what it is, and its value in the unit it is defined in."""

    name: str = field(validator=instance_of(str))
    description: str = field(validator=instance_of(str))
    per: Decimal | None = field(default=None, converter=_optional_amount)
    """How many of :attr:`defined_in` one of this unit is (``None`` for the base unit)."""
    defined_in: str | None = field(default=None, validator=optional(instance_of(str)))
    """The common unit this one is defined in, or ``None`` for the base unit."""
    source: str = field(default="", kw_only=True)
    """Where the relation comes from, and how general it is."""


UNITS: tuple[Unit, ...] = (
    Unit(MINUTE, "A minute of instruction or participation: the base of the common units."),
    Unit(CLOCK_HOUR, "Sixty minutes of instruction or participation.", 60, MINUTE),
    Unit(
        CONTACT_HOUR,
        "An hour of instruction or participation, of CONTACT_HOUR_MINUTES minutes.",
        CONTACT_HOUR_MINUTES,
        MINUTE,
        source="IACET and most bodies that count 60-minute contact hours; bodies counting 50"
        " minutes (the AAMA) name contact_hour themselves",
    ),
    Unit(
        IACET_CEU,
        "A continuing education unit as IACET defines it: ten contact hours.",
        10,
        CONTACT_HOUR,
        source="ANSI/IACET 1-2018 Standard: one CEU is ten contact hours of participation",
    ),
    Unit(
        SEMESTER_CREDIT,
        "One semester credit (hour, unit) of academic college or university coursework.",
        15,
        CONTACT_HOUR,
        source="typical: many boards count a semester credit as 15 contact hours (the"
        " California BRN's formula for academic units, for one); bodies that value it"
        " otherwise name it",
    ),
    Unit(
        QUARTER_CREDIT,
        "One quarter credit (hour, unit) of academic college or university coursework.",
        10,
        CONTACT_HOUR,
        source="typical: many boards count a quarter credit as 10 contact hours (two thirds of"
        " a semester credit); bodies that value it otherwise name it",
    ),
)
"""Every common unit, the base first."""

COMMON_UNITS: Mapping[str, Unit] = MappingProxyType({unit.name: unit for unit in UNITS})
"""The common units by name."""


def is_common(name: str) -> bool:
    """Whether ``name`` (without regard to case) is a common unit."""
    return name.casefold() in COMMON_UNITS


def chain(name: str) -> tuple[tuple[str, Fraction], ...]:
    """The units ``name`` is defined in, nearest first, each with how many of it one ``name``
    is: ``chain("iacet_ceu")`` is ``(("contact_hour", 10), ("minute", 600))``. Empty for a
    base unit or one that is not common."""
    found: list[tuple[str, Fraction]] = []
    unit = COMMON_UNITS.get(name.casefold())
    factor = Fraction(1)
    while unit is not None and unit.defined_in is not None and unit.per is not None:
        factor *= Fraction(unit.per)
        found.append((unit.defined_in, factor))
        unit = COMMON_UNITS.get(unit.defined_in)
    return tuple(found)


def _in_base(name: str) -> tuple[str, Fraction] | None:
    folded = name.casefold()
    if folded not in COMMON_UNITS:
        return None
    steps = chain(folded)
    return steps[-1] if steps else (folded, Fraction(1))


def ratio(recorded: str, into: str) -> Fraction | None:
    """How many ``into`` one ``recorded`` is, when both are common units with a common base;
    otherwise ``None``. ``ratio("quarter_credit", "semester_credit")`` is ``Fraction(2, 3)``."""
    source, target = _in_base(recorded), _in_base(into)
    if source is None or target is None or source[0] != target[0]:
        return None
    return source[1] / target[1]


def exact_decimal(value: Fraction) -> Decimal | None:
    """``value`` as an exact decimal, or ``None`` when it has none (a third)."""
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    return Decimal(value.numerator * 10**places // value.denominator).scaleb(-places)


@frozen
class Converted:
    """An amount recorded in a common unit, as an amount of a unit a body takes."""

    unit: str
    """The unit the body takes."""
    amount: Decimal
    """The recorded amount, in :attr:`unit`."""


def targets(recorded: str, taken: Iterable[str]) -> tuple[str, ...]:
    """The units among ``taken`` (in their order) that an amount recorded in the common unit
    ``recorded`` may be converted into, in the order :func:`convert` prefers them: first the
    units ``recorded`` is defined in, nearest first; then the others related to it whose
    factor is an exact decimal; then the rest related to it."""
    taken = [unit.casefold() for unit in taken]
    folded = recorded.casefold()
    if folded not in COMMON_UNITS or folded in taken:
        return ()
    defined = [unit for unit, _ in chain(folded) if unit in taken]
    related = [
        unit
        for unit in taken
        if unit not in defined and unit != folded and ratio(folded, unit) is not None
    ]
    exact = [unit for unit in related if exact_decimal(_ratio(folded, unit)) is not None]
    inexact = [unit for unit in related if unit not in exact]
    return (*defined, *exact, *inexact)


def _ratio(recorded: str, into: str) -> Fraction:
    found = ratio(recorded, into)
    assert found is not None
    return found


def route(recorded: str, taken: Iterable[str]) -> tuple[str, Fraction] | None:
    """The unit among ``taken`` that an amount of the common unit ``recorded`` is converted
    into (the first that :func:`targets` prefers), with how many of it one ``recorded`` is;
    ``None`` when ``recorded`` is not common or relates to none of ``taken``. It depends only
    on the units, so a body's rules compute it once for every common unit
    (:func:`recertlib.rules.compiled.compile_education`)."""
    preferred = targets(recorded, taken)
    if not preferred:
        return None
    return preferred[0], _ratio(recorded, preferred[0])


def converted(amount: Decimal, recorded: str, into: str, ratio: Fraction) -> Converted | str:
    """``amount`` of the common unit ``recorded`` as ``into``, ``ratio`` of it each (as
    :func:`route` gives them); or, when that is not an exact decimal (a third of a contact
    hour), a sentence saying so."""
    value = exact_decimal(Fraction(amount) * ratio)
    if value is None:
        return (
            f"{amount.normalize():f} {recorded.casefold()} is not an exact number of {into}"
            f" ({_describe(ratio)} each); record it in {into}"
        )
    return Converted(into, value)


def convert(amount: Decimal, recorded: str, taken: Iterable[str]) -> Converted | str | None:
    """``amount`` of the common unit ``recorded`` in the first of ``taken`` that
    :func:`targets` prefers.

    :returns: the converted amount; ``None`` when ``recorded`` is not common or relates to none
        of ``taken``; or, when the preferred conversion is not an exact decimal (a third of a
        contact hour), a sentence saying so. Only the preferred unit is tried, so that one
        body values every amount of a unit alike.
    """
    found = route(recorded, taken)
    if found is None:
        return None
    return converted(amount, recorded, *found)


def _describe(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"


def related_units(taken: Iterable[str]) -> tuple[str, ...]:
    """The common units not among ``taken`` that convert into one of them, in the order of
    :data:`UNITS`."""
    taken = tuple(unit.casefold() for unit in taken)
    return tuple(unit.name for unit in UNITS if targets(unit.name, taken))


__all__ = [
    "CLOCK_HOUR",
    "COMMON_UNITS",
    "CONTACT_HOUR",
    "CONTACT_HOUR_MINUTES",
    "IACET_CEU",
    "MINUTE",
    "QUARTER_CREDIT",
    "SEMESTER_CREDIT",
    "UNITS",
    "Converted",
    "Unit",
    "chain",
    "convert",
    "converted",
    "exact_decimal",
    "is_common",
    "ratio",
    "related_units",
    "route",
    "targets",
]
