"""attrs helpers shared by the rules types: checks that name the field, and folding of names.

Converters here never raise: a value they cannot convert passes through unchanged, and the
field's validator refuses it with a :class:`~recertlib.FieldValueError` naming the field. That
way every wrong value, whatever its type, is reported the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from attrs import Attribute

from recertlib.checks import checked_amount, checked_date
from recertlib.dates import Date
from recertlib.errors import FieldValueError


def named_optional_date(field: str, value: object) -> Date | None:
    """An optional date, an error naming ``field``."""
    return None if value is None else checked_date(field, value)


def named_optional_amount(field: str, value: object) -> Decimal | None:
    """An optional amount, an error naming ``field``."""
    return None if value is None else checked_amount(field, value)


def _is_names(values: object) -> bool:
    return (
        isinstance(values, Iterable)
        and not isinstance(values, str | bytes | Mapping)
        and all(isinstance(value, str) for value in values)
    )


def folded_names(values: Any) -> Any:
    # A lone string is left for the validator to refuse, never split into letters.
    if values is None or not _is_names(values):
        return values
    return frozenset(value.casefold() for value in values)


def name_set(instance: object, attribute: Attribute[Any], value: object) -> None:
    """A non-empty set of non-empty names."""
    if not isinstance(value, frozenset) or not all(
        isinstance(name, str) and name.strip() for name in value
    ):
        raise FieldValueError(attribute.name, value, "expected a list of names")
    if not value:
        raise FieldValueError(attribute.name, [], "an empty set matches nothing")


def optional_name_set(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None:
        name_set(instance, attribute, value)


def folded(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def optional_folded(value: Any) -> Any:
    return None if value is None else folded(value)


def of_type(kind: type) -> Any:
    """A validator refusing anything but a ``kind``, in a sentence naming the field."""
    if issubclass(kind, enum.Enum):
        said = f"expected one of {', '.join(f'{kind.__name__}.{m.name}' for m in kind)}"
    else:
        said = f"expected a {kind.__name__}"

    def check(instance: object, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise FieldValueError(attribute.name, value, said)

    return check


def optional_of_type(kind: type) -> Any:
    check = of_type(kind)

    def optional_check(instance: object, attribute: Attribute[Any], value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional_check


def boolean(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise FieldValueError(attribute.name, value, "expected true or false")


def optional_boolean(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None:
        boolean(instance, attribute, value)


def whole_number(least: int) -> Any:
    """A validator for an int (never a bool) of at least ``least``."""

    def check(instance: object, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise FieldValueError(attribute.name, value, f"expected a whole number >= {least}")

    return check


def tuple_of(kind: type | tuple[type, ...]) -> Any:
    """A validator for a tuple whose every item is a ``kind``."""
    names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)

    def check(instance: object, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise FieldValueError(attribute.name, value, f"expected a list of {names}")
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                raise FieldValueError(f"{attribute.name}[{index}]", item, f"expected a {names}")

    return check


def as_tuple(values: Any) -> Any:
    # Lists are accepted where a tuple is meant; the item checks still run.
    return tuple(values) if isinstance(values, list) else values
