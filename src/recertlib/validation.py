"""Checks a credential's rules for what attrs validators cannot see: how the parts fit together,
and whether they can ever be satisfied.

A plugin's spec that fails here is refused when it is registered, so that a mistake in a rule
set is an error naming the plugin, never a wrong verdict later. Each problem names the rule set
and the field it is in.

The dates rules compute are probed on many cycles rather than proved: cycles counted from the
first, the 15th and the last day of every month of four years (2023 to 2026, with a leap year)
and from the leap days 29 February 2024 and 2028, and cycles ending at each of those month ends
and leap days.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import pendulum

from recertlib.dates import Date
from recertlib.errors import InvalidInput
from recertlib.rules import (
    CITATION,
    AfterStart,
    AtLeast,
    ContinuingEducation,
    CredentialSpec,
    Cycle,
    CycleDates,
    DateRule,
    DayAfter,
    Earliest,
    FactReader,
    Facts,
    Latest,
    Measure,
    Minimum,
    OnDate,
    Part,
    Pathway,
    PathwayKind,
    Requirement,
    SelectBy,
    Selector,
)
from recertlib.rules.requirements import MAX_ALTERNATIVES, combined


def spec_problems(spec: CredentialSpec) -> list[str]:
    """Every problem found in ``spec``; an empty list when it can be used.

    A spec whose checks raise (a value its type let through, or a plugin's own rule that
    fails) has that as its problem, so that it is refused rather than evaluated.
    """
    try:
        return _spec_problems(spec)
    except Exception as error:
        return [f"{spec.label}: its rules could not be checked: {type(error).__name__}: {error}"]


def _spec_problems(spec: CredentialSpec) -> list[str]:
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
    cycles = [rule_set.cycle for rule_set in spec.rule_sets if rule_set.cycle is not None]
    inner_cycles = [None, *range(1, max(_inner_counts(cycles), default=0) + 1)]
    probes = _pathway_probes(spec, cycles)
    for rule_set in spec.rule_sets:
        where = f"rule set {rule_set.id!r}"
        if not any(rule_set.states(part) for part in Part):
            problems.append(f"{where} states no part of the rules")
        if rule_set.cycle is not None:
            problems.extend(f"{where}: {p}" for p in _cycle_problems(spec, rule_set.cycle))
        if rule_set.continuing_education is not None:
            education = rule_set.continuing_education
            problems.extend(f"{where}: {p}" for p in _education_problems(education))
            problems.extend(f"{where}: {p}" for p in _unsatisfiable(education))
            problems.extend(
                f"{where}: {p}" for p in _alternatives_problems(spec, education, inner_cycles)
            )
        if rule_set.pathways is not None:
            problems.extend(f"{where}: {p}" for p in _pathway_problems(rule_set.pathways, probes))
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


# What credit can be: its unit as recorded, the area it counts in, whether it is approved, and
# whether it counts there only by an overflow.
_Kind = tuple[str, str | None, bool, bool]


def _kinds(rules: ContinuingEducation) -> list[_Kind]:
    kinds: list[_Kind] = []
    for conversion in rules.conversions:
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
                    kinds.append((conversion.unit, counts_in, approved, counts_in != area))
    return kinds


def _selects(selector: Selector, kind: _Kind) -> bool:
    unit, area, approved, _ = kind
    tags = selector.tags or frozenset()  # an activity may carry any tag
    return selector.matches(area=area, approved=approved, unit=unit, tags=tags)


def _unsatisfiable(rules: ContinuingEducation) -> list[str]:
    """Minimums that no credit can meet, and selectors naming units nothing converts."""
    problems: list[str] = []
    converted = {conversion.unit for conversion in rules.conversions}
    kinds = _kinds(rules)
    checked: list[tuple[str, str, Selector]] = [
        (f"continuing_education.caps[{index}]", f"cap {cap.name!r}", cap.selector)
        for index, cap in enumerate(rules.caps)
    ]
    minimums = [
        (path, requirement)
        for path, requirement in _requirements_with_paths(rules)
        if isinstance(requirement, Minimum)
    ]
    checked.extend((path, f"minimum {m.name!r}", m.selector) for path, m in minimums)
    for path, name, selector in checked:
        if selector.units is not None and (unknown := selector.units - converted):
            problems.append(
                f"{path}: {name} selects units {sorted(unknown)} that no conversion takes"
                f" (the conversions take {sorted(converted)})"
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
    best: tuple[Decimal, tuple[Any, ...]] | None = None
    most = min(len(covering), _MAX_CAPS_COMBINED)
    for size in range(1, most + 1):
        for chosen in itertools.combinations(covering, size):
            if frozenset().union(*(covered for _, covered in chosen)) != wanted:
                continue
            total = sum((cap.amount for cap, _ in chosen), Decimal(0))
            if best is None or total < best[0]:
                best = (total, tuple(cap for cap, _ in chosen))
    return best


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


def _minimums(requirements: Iterable[object]) -> Iterator[Minimum]:
    for requirement in requirements:
        if isinstance(requirement, Minimum):
            yield requirement
        elif isinstance(requirement, AtLeast):
            yield from _minimums(requirement.members)


class _Unknown:
    """A fact nobody gave: each comparison with a value is a decision of the oracle, kept
    consistent within one run (a fact equal to one value equals no other)."""

    def __init__(self, name: str, oracle: _Oracle) -> None:
        self.name = name
        self.oracle = oracle

    def __eq__(self, other: object) -> bool:
        return self.oracle.equals(self.name, other)

    def __ne__(self, other: object) -> bool:
        return not self.oracle.equals(self.name, other)

    def __bool__(self) -> bool:
        return self.oracle.equals(self.name, True)

    __hash__ = object.__hash__


class _Oracle:
    """Answers the questions conditions ask about unknown facts along one path of decisions,
    taking ``False`` beyond the decisions given."""

    def __init__(self, decisions: list[bool]) -> None:
        self.decisions = decisions
        self.asked = 0
        self.values: dict[str, object] = {}
        self.not_values: dict[str, list[object]] = {}

    def decide(self) -> bool:
        if self.asked == len(self.decisions):
            self.decisions.append(False)
        answer = self.decisions[self.asked]
        self.asked += 1
        return answer

    def equals(self, name: str, value: object) -> bool:
        if name in self.values:
            return bool(self.values[name] == value)
        if any(value == excluded for excluded in self.not_values.get(name, ())):
            return False
        if self.decide():
            self.values[name] = value
            return True
        self.not_values.setdefault(name, []).append(value)
        return False


class _UnknownFacts(FactReader):
    """Facts of a holder nobody described, for the checks at registration: every fact is
    unknown, and a condition on one is taken both ways, one run each."""

    def __init__(self, spec: CredentialSpec, oracle: _Oracle) -> None:
        super().__init__(Facts(), credential=spec.label, holder="(any)", first_cycle=None)
        self.oracle = oracle

    def get(self, name: str) -> Any:
        return _Unknown(name, self.oracle)

    def require(self, name: str, why: str) -> Any:
        return _Unknown(name, self.oracle)

    def birth_date(self, why: str) -> Date:
        return pendulum.date(1990, 6, 15)

    def first_cycle(self, why: str) -> bool:
        return self.oracle.equals("(first cycle)", True)


_MAX_RUNS = 512
"""The most combinations of conditions tried per inner cycle."""
_TOO_MANY = f"more than {MAX_ALTERNATIVES} alternatives"


def _alternatives_problems(
    spec: CredentialSpec, rules: ContinuingEducation, inner_cycles: Sequence[int | None]
) -> list[str]:
    requirements = rules.all_requirements()
    for inner in inner_cycles:
        decisions: list[bool] | None = []
        runs = 0
        while decisions is not None and runs < _MAX_RUNS:
            runs += 1
            oracle = _Oracle(decisions)
            reader = _UnknownFacts(spec, oracle)
            try:
                combined([requirement.demands(reader, inner) for requirement in requirements])
            except ValueError as error:
                # combined() says so, in a group or across the requirements
                if _TOO_MANY in str(error):
                    in_inner = "" if inner is None else f" in inner cycle {inner}"
                    return [
                        f"continuing_education requirements offer more than {MAX_ALTERNATIVES}"
                        f" alternatives of credit{in_inner}; group them differently"
                    ]
            except Exception:
                pass  # a plugin's own requirement that needs real facts: not checked
            decisions = _next_decisions(oracle.decisions[: oracle.asked])
    return []


def _next_decisions(taken: list[bool]) -> list[bool] | None:
    """The next path of decisions to try after ``taken``, depth first; ``None`` when done."""
    while taken and taken[-1]:
        taken.pop()
    if not taken:
        return None
    taken[-1] = True
    return taken


def _inner_counts(cycles: Iterable[Cycle]) -> Iterator[int]:
    for cycle in cycles:
        if cycle.outer is not None:
            yield cycle.outer.inner_cycles


def _month_ends() -> list[Date]:
    ends = [
        pendulum.date(year, month, 1).end_of("month")
        for year in range(2023, 2027)
        for month in range(1, 13)
    ]
    return [*ends, pendulum.date(2028, 2, 29)]


_STARTS = tuple(
    sorted(
        {day for end in _month_ends() for day in (end.start_of("month"), end.replace(day=15), end)}
    )
)
"""The days a probed cycle is counted from."""
_BIRTH_DATES = (pendulum.date(1990, 6, 15), pendulum.date(1992, 2, 29), pendulum.date(1985, 12, 31))


def _readers(spec: CredentialSpec) -> Iterator[FactReader]:
    for born in _BIRTH_DATES:
        for first in (True, False):
            yield FactReader(
                Facts(birth_date=born, first_renewal=first),
                credential=spec.label,
                holder="(probe)",
                first_cycle=first,
            )


def _cycle_problems(spec: CredentialSpec, cycle: Cycle) -> list[str]:
    problems: list[str] = []
    shapes = [("cycle", cycle)]
    if cycle.first is not None:
        shapes.append(("cycle.first", cycle.first))
    for path, shape in shapes:
        problem = _probe_cycle(spec, path, shape)
        if problem is not None:
            problems.append(problem)
    return problems


def _probe_cycle(spec: CredentialSpec, path: str, cycle: Cycle) -> str | None:
    for start in _STARTS:
        for reader in _readers(spec):
            try:
                expires_on = cycle.expiry.expiry(start, reader)
            except InvalidInput:
                break  # it needs a fact no probe gives
            except Exception as error:
                return (
                    f"{path}.expiry ({type(cycle.expiry).__name__}) raised"
                    f" {type(error).__name__} for a cycle counted from {start}: {error}"
                )
            if expires_on <= start:
                return (
                    f"{path}.expiry ({cycle.expiry.describe()}) gives a cycle counted from"
                    f" {start} no length: it expires on {expires_on}"
                )
            dates = CycleDates(start, expires_on)
            if cycle.credit_from is not None:
                try:
                    credit_from = cycle.credit_starts(dates)
                except Exception as error:
                    return (
                        f"{path}.credit_from raised {type(error).__name__} for a cycle from"
                        f" {start} to {expires_on}: {error}"
                    )
                if credit_from > expires_on:
                    return (
                        f"{path}.credit_from ({cycle.credit_from.describe()}) is after the"
                        f" expiry: no credit can count for a cycle from {start} to {expires_on}"
                    )
    return None


def _pathway_probes(spec: CredentialSpec, cycles: Sequence[Cycle]) -> tuple[CycleDates, ...]:
    found: dict[CycleDates, None] = {}
    for end in _month_ends():
        for years in (1, 2, 5):
            found[CycleDates(end.subtract(years=years).add(days=1), end)] = None
    reader = next(_readers(spec))
    for cycle in cycles:
        for shape in (cycle, cycle.first):
            if shape is None:
                continue
            for start in _STARTS:
                try:
                    expires_on = shape.expiry.expiry(start, reader)
                except Exception:
                    break  # reported by the cycle checks, or it needs facts
                if expires_on > start:
                    found[CycleDates(start, expires_on)] = None
    return tuple(found)


def _pathway_problems(pathways: tuple[Pathway, ...], probes: Sequence[CycleDates]) -> list[str]:
    problems: list[str] = []
    if not pathways:
        problems.append("offers no pathway")
    for index, pathway in enumerate(pathways):
        name = f"pathway {pathway.name!r}"
        if pathway.kind is PathwayKind.CONTINUING_EDUCATION and not pathway.requires_credit:
            problems.append(f"{name} is by continuing education but requires no credit")
        if pathway.closes is None:
            continue
        opens = pathway.opens or AfterStart()
        closes = pathway.closes
        for dates in probes:
            try:
                opens_on, closes_on = opens.on(dates), closes.on(dates)
            except Exception as error:
                problems.append(
                    f"pathways[{index}]: {name}: its opens or closes rule raised"
                    f" {type(error).__name__} for a cycle from {dates.starts_on} to"
                    f" {dates.expires_on}: {error}"
                )
                break
            if closes_on >= opens_on or _by_a_fixed_date(opens, closes, opens_on, closes_on):
                continue
            problems.append(
                f"pathways[{index}]: {name} closes before it opens, so it is never open for a"
                f" cycle from {dates.starts_on} to an expiry on {dates.expires_on} (it opens on"
                f" {opens_on}, {opens.describe()}, and closes on {closes_on},"
                f" {closes.describe()})"
            )
            break
    return problems


def _by_a_fixed_date(opens: DateRule, closes: DateRule, opens_on: Date, closes_on: Date) -> bool:
    """Whether a pathway is never open because of a fixed date, which is by design: a window
    that closes at the end of a transition is never open for the cycles that end later, and one
    that opens on a fixed date never for those that end earlier. It is when the date it closes
    (or opens) on is that fixed date, not its own schedule."""
    return closes_on in set(_fixed_dates(closes)) or opens_on in set(_fixed_dates(opens))


def _fixed_dates(rule: object) -> Iterator[Date]:
    if isinstance(rule, OnDate):
        yield rule.date
    elif isinstance(rule, Earliest | Latest):
        for inner in rule.rules:
            yield from _fixed_dates(inner)
    elif isinstance(rule, DayAfter):
        for date in _fixed_dates(rule.rule):
            yield date.add(days=1)
