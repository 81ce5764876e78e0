"""Amounts of credit: exact decimals, so that 59.9 + 0.1 reaches 60."""

from __future__ import annotations

import decimal
from contextlib import AbstractContextManager
from decimal import Decimal, InvalidOperation

ZERO = Decimal(0)


def to_amount(value: object) -> Decimal:
    """An exact, finite, non-negative :class:`~decimal.Decimal` from a number or a string.

    A float goes through its shortest text form (``0.1`` becomes ``Decimal("0.1")``), which is
    what the person who typed it meant; booleans are refused.
    """
    if isinstance(value, bool):
        raise TypeError(f"expected a number of credits, got {value!r}")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float | str):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"expected a number of credits, got {value!r}") from None
    else:
        raise TypeError(f"expected a number of credits, got {value!r}")
    if not amount.is_finite():
        raise ValueError(f"expected a finite number of credits, got {value!r}")
    if amount < 0:
        raise ValueError(f"expected a non-negative number of credits, got {value!r}")
    return amount


def format_amount(amount: Decimal) -> str:
    """An amount without trailing zeros or exponent: ``Decimal("60.00")`` shows as ``60``."""
    return format(amount.normalize(), "f")


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
