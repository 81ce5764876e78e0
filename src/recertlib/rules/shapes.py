"""The standard shapes of each protocol of the rules, by the name data gives them.

A field typed by a protocol (an :class:`~recertlib.rules.ExpiryRule`, a
:class:`~recertlib.rules.DateRule`, a :class:`~recertlib.rules.Requirement`, a
:class:`~recertlib.rules.Condition`) holds one of these shapes, named by its class name under
the key ``"shape"`` wherever rules are written as data: in JSON (:mod:`recertlib.io`)
and in rules files (:mod:`recertlib.rules.data`). A plugin's own implementation is named there
only when the plugin registers it (:func:`~recertlib.plugins.hookspecs.register_shapes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from recertlib.rules.facts import (
    And,
    Condition,
    CycleNumber,
    FactIs,
    InFirstCycle,
    InInnerCycle,
    Not,
    Or,
)
from recertlib.rules.requirements import AtLeast, Measure, Minimum, Requirement
from recertlib.rules.schedule import (
    AfterBirthdays,
    AfterExpiry,
    AfterStart,
    BeforeExpiry,
    DateRule,
    DayAfter,
    DayBeforeAnniversary,
    Earliest,
    ExpiryRule,
    Extended,
    FirstOfMonth,
    FixedDayOfYear,
    LastOfMonth,
    Latest,
    Offset,
    OnDate,
    OnOrAfter,
    SpanAfter,
)

SHAPE_KEY = "shape"
"""The key that names a rule's shape where rules are data."""

SHAPES: Mapping[Any, tuple[type, ...]] = {
    Condition: (FactIs, InFirstCycle, InInnerCycle, CycleNumber, And, Or, Not, OnOrAfter),
    DateRule: (
        AfterExpiry,
        BeforeExpiry,
        AfterStart,
        OnDate,
        DayAfter,
        Earliest,
        Latest,
        Offset,
        FirstOfMonth,
        LastOfMonth,
    ),
    ExpiryRule: (SpanAfter, FixedDayOfYear, AfterBirthdays, DayBeforeAnniversary, Extended),
    Requirement: (Minimum, Measure, AtLeast),
}
"""The standard shapes of each protocol, which data can name."""

VARIADIC: tuple[type, ...] = (Earliest, Latest, InInnerCycle, AtLeast, And, Or, Extended)
"""Shapes whose constructors take their members as positional arguments (``Earliest(a, b)``):
data builds them through the fields attrs gives them."""


_METHODS: Mapping[str, tuple[str, ...]] = {
    "ExpiryRule": ("expiry", "describe"),
    "DateRule": ("on", "describe"),
    "Requirement": ("demands", "measured_units", "assess", "describe"),
    "Condition": ("holds", "describe"),
}


def protocols_of(shape: type) -> list[str]:
    """The protocols of the rules a class implements, by name (its methods say)."""
    return [
        protocol
        for protocol, methods in _METHODS.items()
        if all(callable(getattr(shape, method, None)) for method in methods)
    ]


def shape_problem(name: object, shape: object) -> str | None:
    """What is wrong with registering ``shape`` under ``name`` for rules files, or ``None``."""
    standard = {known.__name__ for shapes in SHAPES.values() for known in shapes}
    if not isinstance(name, str) or "." not in name.strip(".") or name != name.strip():
        return (
            f"registers a shape under {name!r}: a name needs the plugin's own prefix and a dot"
            " ('demo.QuarterEndAfter')"
        )
    if name in standard:
        return f"registers a shape under {name!r}, the name of a standard shape"
    if not isinstance(shape, type) or not attrs.has(shape):
        return f"registers {shape!r} as the shape {name!r}: a shape is an attrs class"
    if not protocols_of(shape):
        return (
            f"registers {shape.__qualname__} as the shape {name!r}, but it implements no"
            " protocol of the rules (ExpiryRule, DateRule, Requirement, Condition)"
        )
    return None
