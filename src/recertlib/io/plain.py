"""Reading well-formed records in one pass.

The converter (:mod:`recertlib.io.converter`) reads any input and reports every problem in it
with its path and value, which takes two passes over each value: cattrs checks and converts
it, then the class's own converter parses and checks it again. Nearly every record a
nightly job reads is well formed, in the plain form JSON gives: text as strings, dates as
``YYYY-MM-DD`` strings, amounts as numbers or numerals, names as lists of strings. For those,
:func:`plain_structure_fn` builds, once per class, a function that checks each value's form
and hands it to the class, whose own converters parse and validate it once.

It only ever accepts what the converter accepts, and builds the same value: anything else
(another form, a missing or unknown key, a value the class refuses) makes it give up, and the
converter reads the record again and reports exactly what is wrong.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs

from recertlib.inputs import Facts
from recertlib.quantities.dates import Date

T = TypeVar("T")

Check = Callable[[Any], Any]
"""Takes a value in its plain form (returning what the class is given) or raises."""


class NotPlain(Exception):
    """The record is not in the plain form: the converter reads it instead."""


def _text(value: Any) -> Any:
    if type(value) is not str:
        raise NotPlain
    return value


def _boolean(value: Any) -> Any:
    if type(value) is not bool:
        raise NotPlain
    return value


def _numeral(value: Any) -> Any:
    # What the amount's own converter parses exactly as the converter's hook would.
    if type(value) not in (str, int, float):
        raise NotPlain
    return value


def _names(value: Any) -> Any:
    if type(value) is not list:
        raise NotPlain
    for name in value:
        if type(name) is not str:
            raise NotPlain
    return value


def _facts(value: Any) -> Any:
    if type(value) is not dict:
        raise NotPlain
    for name, fact in value.items():
        if type(name) is not str or type(fact) not in (str, bool, int, float):
            raise NotPlain
    return value


def _texts_by_name(value: Any) -> Any:
    if type(value) is not dict:
        raise NotPlain
    for name, text in value.items():
        if type(name) is not str or type(text) is not str:
            raise NotPlain
    return value


def _optional(check: Check) -> Check:
    def optional(value: Any) -> Any:
        return None if value is None else check(value)

    return optional


def _items(check: Check) -> Check:
    def items(value: Any) -> Any:
        if type(value) is not list:
            raise NotPlain
        return tuple(check(item) for item in value)

    return items


# The forms each type is taken in when its field's own converter parses it; a type whose
# field has no converter is taken only where the value needs no parsing (text, booleans).
_PARSED: dict[Any, Check] = {
    Date: _text,
    Decimal: _numeral,
    frozenset[str]: _names,
    Facts: _facts,
    dict[str, str]: _texts_by_name,
}
_AS_GIVEN: dict[Any, Check] = {str: _text, bool: _boolean}


def _check_for(kind: Any, converted: bool) -> Check | None:
    if converted and kind in _PARSED:
        return _PARSED[kind]
    if get_origin(kind) in (typing.Union, types.UnionType):
        members = [member for member in get_args(kind) if member is not type(None)]
        if len(members) == 1 and len(get_args(kind)) == 2:
            inner = _check_for(members[0], converted)
            return None if inner is None else _optional(inner)
        return None
    if get_origin(kind) is tuple and get_args(kind)[1:] == (Ellipsis,):
        item = plain_structure_fn(get_args(kind)[0])
        return None if item is None else _items(item)
    if attrs.has(kind):
        return plain_structure_fn(kind)
    return _AS_GIVEN.get(kind)


def plain_structure_fn(kind: type[T]) -> Callable[[Any], T] | None:
    """A function reading a record of ``kind`` in the plain form, or ``None`` when a field of
    ``kind`` has a type the plain form does not cover (the converter then reads every record).

    The function raises when the record is not plain, or when ``kind`` refuses it: the caller
    then reads it with the converter, which says why.
    """
    if not attrs.has(kind):
        return None
    hints = typing.get_type_hints(kind)
    fields = []
    for field in attrs.fields(kind):
        if not field.init:
            continue
        check = _check_for(hints[field.name], field.converter is not None)
        if check is None:
            return None
        fields.append((field.alias, check, field.default is attrs.NOTHING))
    known = frozenset(alias for alias, _, _ in fields)
    make = typing.cast(Callable[..., T], kind)

    def structure_plain(data: Any) -> T:
        if type(data) is not dict or not known.issuperset(data):
            raise NotPlain
        given = {}
        for alias, check, required in fields:
            if alias in data:
                given[alias] = check(data[alias])
            elif required:
                raise NotPlain
        built: T = make(**given)
        return built

    return structure_plain


__all__ = ["NotPlain", "plain_structure_fn"]
