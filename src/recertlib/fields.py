"""Field validation: the attrs validators and converters every public type uses, each failure a
:class:`~recertlib.errors.FieldValueError` naming the field and its value.

Converters are :class:`attrs.Converter` objects told their field (``takes_field=True``), so
one converter serves every field of its kind and still names the field it refuses. Two kinds
of converter are here:

- *parsing* converters (:data:`date`, :data:`event_date`, :data:`amount`, :data:`names`, and
  their optional forms) turn what a caller gives into the field's type or refuse it;
- *lenient* converters (:func:`as_tuple`, :func:`folded`, :func:`folded_names`) only normalise
  a value of the right shape and pass anything else through unchanged, for the field's
  validator to refuse with a message about the field's type.

Checks that span several fields of a credential's rules are not here but in
:mod:`recertlib.rules.checks`, which runs when a plugin registers.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

import attrs

from recertlib.errors import FieldValueError, shown, shown_value
from recertlib.quantities.amounts import to_amount
from recertlib.quantities.dates import Date, to_date, within_events

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")

# --- validators ---------------------------------------------------------------------------------


def non_empty_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(attribute.name, shown_value(value), "expected non-empty text")


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty_text(instance, attribute, value)


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise FieldValueError(attribute.name, shown_value(value), "expected text")


TEXT_CHECKS = frozenset({non_empty_text, optional_text, text})
"""The validators that look at their own field only, which the converter runs on its own."""


def of_type(kind: type) -> Any:
    """A validator refusing anything but a ``kind``, in a sentence naming the field."""
    if issubclass(kind, enum.Enum):
        said = f"expected one of {', '.join(f'{kind.__name__}.{m.name}' for m in kind)}"
    else:
        said = f"expected a {kind.__name__}"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise FieldValueError(attribute.name, shown_value(value), said)

    return check


def optional_of_type(kind: type) -> Any:
    check = of_type(kind)

    def optional_check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional_check


def boolean(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise FieldValueError(attribute.name, shown_value(value), "expected true or false")


def optional_boolean(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        boolean(instance, attribute, value)


def whole_number(least: int, most: int | None = None) -> Any:
    """A validator for an int (never a bool) from ``least`` (to ``most``, when given)."""
    said = f"expected a whole number >= {least}" if most is None else f"expected {least} to {most}"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < least
            or (most is not None and value > most)
        ):
            raise FieldValueError(attribute.name, shown_value(value), said)

    return check


def tuple_of(kind: type | tuple[type, ...]) -> Any:
    """A validator for a tuple whose every item is a ``kind``."""
    names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise FieldValueError(attribute.name, shown_value(value), f"expected a list of {names}")
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                raise FieldValueError(
                    f"{attribute.name}[{index}]", shown_value(item), f"expected a {names}"
                )

    return check


def name_set(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty set of non-empty names."""
    if not isinstance(value, frozenset) or not all(
        isinstance(name, str) and name.strip() for name in value
    ):
        raise FieldValueError(attribute.name, shown_value(value), "expected a list of names")
    if not value:
        raise FieldValueError(attribute.name, [], "an empty set matches nothing")


