"""Checks a credential's rules for what attrs validators cannot see: how the parts fit together.

A plugin's spec that fails here is refused when it is registered, so that a mistake in a rule
set is an error naming the plugin, never a wrong verdict later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import pendulum

from recertlib.rules import (
    CITATION,
    AfterStart,
    AtLeast,
    ContinuingEducation,
    CredentialSpec,
    CycleDates,
    DayAfter,
    Earliest,
    Latest,
    Minimum,
    OnDate,
    Part,
    Pathway,
    PathwayKind,
    SelectBy,
    Selector,
)


def spec_problems(spec: CredentialSpec) -> list[str]:
    """Every problem found in ``spec``; an empty list when it can be used."""
    problems: list[str] = []
    if not spec.rule_sets:
        return [f"{spec.label}: no rule sets"]
    for rule_set_id, count in Counter(rule_set.id for rule_set in spec.rule_sets).items():
        if count > 1:
            problems.append(f"rule set id {rule_set_id!r} is used {count} times")
    for part in Part:
        history = spec.history(part)
        if not history:
            problems.append(f"no rule set states the {part.value} rules")
        dates = Counter(rule_set.effective_from for rule_set in history)
        for date, count in dates.items():
            if count > 1:
                problems.append(f"{count} rule sets state the {part.value} rules from {date}")
    keys = Counter(source.key for source in spec.sources)
    problems.extend(f"source [{key}] is defined {n} times" for key, n in keys.items() if n > 1)
    for rule_set in spec.rule_sets:
        fees = [fee for pathway in rule_set.pathways or () for fee in pathway.fees]
        for citing in [rule_set.source, *(fee.source for fee in fees)]:
            problems.extend(
                f"rule set {rule_set.id!r} cites [{key}], which no source defines"
                for key in CITATION.findall(citing)
                if key not in keys
            )
    if spec.selection.cycle is SelectBy.EXPIRES_ON:
        problems.append("the cycle rules cannot be selected by the expiry date they compute")
    for rule_set in spec.rule_sets:
        where = f"rule set {rule_set.id!r}"
        if not any(rule_set.states(part) for part in Part):
            problems.append(f"{where} states no part of the rules")
        if rule_set.continuing_education is not None:
            problems.extend(
                f"{where}: {p}" for p in _education_problems(rule_set.continuing_education)
            )
        if rule_set.pathways is not None:
            problems.extend(f"{where}: {p}" for p in _pathway_problems(rule_set.pathways))
    return [f"{spec.label}: {problem}" for problem in problems]


def _education_problems(rules: ContinuingEducation) -> list[str]:
    problems: list[str] = []
    units = Counter(conversion.unit for conversion in rules.conversions)
    problems.extend(f"unit {unit!r} is converted {n} times" for unit, n in units.items() if n > 1)
    minimums = list(_minimums(rules.all_requirements()))
    selectors: list[tuple[str, Selector]] = [
        *((f"minimum {m.name!r}", m.selector) for m in minimums),
        *((f"cap {c.name!r}", c.selector) for c in rules.caps),
    ]
    for name, selector in selectors:
        if selector.approved is not None and rules.approver is None:
            problems.append(f"{name} asks about approval, but the rules name no approver")
        if selector.areas is not None:
            if rules.areas is None:
                problems.append(f"{name} selects areas, but the rules list none")
            elif unknown := selector.areas - rules.areas:
                problems.append(f"{name} selects unknown areas {sorted(unknown)}")
    for minimum in rules.minimums:
        if rules.total is not None and minimum.amount > rules.total:
            problems.append(
                f"minimum {minimum.name!r} ({minimum.amount}) exceeds the total ({rules.total})"
            )
    for conversion in rules.conversions:
        if (
            conversion.area is not None
            and rules.areas is not None
            and conversion.area not in rules.areas
        ):
            problems.append(
                f"unit {conversion.unit!r} converts into unknown area {conversion.area!r}"
            )
    if rules.approval_required and rules.approver is None:
        problems.append("approval is required, but the rules name no approver")
    return problems


def _pathway_problems(pathways: tuple[Pathway, ...]) -> list[str]:
    problems: list[str] = []
    if not pathways:
        problems.append("offers no pathway")
    for pathway in pathways:
        name = f"pathway {pathway.name!r}"
        if pathway.kind is PathwayKind.CONTINUING_EDUCATION and not pathway.requires_credit:
            problems.append(f"{name} is by continuing education but requires no credit")
        # A fixed date (the end of a transition) closes a pathway before some cycles even
        # begin, by design.
        if pathway.closes is None or _has_fixed_date(pathway.closes):
            continue
        never = [
            dates.expires_on
            for dates in _PROBES
            if pathway.closes.on(dates) < (pathway.opens or AfterStart()).on(dates)
        ]
        if never:
            problems.append(f"{name} closes before it opens (for an expiry on {never[0]})")
    return problems


def _minimums(requirements: Iterable[object]) -> Iterator[Minimum]:
    for requirement in requirements:
        if isinstance(requirement, Minimum):
            yield requirement
        elif isinstance(requirement, AtLeast):
            yield from _minimums(requirement.members)


def _has_fixed_date(rule: object) -> bool:
    if isinstance(rule, OnDate):
        return True
    if isinstance(rule, Earliest | Latest):
        return any(_has_fixed_date(inner) for inner in rule.rules)
    return isinstance(rule, DayAfter) and _has_fixed_date(rule.rule)


# Month ends of long and short months and leap days, where spans of months and of days
# disagree most, each the end of a two-year cycle.
_PROBES = tuple(
    CycleDates(expiry.subtract(years=2).add(days=1), expiry)
    for expiry in (
        pendulum.date(2023, 1, 31),
        pendulum.date(2023, 2, 28),
        pendulum.date(2024, 2, 29),
        pendulum.date(2024, 4, 30),
        pendulum.date(2024, 12, 31),
    )
)
