"""Turning recertlib's types into JSON-ready data and back, with errors that say where.

recertlib builds its own :class:`cattrs.Converter` (:func:`make_converter`; never cattrs'
global one): dates travel as ``YYYY-MM-DD``, amounts of credit as decimal strings (so no float
ever rounds them), sets as lists and enums as their values. Unknown keys in input are refused,
so that a misspelt field is reported rather than ignored; a text field takes only text
(``null``, ``true``, a number or a list is refused, never turned into text), a list of names
only a list of strings (never an object's keys or a string's letters).

A field typed by a protocol of the rules (an :class:`~recertlib.rules.ExpiryRule`, a
:class:`~recertlib.rules.DateRule`, a :class:`~recertlib.rules.Requirement`, a
:class:`~recertlib.rules.Condition`) holds one of its standard shapes, a tagged union whose
tag, ``"shape"``, names the class (:func:`cattrs.strategies.configure_tagged_union`).
"""

from __future__ import annotations

import functools
import json
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.json import make_converter as make_json_converter
from cattrs.strategies import configure_tagged_union

from recertlib.errors import (
    MISSING,
    FieldValueError,
    InvalidInput,
    Problem,
    nesting_depth,
    shown,
    shown_value,
)
from recertlib.fields import TEXT_CHECKS, register_strict_hooks
from recertlib.inputs import Activity, Credential, Facts, Holder, Person, PersonCredential
from recertlib.io.encoders import Encoders
from recertlib.io.plain import plain_structure_fn
from recertlib.quantities.amounts import parse_amount
from recertlib.quantities.dates import Date, to_date
from recertlib.results import PathwayResult, RequirementResult, Verdict
from recertlib.rules.shapes import SHAPE_KEY, SHAPES, VARIADIC

T = TypeVar("T")

# Shapes whose constructors take their members as positional arguments (``Earliest(a, b)``)
# are built through the fields attrs gives them.
_VARIADIC = VARIADIC

# Output types also carry what their properties derive, so that JSON readers need no logic of
# their own; structuring drops those keys again, since the properties recompute them.
_DERIVED: Mapping[type, Mapping[str, Callable[[Any], Any]]] = {
    RequirementResult: {
        "shortfall": lambda r: r.shortfall,
        "met": lambda r: r.met,
        "missing": lambda r: r.missing,
    },
    PathwayResult: {
        "requirements_met": lambda p: p.requirements_met,
        "can_recertify_now": lambda p: p.can_recertify_now,
        "missing": lambda p: p.missing,
    },
    Verdict: {
        "summary": lambda v: v.summary,
        "expires_on": lambda v: v.expires_on,
        "lapsed_on": lambda v: v.lapsed_on,
        "recommended_pathway": lambda v: v.recommended.name if v.recommended else None,
        "waiting_for": lambda v: v.waiting_for.name if v.waiting_for else None,
        "continuing_education_closes_on": lambda v: v.continuing_education_closes_on,
        "fee_due": lambda v: v.fee_due,
        "next_expiry": lambda v: v.next_expiry,
    },
}


def make_converter() -> Converter:
    """A new converter for every public type, configured as this module says: an application
    that needs hooks of its own adds them to its own copy."""
    converter = make_json_converter(forbid_extra_keys=True, omit_if_default=False)
    _configure_values(converter)
    _configure_shapes(converter)
    _configure_derived(converter)
    return converter


@functools.cache
def default_converter() -> Converter:
    """The converter :func:`structure` and :func:`unstructure` use, made on first use."""
    return make_converter()


def _configure_values(converter: Converter) -> None:
    converter.register_structure_hook(Date, lambda value, _: to_date(value))
    converter.register_unstructure_hook(Date, lambda value: value.isoformat())
    # Amounts read back are checked as numerals here; an activity's own converter then
    # applies the range and precision of an amount of credit (to_amount).
    converter.register_structure_hook(Decimal, lambda value, _: parse_amount(value))
    converter.register_unstructure_hook(Decimal, lambda value: format(value, "f"))
    register_strict_hooks(converter)
    # A set is written as a sorted list, so that one input gives the same bytes whatever
    # the hash seed: the hook takes every frozenset[...] field, not only a bare frozenset.
    converter.register_unstructure_hook_func(_is_frozenset, _sorted_list)
    # Plugin-defined facts stand beside the standard ones, as callers write them.
    converter.register_structure_hook(Facts, _structure_facts)
    converter.register_unstructure_hook(
        Facts,
        lambda facts: {
            name: converter.unstructure(value) for name, value in facts.as_mapping().items()
        },
    )


def _is_frozenset(kind: Any) -> bool:
    return kind is frozenset or get_origin(kind) is frozenset


def _sorted_list(values: frozenset[Any]) -> list[Any]:
    return sorted(values, key=lambda value: (type(value).__name__, value))


def _structure_facts(data: Any, _: Any) -> Facts:
    if isinstance(data, Facts):
        return data
    if not isinstance(data, Mapping):
        raise ValueError(f"expected an object of facts, got {shown(data)}")
    return Facts.from_mapping(data)