def optional_name_set(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        name_set(instance, attribute, value)


# --- parsing: a value in, the field's type out, or an error naming the field ------------------


def checked_date(field: str, value: object) -> Date:
    """:func:`~recertlib.quantities.dates.to_date`, with an error that names ``field``."""
    try:
        return to_date(value)
    except (TypeError, ValueError) as error:
        raise FieldValueError(field, shown_value(value), str(error)) from None


def checked_event_date(field: str, value: object) -> Date:
    """:func:`checked_date`, within ``EARLIEST_EVENT`` and ``LATEST_EVENT``: a date that cycles
    and windows are counted from."""
    date = checked_date(field, value)
    try:
        return within_events(date)
    except ValueError as error:
        raise FieldValueError(field, shown_value(value), str(error)) from None


def checked_amount(field: str, value: object) -> Decimal:
    """:func:`~recertlib.quantities.amounts.to_amount`, with an error that names ``field``."""
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
        raise TypeError(f"expected text, got {shown(value)}")
    return value


def to_names(values: object) -> frozenset[str]:
    """A set of names from a list of strings; a lone string is refused rather than split, an
    object (``{"AAMA": false}``) rather than read for its keys, and a blank name as no name.

    :raises TypeError: ``values`` is not a list (or set) of non-empty strings.
    """
    if isinstance(values, frozenset) and not values:
        return values
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise TypeError(f"expected a list of names, got {shown(values)}")
    found = []
    for name in values:
        if not isinstance(name, str):
            raise TypeError(f"expected names as strings, got {shown(name)}")
        if not name.strip():
            raise TypeError(f"expected names as non-empty strings, got {name!r}")
        found.append(name)
    return frozenset(found)


def checked_names(field: str, value: object) -> frozenset[str]:
    """:func:`to_names`, with an error that names ``field``."""
    try:
        return to_names(value)
    except TypeError as error:
        raise FieldValueError(field, shown_value(value), str(error)) from None


def _named(check: Callable[[str, Any], T]) -> attrs.Converter[Any, T]:
    def convert(value: Any, field: attrs.Attribute[Any]) -> T:
        return check(field.name, value)

    return attrs.Converter(convert, takes_field=True)


def _optional(check: Callable[[str, Any], T]) -> attrs.Converter[Any, T | None]:
    def convert(value: Any, field: attrs.Attribute[Any]) -> T | None:
        return None if value is None else check(field.name, value)

    return attrs.Converter(convert, takes_field=True)


if TYPE_CHECKING:
    # mypy's attrs plugin reads what a converter takes from a function's signature, not from
    # an attrs.Converter: for it, each converter below is declared as the function it acts as.
    def date(value: object) -> Date: ...
    def optional_date(value: object) -> Date | None: ...
    def event_date(value: object) -> Date: ...
    def optional_event_date(value: object) -> Date | None: ...
    def amount(value: object) -> Decimal: ...
    def optional_amount(value: object) -> Decimal | None: ...
    def names(value: object) -> frozenset[str]: ...

else:
    date = _named(checked_date)
    """A date of the calendar (``YYYY-MM-DD`` or a date)."""
    optional_date = _optional(checked_date)
    event_date = _named(checked_event_date)
    """A date an event may fall on: a certification, an activity's completion."""
    optional_event_date = _optional(checked_event_date)
    amount = _named(checked_amount)
    """An exact amount (:func:`~recertlib.quantities.amounts.to_amount`)."""
    optional_amount = _optional(checked_amount)
    names = _named(checked_names)
    """A set of names from a list of strings."""


# --- lenient: normalise a value of the right shape, leave the rest to the validator ----------


def as_tuple(values: Any) -> Any:
    """A list as a tuple; anything else unchanged, for the validator to judge."""
    return tuple(values) if isinstance(values, list) else values


def folded(value: Any) -> Any:
    """Text folded to compare without regard to case."""
    return value.casefold() if isinstance(value, str) else value


def optional_folded(value: Any) -> Any:
    return None if value is None else folded(value)


def _is_names(values: object) -> bool:
    return (
        isinstance(values, Iterable)
        and not isinstance(values, str | bytes | Mapping)
        and all(isinstance(value, str) for value in values)
    )


def folded_names(values: Any) -> Any:
    """Names folded into a set; a lone string is left for the validator to refuse, never split
    into letters."""
    if values is None or not _is_names(values):
        return values
    return frozenset(value.casefold() for value in values)


# --- strict reading: the hooks both of recertlib's cattrs converters take ------------------


def register_strict_hooks(converter: cattrs.Converter) -> None:
    """Make ``converter`` read values strictly, as both of recertlib's converters do (data in
    :mod:`recertlib.io.converter`, rules files in :mod:`recertlib.rules.data`): text only from
    text (never ``None`` as ``"None"``), true or false only from a boolean (never the string
    ``"false"`` as true), a set of names only from a list of strings, and a tuple field only
    from a list (never a string's letters or an object's keys)."""
    converter.register_structure_hook(str, lambda value, _: strict_text(value))
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook_func(
        lambda kind: kind == frozenset[str], lambda value, _: to_names(value)
    )
    converter.register_structure_hook_factory(
        _is_variadic_tuple, lambda kind: _tuple_hook(converter, kind)
    )


def _strict_bool(value: Any, _: Any) -> bool:
    # cattrs' default is bool(value), which reads the string "false" as true.
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {shown(value)}")
    return value


def _is_variadic_tuple(kind: Any) -> bool:
    return get_origin(kind) is tuple and len(get_args(kind)) == 2 and get_args(kind)[1] is Ellipsis


def _tuple_hook(converter: cattrs.Converter, kind: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    items: Any = list[get_args(kind)[0]]  # type: ignore[misc]

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        # A string or an object is iterable too, but never what a list field meant.
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
            raise TypeError(f"expected a list, got {shown(value)}")
        return tuple(converter.structure(value, items))

    return structure_tuple
