"""attrs helpers shared by the rules types: checks that name the field, and folding of names."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from attrs.validators import deep_iterable, instance_of

from recertlib.amounts import to_amount
from recertlib.checks import names
from recertlib.dates import Date, to_date


def optional_date(value: object) -> Date | None:
    return None if value is None else to_date(value)


def optional_amount(value: object) -> Decimal | None:
    return None if value is None else to_amount(value)


def folded_names(values: Iterable[str] | None) -> frozenset[str] | None:
    # A lone string is refused, never split into letters.
    return None if values is None else frozenset(value.casefold() for value in names(values))


def folded(value: str) -> str:
    return value.casefold() if isinstance(value, str) else value


def optional_folded(value: str | None) -> str | None:
    return None if value is None else folded(value)


def tuple_of(kind: type | tuple[type, ...]) -> Any:
    return deep_iterable(instance_of(kind), instance_of(tuple))


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    # Lists are accepted where a tuple is meant; the item checks still run.
    return tuple(values) if isinstance(values, list) else values  # type: ignore[return-value]


DATE_TYPES = (datetime.date,)
