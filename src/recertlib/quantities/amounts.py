"""Amounts of credit: exact decimals, so that 59.9 + 0.1 reaches 60.

An amount comes in as a number or as a *plain decimal numeral*: ASCII digits, optionally one
``.`` and more ASCII digits (``2``, ``2.5``, ``0.25``), with nothing else: no sign (not even
``-0``), no exponent (``1e3``), no digit separators (``1_000``, ``1,000``), no digits of other
scripts (full-width or Arabic-Indic digits), no ``NaN`` or ``Infinity``. Spaces and tabs
around it are ignored.

An amount of credit given by a caller is also bounded, so that a typing slip is reported rather
than believed and no arithmetic on it can run away:

- ``MAX_AMOUNT`` (1,000,000): no continuing-education activity is worth a million hours,
  credits or points, while every real amount, in any unit a body uses (minutes included), fits
  with room to spare.
- ``MAX_PLACES`` (6 decimal places): certificates state credit in whole units, halves,
  quarters or tenths, and unit conversions in hundredths or thousandths; six places keep all of
  them exact. An amount with more places is refused, never rounded: 9.999999999999999999 credits
  is not 10.

A float (from Python) goes through its shortest text form (``0.1`` becomes ``Decimal("0.1")``),
which is what the person who typed it meant; booleans are refused.
"""

from __future__ import annotations

import decimal
import re
from contextlib import AbstractContextManager
from decimal import Decimal

from recertlib.errors import shown

ZERO = Decimal(0)

MAX_AMOUNT = Decimal(1_000_000)
"""The largest amount of credit an activity, a requirement or a fee may state."""

MAX_PLACES = 6
"""The most decimal places an amount may have; more are refused, never rounded."""

_NUMERAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SPACE = " \t"


def to_amount(value: object) -> Decimal:
    """An exact, finite, non-negative :class:`~decimal.Decimal` from a number or a plain decimal
    numeral, at most ``MAX_AMOUNT`` and with at most ``MAX_PLACES`` decimal places.

    :raises TypeError: ``value`` is neither a number nor text (a boolean, a list...).
    :raises ValueError: it is not a plain decimal numeral, or is out of range or too precise.
    """
    amount = parse_amount(value)
    if amount > MAX_AMOUNT:
        raise ValueError(f"expected at most {MAX_AMOUNT} credits, got {shown(value)}")
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked by parse_amount
    if -exponent > MAX_PLACES:
        raise ValueError(
            f"expected at most {MAX_PLACES} decimal places (amounts are never rounded), "
            f"got {shown(value)}"
        )
    if exponent > 0:  # Decimal("1E+2"): the same amount, written plainly
        amount = amount.quantize(Decimal(1), context=_EXACT)
    return amount


def parse_amount(value: object) -> Decimal:
    """:func:`to_amount` without its range and precision: an amount recertlib computed itself
    (a total, a shortfall), read back from its own output.

    :raises TypeError: ``value`` is neither a number nor text.
    :raises ValueError: it is not a plain decimal numeral, or is negative or not finite.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise TypeError(f"expected a number of credits, got {shown(value)}")
    if isinstance(value, str):
        numeral = value.strip(_SPACE)
        if not _NUMERAL.fullmatch(numeral):
            raise ValueError(_not_a_numeral(numeral, value))
        return Decimal(numeral)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"expected a finite number of credits, got {value!r}")
        amount = Decimal(repr(value))
    else:
        amount = Decimal(value)
    if not amount.is_finite():
        raise ValueError(f"expected a finite number of credits, got {shown(value)}")
    if amount.is_signed():
        raise ValueError(f"expected a non-negative number of credits, got {shown(value)}")
    return amount


def _not_a_numeral(numeral: str, value: str) -> str:
    # Say what is wrong when it is plain to see: a sign, or a number that is not finite.
    try:
        parsed = Decimal(numeral) if numeral.isascii() and "_" not in numeral else None
    except decimal.InvalidOperation:
        parsed = None
    if parsed is not None and not parsed.is_finite():
        return f"expected a finite number of credits, got {shown(value)}"
    if numeral.startswith("-"):
        return f"expected a non-negative number of credits, got {shown(value)}"
    if not any(character.isdigit() for character in numeral):
        return f"expected a number of credits, got {shown(value)}"
    return (
        "expected a number of credits as a plain decimal numeral (digits 0-9 and at most one"
        f" '.', no sign or exponent), got {shown(value)}"
    )


def format_amount(amount: Decimal) -> str:
    """An amount without trailing zeros or exponent: ``Decimal("60.00")`` shows as ``60``."""
    return format(amount.normalize(context=_EXACT), "f")


def exact_arithmetic() -> AbstractContextManager[decimal.Context]:
    """A decimal context in which sums and products of amounts never round, whatever the
    caller's own context says. recertlib never divides amounts, so no result is endless."""
    return decimal.localcontext(_EXACT)


_EXACT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def plural(unit: str) -> str:
    """A unit's plural: ``point`` gives ``points``; a unit ending in ``s`` is kept."""
    return unit if unit.endswith("s") else f"{unit}s"


def quantity(amount: Decimal, unit: str) -> str:
    """An amount with its unit, singular for exactly one: ``1 point``, ``1.5 points``."""
    return f"{format_amount(amount)} {unit if amount == 1 else plural(unit)}"
