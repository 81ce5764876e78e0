"""Structuring the data of a rules file into the rules model's own types, with cattrs.

The converter is the rules layer's own (it does not use :mod:`recertlib.io`'s): a field typed
by a protocol holds a standard shape named by ``shape`` (:data:`~recertlib.rules.shapes.SHAPES`)
or a plugin's own implementation registered under a name (never an import path); dates are
TOML dates or ``YYYY-MM-DD`` text; amounts integers, decimal text or decimals as written;
sets and tuples lists; enums their values. Unknown keys are refused, so that a misspelt field
is reported rather than ignored, and a field left out that may be ``None`` is ``None`` (TOML
has no null).
"""

from __future__ import annotations

import datetime
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from recertlib.errors import MISSING, FieldValueError, Problem, shown, shown_value
from recertlib.fields import TEXT_CHECKS, register_strict_hooks
from recertlib.inputs.facts import FactValue
from recertlib.quantities.amounts import parse_amount
from recertlib.quantities.dates import Date, to_date
from recertlib.rules.shapes import SHAPE_KEY, SHAPES, VARIADIC

ShapePath = tuple[str | int, ...]


def make_rules_converter(shapes: Mapping[str, type] | None = None) -> Converter:
    """A converter that structures the rules model from data, knowing the standard shapes and
    ``shapes``: a plugin's own implementations, by the names data gives them."""
    converter = Converter(forbid_extra_keys=True)
    converter.register_structure_hook(Date, lambda value, _: as_date(value))
    converter.register_structure_hook(Decimal, lambda value, _: parse_amount(value))
    register_strict_hooks(converter)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook_func(lambda kind: kind == FactValue, _fact_value)
    own = dict(shapes or {})
    for protocol, standard in SHAPES.items():
        known = {shape.__name__: shape for shape in standard} | own
        converter.register_structure_hook_func(
            _is(protocol), _protocol_hook(converter, protocol, known)
        )
    for shape in VARIADIC:
        converter.register_structure_hook(shape, _fields_hook(converter, shape))
    converter.register_structure_hook_factory(
        _is_attrs_with_optional_fields, lambda kind: _optional_fields_hook(converter, kind)
    )
    return converter