def _configure_shapes(converter: Converter) -> None:
    # A shape's fields may hold the protocol again (DayAfter holds a DateRule): each protocol
    # first delegates to its union, lazily, so that every member's hook can find it.
    unions = {protocol: Union[shapes] for protocol, shapes in SHAPES.items()}  # noqa: UP007
    for protocol, union in unions.items():
        _delegate_protocol(converter, protocol, union)
    for shape in _VARIADIC:
        converter.register_structure_hook(shape, _variadic_shape_hook(converter, shape))
    for union in unions.values():
        configure_tagged_union(union, converter, tag_name=SHAPE_KEY)


def _delegate_protocol(converter: Converter, protocol: Any, union: Any) -> None:
    shapes = {shape.__name__: shape for shape in get_args(union)}
    known = ", ".join(sorted(shapes))

    def structure_shape(data: Any, _: Any) -> Any:
        if not isinstance(data, Mapping) or data.get(SHAPE_KEY) not in shapes:
            raise ValueError(f"expected an object with {SHAPE_KEY!r} one of: {known}")
        return converter.structure(data, union)

    def unstructure_shape(value: Any) -> dict[str, Any]:
        if type(value) not in shapes.values():
            # A plugin's own implementation is named but cannot be read back: only its
            # plugin knows how to build it.
            data = {}
            if attrs.has(type(value)):
                data = converter.unstructure(value, unstructure_as=type(value))
            return {SHAPE_KEY: type(value).__name__, **data}
        tagged: dict[str, Any] = converter.unstructure(value, unstructure_as=union)
        # The tag first, where a reader looks for it.
        return {SHAPE_KEY: tagged.pop(SHAPE_KEY), **tagged}

    optional = protocol | None
    converter.register_structure_hook_func(lambda kind: kind is protocol, structure_shape)
    converter.register_unstructure_hook_func(lambda kind: kind is protocol, unstructure_shape)
    converter.register_structure_hook_func(
        lambda kind: kind == optional,
        lambda data, kind: None if data is None else structure_shape(data, kind),
    )
    converter.register_unstructure_hook_func(
        lambda kind: kind == optional,
        lambda value: None if value is None else unstructure_shape(value),
    )


def _variadic_shape_hook(converter: Converter, shape: type) -> Callable[[Any, Any], Any]:
    hints = typing.get_type_hints(shape)

    def structure_variadic(data: Any, _: Any) -> Any:
        fields = attrs.fields_dict(shape)
        unknown = sorted(set(data) - set(fields) - {SHAPE_KEY})
        if unknown:
            raise ForbiddenExtraKeysError("", shape, set(unknown))
        given = {
            name: converter.structure(data[name], hints[name]) for name in fields if name in data
        }
        built: Any = object.__new__(shape)
        built.__attrs_init__(**given)
        return built

    return structure_variadic


def _configure_derived(converter: Converter) -> None:
    for kind, derived in _DERIVED.items():
        unstructure_fields: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            kind, converter
        )
        structure_fields: Callable[[Any, Any], Any] = make_dict_structure_fn(
            kind, converter, _cattrs_forbid_extra_keys=True
        )
        converter.register_unstructure_hook(
            kind, _with_derived(converter, unstructure_fields, derived)
        )
        converter.register_structure_hook(kind, _without_derived(kind, structure_fields, derived))


def _with_derived(
    converter: Converter,
    unstructure_fields: Callable[[Any], dict[str, Any]],
    derived: Mapping[str, Callable[[Any], Any]],
) -> Callable[[Any], dict[str, Any]]:
    def unstructure_with_derived(value: Any) -> dict[str, Any]:
        data = unstructure_fields(value)
        data.update({name: converter.unstructure(get(value)) for name, get in derived.items()})
        return data

    return unstructure_with_derived


def _without_derived(
    kind: type,
    structure_fields: Callable[[Any, Any], Any],
    derived: Mapping[str, Callable[[Any], Any]],
) -> Callable[[Any, Any], Any]:
    def structure_without_derived(data: Any, _: Any) -> Any:
        if isinstance(data, Mapping):
            data = {key: item for key, item in data.items() if key not in derived}
        return structure_fields(data, kind)

    return structure_without_derived


@functools.cache
def _plain_readers() -> Mapping[type, Callable[[Any], Any]]:
    readers = {kind: plain_structure_fn(kind) for kind in PLAIN_RECORDS}
    return {kind: reader for kind, reader in readers.items() if reader is not None}


PLAIN_RECORDS = (Holder, Person, Credential, PersonCredential, Activity)
"""The records read in bulk, which well-formed input reads in one pass
(:mod:`recertlib.io.plain`)."""


def read_plain(data: Any, kind: type[T]) -> T | None:
    """``data`` as a ``kind`` when it is a well-formed record in the plain form JSON gives
    (:mod:`recertlib.io.plain`), read in one pass; ``None`` otherwise, for :func:`structure`
    to read and report on."""
    reader = _plain_readers().get(kind)
    if reader is None:
        return None
    try:
        found: T = reader(data)
    except Exception:
        return None
    return found


