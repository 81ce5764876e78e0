"""Whether the facts the rules' conditions ask about can ever be given as asked: a fact named
like one the credential knows but spelt otherwise, or asked for a value of another kind than
the fact holds, would make its condition silently never hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import attrs

from recertlib.inputs.facts import (
    BIRTH_DATE,
    FIRST_RENEWAL,
    INACTIVE,
    MEMBER,
    ORIGINALLY_ISSUED_ON,
)
from recertlib.rules import CredentialSpec, FactIs, FactKind

_KINDS: dict[FactKind, tuple[type, ...]] = {
    FactKind.BOOLEAN: (bool,),
    FactKind.DATE: (date,),
    FactKind.DECIMAL: (Decimal,),
    FactKind.TEXT: (str,),
}
_STANDARD_KINDS = {
    BIRTH_DATE: FactKind.DATE,
    MEMBER: FactKind.BOOLEAN,
    FIRST_RENEWAL: FactKind.BOOLEAN,
    ORIGINALLY_ISSUED_ON: FactKind.DATE,
    INACTIVE: FactKind.BOOLEAN,
}


def fact_problems(spec: CredentialSpec) -> list[str]:
    """A :class:`~recertlib.rules.FactIs` anywhere in the rules that names a fact close to,
    but not, a standard or declared one (a typo: the condition would ask for a fact no caller
    gives), or that asks a fact of a known kind for a value of another kind (it could never
    hold)."""
    kinds = {**{fact.name: fact.kind for fact in spec.facts}, **_STANDARD_KINDS}
    problems: list[str] = []
    for rule_set in spec.rule_sets:
        for path, condition in _fact_conditions(rule_set, ""):
            where = f"rule set {rule_set.id!r}: {path.lstrip('.')}"
            kind = kinds.get(condition.name)
            if kind is None:
                meant = next(
                    (known for known in sorted(kinds) if _misspelt(condition.name, known)), None
                )
                if meant is not None:
                    problems.append(
                        f"{where}: the fact {condition.name!r} is neither a standard fact nor"
                        f" one the credential declares; did you mean {meant!r}? (a fact of"
                        " the plugin's own is declared on the spec, as [[facts]] in data)"
                    )
            elif not isinstance(condition.value, _KINDS[kind]):
                problems.append(
                    f"{where}: asks whether the fact {condition.name!r} is"
                    f" {condition.value!r}, but it is a {kind.value} fact: the condition could"
                    " never hold"
                )
    return problems


def _misspelt(name: str, known: str) -> bool:
    """Whether ``name`` is ``known`` with one letter left out, added, changed or two swapped:
    a typo, rather than a fact of its own named alike (``nonmember`` beside ``member``,
    ``state_2`` beside ``state_1``), which is read as the caller gives it."""
    if _digits_apart(name, known):
        return False
    if abs(len(name) - len(known)) > 1:
        return False
    if len(name) == len(known):
        apart = [i for i, (a, b) in enumerate(zip(name, known, strict=True)) if a != b]
        return len(apart) == 1 or (
            len(apart) == 2
            and apart[1] == apart[0] + 1
            and name[apart[0]] == known[apart[1]]
            and name[apart[1]] == known[apart[0]]
        )
    shorter, longer = sorted((name, known), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _digits_apart(name: str, known: str) -> bool:
    return len(name) == len(known) and all(
        a == b or (a.isdigit() and b.isdigit()) for a, b in zip(name, known, strict=True)
    )


def _fact_conditions(value: object, path: str) -> Iterator[tuple[str, FactIs]]:
    """Every :class:`~recertlib.rules.FactIs` within ``value``, with its path."""
    shape = type(value)
    if isinstance(value, FactIs):
        yield path, value
    elif attrs.has(shape):
        for field in attrs.fields(shape):
            yield from _fact_conditions(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _fact_conditions(item, f"{path}[{index}]")


__all__ = ["fact_problems"]