def as_date(value: Any) -> Date:
    """A date from a TOML date or ``YYYY-MM-DD`` text; a date and time is refused."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"expected a date, not a date and time: {value.isoformat()}")
    return to_date(value)


def _fact_value(value: Any, _: Any) -> FactValue:
    # A fact's value as the file writes it: true or false, text, a TOML date, or a number.
    if isinstance(value, bool | str):
        return value
    if isinstance(value, datetime.date):
        return as_date(value)
    if isinstance(value, int | float):
        return parse_amount(value)
    raise ValueError(f"expected true or false, text, a date or a number, got {shown(value)}")


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {shown(value)}")
    return value


def _is(protocol: Any) -> Callable[[Any], bool]:
    optional = protocol | None

    def matches(kind: Any) -> bool:
        return kind is protocol or kind == optional

    return matches


def _protocol_hook(
    converter: Converter, protocol: Any, known: Mapping[str, type]
) -> Callable[[Any, Any], Any]:
    listed = ", ".join(sorted(known))

    def structure_shape(data: Any, kind: Any) -> Any:
        if data is None and kind != protocol:
            return None
        if not isinstance(data, Mapping) or SHAPE_KEY not in data:
            raise ValueError(
                f"expected a table with {SHAPE_KEY!r}, one of the shapes of a"
                f" {protocol.__name__} ({listed}), got {shown(data)}"
            )
        name = data[SHAPE_KEY]
        shape = known.get(name) if isinstance(name, str) else None
        if shape is None:
            raise ShapeError(
                name,
                f"no {protocol.__name__} shape is called {shown(name)}: the standard shapes and"
                f" those an installed plugin registers are {listed}",
            )
        fields = {key: value for key, value in data.items() if key != SHAPE_KEY}
        built: Any = converter.structure(fields, shape)
        if not isinstance(built, protocol):
            raise ShapeError(name, f"the shape {name!r} is not a {protocol.__name__}")
        return built

    return structure_shape


class ShapeError(ValueError):
    """A ``shape`` that names no shape known where it is used."""

    def __init__(self, name: Any, message: str) -> None:
        self.name = name
        super().__init__(message)


def _fields_hook(converter: Converter, shape: type) -> Callable[[Any, Any], Any]:
    # Shapes whose constructor takes their members as positional arguments (``Earliest(a, b)``)
    # are built through the fields attrs gives them.
    hints = typing.get_type_hints(shape)

    def structure_fields(data: Any, _: Any) -> Any:
        if not isinstance(data, Mapping):
            raise TypeError(f"expected a table, got {shown(data)}")
        fields = attrs.fields_dict(shape)
        unknown = sorted(set(data) - set(fields))
        if unknown:
            raise ForbiddenExtraKeysError("", shape, set(unknown))
        errors: list[Exception] = []
        given: dict[str, Any] = {}
        for name in fields:
            if name not in data:
                continue
            try:
                given[name] = converter.structure(data[name], hints[name])
            except Exception as error:
                error.__notes__ = [
                    AttributeValidationNote(
                        f"Structuring class {shape.__qualname__} @ attribute {name}",
                        name,
                        hints[name],
                    )
                ]
                errors.append(error)
        if errors:
            raise ClassValidationError(f"While structuring {shape.__name__}", errors, shape)
        built: Any = object.__new__(shape)
        built.__attrs_init__(**given)
        return built

    return structure_fields


def _optional_names(kind: type) -> list[str]:
    hints = typing.get_type_hints(kind)
    return [
        field.name
        for field in attrs.fields(kind)
        if field.default is attrs.NOTHING and _allows_none(hints.get(field.name))
    ]


def _allows_none(kind: Any) -> bool:
    return get_origin(kind) in (Union, UnionType) and NoneType in get_args(kind)


def _is_attrs_with_optional_fields(kind: Any) -> bool:
    return (
        isinstance(kind, type)
        and attrs.has(kind)
        and kind not in VARIADIC
        and bool(_optional_names(kind))
    )


def _optional_fields_hook(converter: Converter, kind: type) -> Callable[[Any, Any], Any]:
    # TOML has no null: a field that may be None and has no default is None when left out.
    missing = _optional_names(kind)
    structure_fields: Callable[[Any, Any], Any] = make_dict_structure_fn(
        kind, converter, _cattrs_forbid_extra_keys=True
    )

    def structure_with_nones(data: Any, _: Any) -> Any:
        if isinstance(data, Mapping):
            data = {**dict.fromkeys(missing), **data}
        return structure_fields(data, kind)

    return structure_with_nones


def problems_in(
    error: BaseException, data: Any, path: ShapePath = ()
) -> list[tuple[Problem, ShapePath]]:
    """Every problem in a cattrs validation error, each with the path of the value in ``data``
    it is about (keys and indices) and that value."""
    found: list[tuple[Problem, ShapePath]] = []
    if isinstance(error, IterableValidationError):
        by_index, without = error.group_exceptions()
        for inner, at in by_index:
            found += problems_in(inner, _child(data, at.index), (*path, at.index))
    elif isinstance(error, ClassValidationError):
        by_field, without = error.group_exceptions()
        for inner, on in by_field:
            found += problems_in(inner, _child(data, on.name), (*path, on.name))
        reported = {where for _, where in found}
        found += [
            (problem, where)
            for problem, where in _text_problems(error.cl, data, path)
            if where not in reported
        ]
    elif isinstance(error, FieldValueError):
        where = (*path, error.field) if error.field else path
        return [(Problem(dotted(where), shown_value(error.value), error.message), where)]
    elif isinstance(error, ForbiddenExtraKeysError):
        return [
            (Problem(dotted((*path, name)), shown_value(_child(data, name)), "unknown field"),
             (*path, name))
            for name in sorted(error.extra_fields, key=str)
        ]  # fmt: skip
    elif isinstance(error, ShapeError):
        where = (*path, SHAPE_KEY)
        return [(Problem(dotted(where), shown_value(error.name), str(error)), where)]
    else:
        if isinstance(error, KeyError):
            value, message = MISSING, "required field missing"
        elif isinstance(error, AttributeError):
            value, message = shown_value(data), "expected a table of named fields"
        else:
            value, message = shown_value(data), str(error) or type(error).__name__
        return [(Problem(dotted(path), value, message), path)]
    for inner in without:
        found += problems_in(inner, data, path)
    unique = {(problem.path, problem.message): (problem, where) for problem, where in found}
    return list(unique.values())


def _text_problems(kind: type, data: Any, path: ShapePath) -> list[tuple[Problem, ShapePath]]:
    # cattrs stops before attrs' own validators run; run those that need no other field, so
    # that every bad field is reported at once.
    if not (attrs.has(kind) and isinstance(data, Mapping)):
        return []
    found = []
    for attribute in attrs.fields(kind):
        if attribute.validator in TEXT_CHECKS and attribute.name in data:
            try:
                attribute.validator(None, attribute, data[attribute.name])
            except FieldValueError as error:
                where = (*path, error.field)
                found.append(
                    (Problem(dotted(where), shown_value(error.value), error.message), where)
                )
    return found


def _child(data: Any, key: Any) -> Any:
    try:
        return data[key]
    except (KeyError, IndexError, TypeError):
        return MISSING


def dotted(path: ShapePath) -> str:
    """A key path as errors write it: ``$.pathways[0].fees[1].amount``."""
    text = "$"
    for key in path:
        if isinstance(key, int):
            text += f"[{key}]"
        elif _NAME.fullmatch(key):
            text += f".{key}"
        else:
            text += f'["{key}"]'
    return text


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