def structure(data: Any, kind: type[T], *, record: str | None = None) -> T:
    """``data`` as an instance of ``kind``.

    :raises InvalidInput: naming every bad field, with its path from ``$`` and its value.
    """
    plain = read_plain(data, kind)
    if plain is not None:
        return plain
    try:
        return default_converter().structure(data, kind)
    except (
        ClassValidationError,
        IterableValidationError,
        TypeError,
        ValueError,
        KeyError,
        AttributeError,
    ) as error:
        problems = problems_in(error, data)
    except RecursionError:
        problems = [Problem("$", _summary(data), "nested too deeply to read")]
    # Raised outside the handler, so that the error carries no __context__: where tblib's
    # pickling of exceptions is installed (importing distributed does), a cattrs error in it
    # would travel along with the outcome to another process and could not be rebuilt there.
    raise InvalidInput(problems, record)


@functools.cache
def _encoders() -> Encoders:
    # The facts' hook writes plugin-defined facts beside the standard ones.
    return Encoders(default_converter(), (Verdict, Holder, Person), _DERIVED, (Facts,))


def unstructure(value: Any) -> Any:
    """``value`` as JSON-ready data (dicts, lists, strings, numbers, booleans and ``None``)."""
    encoder = _encoders().for_type(type(value))
    if encoder is not None:
        return encoder(value)
    return default_converter().unstructure(value)


def structure_holder(data: Any, *, record: str | None = None) -> Holder:
    """A :class:`~recertlib.Holder` from the data of one holder-file record."""
    return structure(data, Holder, record=record)


def problems_in(error: BaseException, data: Any, path: str = "$") -> list[Problem]:
    """Every problem in a cattrs validation error, each with its path and the value there.

    This is :func:`cattrs.transform_error` with the offending values kept.
    """
    if isinstance(error, IterableValidationError):
        by_index, without = error.group_exceptions()
        problems = [
            problem
            for inner, at in by_index
            for problem in problems_in(inner, _child(data, at.index), _index(path, at.index))
        ]
    elif isinstance(error, ClassValidationError):
        by_field, without = error.group_exceptions()
        problems = [
            problem
            for inner, on in by_field
            for problem in problems_in(inner, _child(data, on.name), _key(path, on.name))
        ]
        # cattrs stops before attrs' own validators run; run those that need no other field,
        # so that every bad field is reported at once (once: a field cattrs already refused,
        # such as a null where text belongs, is not reported again).
        reported = {problem.path for problem in problems}
        problems += [
            problem
            for problem in _text_problems(error.cl, data, path)
            if problem.path not in reported
        ]
    elif isinstance(error, FieldValueError):
        return [Problem(_key(path, error.field), shown_value(error.value), error.message)]
    elif isinstance(error, ForbiddenExtraKeysError):
        return [
            Problem(_key(path, name), shown_value(_child(data, name)), "unknown field")
            for name in sorted(error.extra_fields, key=str)
        ]
    else:
        value = MISSING if isinstance(error, KeyError) else shown_value(_summary(data))
        return [Problem(path, value, _describe(error))]
    problems += [problem for inner in without for problem in problems_in(inner, data, path)]
    # A text check may repeat what attrs found; values may be unhashable, so compare as text.
    unique = {(problem.path, problem.message, repr(problem.value)): problem for problem in problems}
    return list(unique.values())


def _text_problems(kind: type, data: Any, path: str) -> list[Problem]:
    if not (attrs.has(kind) and isinstance(data, Mapping)):
        return []
    problems = []
    for attribute in attrs.fields(kind):
        if attribute.validator in TEXT_CHECKS and attribute.name in data:
            try:
                attribute.validator(None, attribute, data[attribute.name])
            except FieldValueError as error:
                problems.append(
                    Problem(_key(path, error.field), shown_value(error.value), error.message)
                )
    return problems


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)


def _key(path: str, name: object) -> str:
    """The path of the field ``name`` under ``path``: ``$.credential.holder``, or for a key that
    is not a plain name ``$.credential["odd key"]``, so that every path reads one way."""
    if isinstance(name, str) and _IDENTIFIER.fullmatch(name):
        return f"{path}.{name}"
    return f"{path}[{json.dumps(name) if isinstance(name, str) else repr(name)}]"


def _index(path: str, index: object) -> str:
    return f"{path}[{index!r}]"


def _child(data: Any, key: Any) -> Any:
    try:
        return data[key]
    except (KeyError, IndexError, TypeError):
        return MISSING


def _summary(data: Any) -> Any:
    # A whole record is too long to repeat in a message about it; its keys say enough.
    if isinstance(data, Mapping) and nesting_depth(data, 3) > 1:
        return f"{{{', '.join(map(str, data))}}}"
    return data


def _describe(error: BaseException) -> str:
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, ForbiddenExtraKeysError):
        return f"unknown fields: {', '.join(sorted(error.extra_fields))}"
    if isinstance(error, AttributeError):
        return "expected an object of named fields"
    return str(error) or type(error).__name__


__all__ = [
    "SHAPES",
    "SHAPE_KEY",
    "default_converter",
    "make_converter",
    "problems_in",
    "structure",
    "structure_holder",
    "unstructure",
]
