"""attrs validators and converters shared by the public types: each failure names the field
and its value."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from attrs import Attribute

from recertlib.amounts import to_amount
from recertlib.dates import Date, to_date
from recertlib.errors import FieldValueError


def non_empty_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(attribute.name, value, "expected non-empty text")


def optional_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty_text(instance, attribute, value)


def text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise FieldValueError(attribute.name, value, "expected text")


def checked_date(field: str, value: object) -> Date:
    """:func:`~recertlib.dates.to_date`, with an error that names ``field``."""
    try:
        return to_date(value)
    except (TypeError, ValueError) as error:
        raise FieldValueError(field, value, str(error)) from None


def checked_amount(field: str, value: object) -> Decimal:
    """:func:`~recertlib.amounts.to_amount`, with an error that names ``field``."""
    try:
        return to_amount(value)
    except (TypeError, ValueError) as error:
        raise FieldValueError(field, value, str(error)) from None


def names(values: object) -> frozenset[str]:
    """A set of names from a list of strings; a lone string is refused rather than split."""
    if isinstance(values, frozenset) and not values:
        return values
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise TypeError(f"expected a list of names, got {values!r}")
    found = frozenset(values)
    for name in found:
        if not isinstance(name, str):
            raise TypeError(f"expected names as strings, got {name!r}")
    return found


def checked_names(field: str, value: object) -> frozenset[str]:
    """:func:`names`, with an error that names ``field``."""
    try:
        return names(value)
    except TypeError as error:
        raise FieldValueError(field, value, str(error)) from None


TEXT_CHECKS = frozenset({non_empty_text, optional_text, text})
"""The validators that look at their own field only, which the converter runs on its own."""
