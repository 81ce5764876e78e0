"""Facts for generated holders, read from a credential's own rules: every fact the rules read,
so that each generated holder can be evaluated, and each fact that decides something taken
both ways, so that every rule is reached."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from recertlib.inputs.facts import BIRTH_DATE, FIRST_RENEWAL, MEMBER, ORIGINALLY_ISSUED_ON
from recertlib.quantities.dates import Date
from recertlib.rules import (
    AfterBirthdays,
    CredentialSpec,
    Cycle,
    CycleNumber,
    FactIs,
    FactKind,
    InFirstCycle,
)

BIRTH_DATES = ("1990-06-15", "1992-02-29")
"""The birth dates generated holders are given: a mid-year one, and a leap day."""


def _walk(value: Any) -> Iterator[Any]:
    """Every object inside ``value``: its attrs fields and tuple items, all the way down."""
    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, tuple | list | frozenset):
            stack.extend(item)
        elif attrs.has(type(item)):
            stack.extend(getattr(item, field.name) for field in attrs.fields(type(item)))


def read_facts(spec: CredentialSpec) -> dict[str, FactKind]:
    """The facts ``spec``'s rules read, with their kinds, as far as its shapes tell."""
    found: dict[str, FactKind] = {fact.name: fact.kind for fact in spec.facts}
    for item in _walk(spec.rule_sets):
        if isinstance(item, AfterBirthdays):
            found[BIRTH_DATE] = FactKind.DATE
        if isinstance(item, InFirstCycle) or (isinstance(item, Cycle) and item.first):
            found.setdefault(FIRST_RENEWAL, FactKind.BOOLEAN)
        if isinstance(item, CycleNumber) or (isinstance(item, Cycle) and item.outer):
            found.setdefault(ORIGINALLY_ISSUED_ON, FactKind.DATE)
        if isinstance(item, FactIs):
            kind = {bool: FactKind.BOOLEAN, Decimal: FactKind.DECIMAL, str: FactKind.TEXT}
            found.setdefault(item.name, kind.get(type(item.value), FactKind.DATE))
    return found


def derived_facts(spec: CredentialSpec, certified_on: Date) -> list[dict[str, object]]:
    """Sets of facts for holders certified on ``certified_on``: one with every fact the rules
    read, then one for each fact that can be taken the other way (a boolean the other way up,
    the other birth date, a first cycle rather than a later one)."""
    kinds = read_facts(spec)
    base: dict[str, object] = {}
    others: list[dict[str, object]] = []
    for name, kind in sorted(kinds.items()):
        if name == BIRTH_DATE:
            base[name] = BIRTH_DATES[0]
            others.append({name: BIRTH_DATES[1]})
        elif name == ORIGINALLY_ISSUED_ON:
            # Later in the series by default; the first cycle as the other way.
            base[name] = certified_on.subtract(years=6).isoformat()
            others.append({name: certified_on.isoformat(), FIRST_RENEWAL: True})
        elif name == FIRST_RENEWAL:
            base[name] = False
            if ORIGINALLY_ISSUED_ON not in kinds:  # else taken with the issue date, above
                others.append({name: True})
        elif kind is FactKind.BOOLEAN:
            base[name] = name != MEMBER  # members are the exception
            others.append({name: not base[name]})
        elif kind is FactKind.DATE:
            base[name] = certified_on.isoformat()
        elif kind is FactKind.DECIMAL:
            base[name] = "1"
        else:
            base[name] = "x"
    found = [base]
    for other in others:
        variant = {**base, **other}
        if ORIGINALLY_ISSUED_ON in other and FIRST_RENEWAL not in kinds:
            variant.pop(FIRST_RENEWAL, None)  # the issue date says it alone
        if variant not in found:
            found.append(variant)
    return found
