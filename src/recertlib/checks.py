"""attrs validators and converters shared by the public types: each failure names the field
and its value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from attrs import Attribute

from recertlib.amounts import to_amount
from recertlib.dates import Date, to_date, within_events
from recertlib.errors import FieldValueError


def non_empty_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(attribute.name, shown_value(value), "expected non-empty text")


def optional_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty_text(instance, attribute, value)


def text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise FieldValueError(attribute.name, shown_value(value), "expected text")


def checked_date(field: str, value: object) -> Date:
    """:func:`~recertlib.dates.to_date`, with an error that names ``field``."""
    try:
        return to_date(value)
    except (TypeError, ValueError) as error:
        raise FieldValueError(field, shown_value(value), str(error)) from None


def checked_event_date(field: str, value: object) -> Date:
    """:func:`checked_date`, within ``EARLIEST_EVENT`` and
    ``LATEST_EVENT``: a date that cycles and windows are counted from."""
    date = checked_date(field, value)
    try:
        return within_events(date)
    except ValueError as error:
        raise FieldValueError(field, shown_value(value), str(error)) from None


def checked_amount(field: str, value: object) -> Decimal:
    """:func:`~recertlib.amounts.to_amount`, with an error that names ``field``."""
    try:
        return to_amount(value)
    except (TypeError, ValueError) as error:
        raise FieldValueError(field, shown_value(value), str(error)) from None


def strict_text(value: object) -> str:
    """``value`` when it is text; anything else (``None``, a boolean, a number, a list) is
    refused rather than turned into text (``None`` is not the holder ``"None"``).

    :raises TypeError: ``value`` is not a string.
    """
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {_shown(value)}")
    return value


def names(values: object) -> frozenset[str]:
    """A set of names from a list of strings; a lone string is refused rather than split, an
    object (``{"AAMA": false}``) rather than read for its keys, and a blank name as no name.

    :raises TypeError: ``values`` is not a list (or set) of non-empty strings.
    """
    if isinstance(values, frozenset) and not values:
        return values
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise TypeError(f"expected a list of names, got {_shown(values)}")
    found = []
    for name in values:
        if not isinstance(name, str):
            raise TypeError(f"expected names as strings, got {_shown(name)}")
        if not name.strip():
            raise TypeError(f"expected names as non-empty strings, got {name!r}")
        found.append(name)
    return frozenset(found)


def checked_names(field: str, value: object) -> frozenset[str]:
    """:func:`names`, with an error that names ``field``."""
    try:
        return names(value)
    except TypeError as error:
        raise FieldValueError(field, shown_value(value), str(error)) from None


TEXT_CHECKS = frozenset({non_empty_text, optional_text, text})
"""The validators that look at their own field only, which the converter runs on its own."""


def _shown(value: object) -> str:
    # A huge or deeply nested value is described by its type and size, not repeated in full.
    if nesting_depth(value, SHOWN_DEPTH + 1) > SHOWN_DEPTH:
        return f"a {type(value).__name__} nested more than {SHOWN_DEPTH} levels deep"
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:40]}... ({len(text)} characters)"


SHOWN_DEPTH = 4
"""How deeply nested a value an error repeats; a deeper one is described instead, so that no
message is a page long or too deep to print."""


SHOWN_LENGTH = 200
"""The longest a value other than text that an error repeats, written out."""


def shown_value(value: object) -> object:
    """``value`` as an error repeats it: itself, or a description when it nests deeper than
    ``SHOWN_DEPTH`` or is not text and longer than ``SHOWN_LENGTH`` written out (a
    number thousands of digits long)."""
    if nesting_depth(value, SHOWN_DEPTH + 1) > SHOWN_DEPTH:
        return f"a {type(value).__name__} nested more than {SHOWN_DEPTH} levels deep"
    if not isinstance(value, str):
        text = repr(value)
        if len(text) > SHOWN_LENGTH:
            return f"{text[:60]}... ({len(text)} characters)"
    return value


def nesting_depth(value: object, limit: int) -> int:
    """How deeply lists and objects nest in ``value`` (a scalar is 0, ``[]`` is 1), counted
    without recursion and only up to ``limit``, so that any depth can be measured safely."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[object]
        if isinstance(item, Mapping):
            children = item.values()
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        else:
            continue
        depth += 1
        if depth >= limit:
            return depth
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest
