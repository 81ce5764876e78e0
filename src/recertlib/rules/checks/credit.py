"""Whether the continuing education rules agree with themselves, and whether each minimum can be
met: its selector naming areas, units and approval the rules know, some conversion giving the
credit it counts, and no caps holding all of that credit below its amount."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from recertlib.quantities.units import related_units, targets
from recertlib.rules import (
    AtLeast,
    ContinuingEducation,
    Conversion,
    Measure,
    Minimum,
    Requirement,
    Selector,
)


def credit_problems(rules: ContinuingEducation) -> list[str]:
    return [*_consistency_problems(rules), *_unsatisfiable(rules)]


def _consistency_problems(rules: ContinuingEducation) -> list[str]:
    problems: list[str] = []
    units = Counter(conversion.unit for conversion in rules.conversions)
    problems.extend(f"unit {unit!r} is converted {n} times" for unit, n in units.items() if n > 1)
    refused = Counter(refusal.unit for refusal in rules.refused_units)
    problems.extend(f"unit {unit!r} is refused {n} times" for unit, n in refused.items() if n > 1)
    problems.extend(
        f"unit {unit!r} is both converted and refused" for unit in refused if unit in units
    )
    minimums = [minimum for _, minimum in _minimums_with_paths(rules)]
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
    if rules.areas is not None and not rules.areas:
        problems.append(
            "continuing_education.areas is an empty set, so no credit can count"
            " (None means the body does not sort credit by area)"
        )
    for index, overflow in enumerate(rules.overflows):
        if not overflow.from_areas:
            problems.append(f"continuing_education.overflows[{index}].from_areas is empty")
    for path, requirement in _requirements_with_paths(rules):
        if isinstance(requirement, Measure) and not requirement.units:
            problems.append(f"{path} {requirement.name!r}: units is an empty set")
    return problems


# What credit can be: the unit of the conversion that takes it, the area it counts in, whether
# it is approved, whether it counts there only by an overflow, and the common unit it was
# recorded in when the common relations converted it.
_Kind = tuple[str, str | None, bool, bool, str | None]


def _taken_through_relations(rules: ContinuingEducation) -> list[tuple[str, Conversion]]:
    """Each common unit the conversions do not name that the relations convert into one they
    do, with that conversion."""
    if not rules.common_units_convert:
        return []
    named = [conversion.unit for conversion in rules.conversions]
    found = []
    for unit in related_units(named):
        if rules.refusal_of(unit) is not None:
            continue
        into = rules.conversion_for(targets(unit, named)[0])
        assert into is not None
        found.append((unit, into))
    return found


def _kinds(rules: ContinuingEducation) -> list[_Kind]:
    kinds: list[_Kind] = []
    taken: list[tuple[str | None, Conversion]] = [
        (None, conversion) for conversion in rules.conversions
    ]
    taken += _taken_through_relations(rules)
    for recorded_in, conversion in taken:
        factors = [conversion.factor, *(tier.factor for tier in conversion.tiers)]
        if not any(factor > 0 for factor in factors):
            continue  # it gives no credit at all
        recorded: Iterable[str | None] = (
            [conversion.area]
            if conversion.area is not None
            else sorted(rules.areas)
            if rules.areas is not None
            else [None]
        )
        approvals = (
            [conversion.approved]
            if conversion.approved is not None
            else [True]
            if rules.approval_required
            else [True, False]
        )
        for area in recorded:
            counted = rules.areas_for(area, frozenset())
            for counts_in in sorted(counted, key=str):
                for approved in approvals:
                    kinds.append(
                        (conversion.unit, counts_in, approved, counts_in != area, recorded_in)
                    )
    return kinds


def _selects(selector: Selector, kind: _Kind) -> bool:
    unit, area, approved, _, recorded_in = kind
    tags = selector.tags or frozenset()  # an activity may carry any tag
    return selector.matches(
        area=area, approved=approved, unit=unit, tags=tags, recorded_in=recorded_in
    )


def _unsatisfiable(rules: ContinuingEducation) -> list[str]:
    """Minimums that no credit can meet, and selectors naming units nothing converts."""
    problems: list[str] = []
    named = {conversion.unit for conversion in rules.conversions}
    related = sorted(unit for unit, _ in _taken_through_relations(rules))
    converted = named | set(related)
    also = f"; through the common relations also {related}" if related else ""
    kinds = _kinds(rules)
    checked: list[tuple[str, str, Selector]] = [
        (f"continuing_education.caps[{index}]", f"cap {cap.name!r}", cap.selector)
        for index, cap in enumerate(rules.caps)
    ]
    minimums = list(_minimums_with_paths(rules))
    checked.extend((path, f"minimum {m.name!r}", m.selector) for path, m in minimums)
    for path, name, selector in checked:
        if selector.units is not None and (unknown := selector.units - converted):
            problems.append(
                f"{path}: {name} selects units {sorted(unknown)} that no conversion takes"
                f" (the conversions take {sorted(named)}{also})"
            )
    for path, minimum in minimums:
        selector = minimum.selector
        if minimum.amount <= 0:
            continue
        if selector.areas is not None and rules.areas is None:
            continue  # reported already: the rules list no areas
        if selector.approved is not None and rules.approver is None:
            continue  # reported already: the rules name no approver
        matched = [kind for kind in kinds if _selects(selector, kind)]
        if not matched:
            problems.append(
                f"{path}: minimum {minimum.name!r} can never be met: no conversion gives"
                f" credit {selector.describe()}"
            )
            continue
        if rules.overflows:
            continue  # where overflowed credit counts against a cap is the engine's to say
        bound = _capped_at(rules, selector, matched)
        if bound is not None and bound[0] < minimum.amount:
            caps = " and ".join(f"{cap.name!r} ({cap.amount})" for cap in bound[1])
            problems.append(
                f"{path}: minimum {minimum.name!r} ({minimum.amount}) can never be met: every"
                f" credit it counts is under cap {caps}, at most {bound[0]} in all"
            )
    return problems


_MAX_CAPS_COMBINED = 10
"""The most caps combined into one cover of a minimum's credit."""
COVERS_TRIED = 100_000
"""The most combinations of caps tried as covers of one minimum's credit, smallest first, so
that registration stays quick however many caps a rule set has (with 24 caps over one
minimum's credit, every combination of up to ten would be 4.5 million). Any cover found is a
true bound, so what is refused is always unmeetable; past the limit a cheaper cover may go
unfound, and the minimum is then left to the evaluation, which reports its shortfall."""


def _capped_at(
    rules: ContinuingEducation, selector: Selector, matched: Sequence[_Kind]
) -> tuple[Decimal, tuple[Any, ...]] | None:
    """The least total of caps that together cover every kind of credit ``matched``, with
    those caps; ``None`` when some kind is under no cap."""
    covering = []
    for cap in rules.caps:
        tags = cap.selector.tags
        if tags is not None and (selector.tags is None or not selector.tags <= tags):
            continue  # credit without its tags escapes it
        covered = frozenset(kind for kind in matched if _selects(cap.selector, kind))
        if covered:
            covering.append((cap, covered))
    wanted = frozenset(matched)
    if frozenset().union(*(covered for _, covered in covering)) != wanted:
        return None  # no combination of caps covers it all
    best: tuple[Decimal, tuple[Any, ...]] | None = None
    most = min(len(covering), _MAX_CAPS_COMBINED)
    combinations = itertools.chain.from_iterable(
        itertools.combinations(covering, size) for size in range(1, most + 1)
    )
    for chosen in itertools.islice(combinations, COVERS_TRIED):
        if frozenset().union(*(covered for _, covered in chosen)) != wanted:
            continue
        total = sum((cap.amount for cap, _ in chosen), Decimal(0))
        if best is None or total < best[0]:
            best = (total, tuple(cap for cap, _ in chosen))
    return best


def _minimums_with_paths(rules: ContinuingEducation) -> Iterator[tuple[str, Minimum]]:
    for path, requirement in _requirements_with_paths(rules):
        if isinstance(requirement, Minimum):
            yield path, requirement


def _requirements_with_paths(rules: ContinuingEducation) -> Iterator[tuple[str, Requirement]]:
    if rules.total is not None:
        yield "continuing_education.total", Minimum("Total", Selector(), rules.total)
    for index, minimum in enumerate(rules.minimums):
        yield f"continuing_education.minimums[{index}]", minimum
    for index, requirement in enumerate(rules.requirements):
        yield from _walk(f"continuing_education.requirements[{index}]", requirement)


def _walk(path: str, requirement: Requirement) -> Iterator[tuple[str, Requirement]]:
    yield path, requirement
    if isinstance(requirement, AtLeast):
        for index, member in enumerate(requirement.members):
            yield from _walk(f"{path}.members[{index}]", member)
