"""Placing the countable credit: within every cap, meeting the requirements whenever any
placement can, otherwise with the least shortfall and then the most credit counted.

The choice is a small linear programme over *pools* (credit that may go to the same areas
with the same attributes, summed), solved exactly in rationals by :mod:`~recertlib.engine.allocation
.lp`. When no cap binds and no credit has a choice of area, everything counts where it was
recorded and no programme is solved: that is the common case, and it stays fast.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from attrs import define, field

from recertlib.engine.allocation import lp, programme
from recertlib.engine.allocation.judge import (
    Credit,
    CreditWindow,
    apply_tiers,
    identity,
    judge,
    window_refusal,
)
from recertlib.engine.allocation.programme import matches
from recertlib.inputs import Activity
from recertlib.quantities.amounts import ZERO, quantity
from recertlib.quantities.dates import Date
from recertlib.quantities.units import exact_decimal
from recertlib.results.verdict import ActivityResult, Reason, Refusal
from recertlib.rules import (
    Cap,
    ContinuingEducation,
    CycleDates,
    Demand,
    FactReader,
    Selector,
)
from recertlib.rules.compiled import CompiledEducation
from recertlib.rules.requirements import assessed, combined, demands_of
from recertlib.rules.results import RequirementResult

Area = str | None
Shares = list[dict[Area, Decimal]]
"""For each credit, in order, how much of it counts in each area."""

Placed = tuple["Allocation", tuple[RequirementResult, ...]]

Assessment = tuple[tuple[ActivityResult, ...], tuple[RequirementResult, ...]]
"""What :func:`assess` finds: each activity's result, and each requirement's."""

CONTESTED_LIMIT = 32
"""The most combinations of duplicate records tried each with an allocation of its own; beyond
it, one activity's record is changed at a time (:func:`_resolve_contested`)."""


@define(slots=False)
class Allocation:
    """The holder's standing once credit is placed: what :class:`~recertlib.rules.Standing`
    promises the requirements."""

    credits: list[Credit]
    shares: Shares
    facts: FactReader
    inner_cycle: int | None
    unit: str
    window: CreditWindow
    measured_ids: set[int] = field(factory=set)
    """The activities a measure counted, by identity, so that the others can say why not."""

    @property
    def dates(self) -> CycleDates:
        return self.window.cycle_dates

    def credit(self, selector: Selector) -> Decimal:
        return sum(
            (
                amount
                for (area, approved, unit, tags, recorded_in), amount in self._by_atom.items()
                if selector.matches(
                    area=area, approved=approved, unit=unit, tags=tags, recorded_in=recorded_in
                )
            ),
            ZERO,
        )

    @functools.cached_property
    def _by_atom(self) -> dict[tuple[Area, bool, str, frozenset[str], str | None], Decimal]:
        # Requirements ask of the same few atoms again and again; sum each once.
        totals: dict[tuple[Area, bool, str, frozenset[str], str | None], Decimal] = defaultdict(
            Decimal
        )
        for credit, shares in zip(self.credits, self.shares, strict=True):
            for area, amount in shares.items():
                totals[(area, credit.approved, credit.unit, credit.tags, credit.recorded_in)] += (
                    amount
                )
        return totals

    @property
    def as_of(self) -> Date:
        return self.window.as_of

    def recorded(
        self,
        units: frozenset[str],
        tags: frozenset[str] | None,
        since: Date | None = None,
        until: Date | None = None,
    ) -> Decimal:
        first = self.window.starts_on if since is None else since
        last = self.window.ends_on if until is None else until
        found = [
            credit
            for credit in self.credits
            if credit.measured
            and credit.countable
            and credit.unit in units
            and (tags is None or tags & credit.tags)
            and first <= credit.activity.completed_on <= last
        ]
        self.measured_ids.update(id(credit) for credit in found)
        return sum((credit.amount for credit in found), ZERO)

    @property
    def counted(self) -> Decimal:
        return sum((sum(shares.values(), ZERO) for shares in self.shares), ZERO)


Solutions = dict[tuple[object, ...], tuple[Fraction, ...]]
"""The solution of each allocation programme solved in one evaluation, by the programme (its
objectives, rows and bounds): the windows and pathways of one holder often place the same
credit the same way, and an identical programme is solved once."""


def assess(
    activities: Iterable[Activity],
    compiled: CompiledEducation,
    window: CreditWindow,
    facts: FactReader,
    inner_cycle: int | None,
    records: frozenset[str] = frozenset(),
    solutions: Solutions | None = None,
) -> Assessment:
    """Judge every activity, place the credit, and say how far the holder is from each of the
    requirements. Activities in ``records`` units (a passed exam a pathway looks for) are
    records, not credit: never refused for their unit. ``solutions`` keeps the programmes
    solved, for the other assessments of the same evaluation."""
    solved: Solutions = {} if solutions is None else solutions
    rules = compiled.rules
    measures = compiled.measures
    measured = records | measures
    credits = judge(activities, compiled, window, measured, measures)
    alternatives = combined([demands_of(r, facts, inner_cycle) for r in compiled.requirements])

    def placed() -> Placed:
        return _best(credits, compiled, alternatives, facts, inner_cycle, window, solved)

    contested = _refuse_duplicates(credits, rules)
    allocation, results = _resolve_contested(contested, placed, compiled, alternatives)
    return _activity_results(allocation, rules, measured - records), results


def _refuse_duplicates(credits: list[Credit], rules: ContinuingEducation) -> list[list[Credit]]:
    """Refuse all but one record of each activity. Where the records would count differently
    (approved or not, in other areas), the ones that may help most are returned, group by
    group, for the allocation to choose among."""
    groups: dict[tuple[object, ...], list[Credit]] = defaultdict(list)
    for credit in credits:
        if credit.countable and not credit.measured:
            groups[identity(credit, rules)].append(credit)
    contested = []
    for records in groups.values():
        # Of records that would count alike, the largest serves best (the first of equals).
        best: dict[object, Credit] = {}
        for credit in records:
            key = credit.atoms()
            if key not in best or credit.amount > best[key].amount:
                best[key] = credit
        candidates = list(best.values())
        if len(candidates) > 1:
            contested.append(candidates)
        keep = candidates[0]
        for credit in records:
            if credit is not keep:
                _refuse_duplicate(credit, keep)
    return contested


def _refuse_duplicate(credit: Credit, kept: Credit) -> None:
    credit.countable = False
    activity = kept.activity
    credit.refusals[:] = [
        Refusal(Reason.DUPLICATE, f"same as {activity.title!r} completed {activity.completed_on}")
    ]


def _restore(credit: Credit) -> None:
    credit.countable = True
    credit.refusals.clear()


def _resolve_contested(
    contested: list[list[Credit]],
    place: Callable[[], Placed],
    compiled: CompiledEducation,
    demands: tuple[Demand, ...],
) -> Placed:
    """Choose which record of each contested activity counts: the choice whose allocation
    serves best.

    Every combination is tried when there are at most :data:`CONTESTED_LIMIT`. Beyond that,
    a record that another of its activity dominates (worth as much, counting toward every
    requirement the other does and under no cap the other is not) is set aside first, which
    never changes the best result; if more than :data:`CONTESTED_LIMIT` combinations still
    remain, the choice starts from the approved, then largest, record of each activity and
    changes one activity's record at a time while that serves better, each activity tried
    once a round, for at most as many rounds as there are activities. Either way the work is
    polynomial in the number of records: at most ``CONTESTED_LIMIT`` allocations, or
    ``activities * records`` allocations a round.
    """
    if not contested:
        return place()
    if _combinations(contested) > CONTESTED_LIMIT:
        contested = _undominated(contested, compiled, demands)
    if _combinations(contested) <= CONTESTED_LIMIT:
        best = min(
            itertools.product(*contested), key=lambda choice: _scored(contested, choice, place)
        )
    else:
        best = _improved(contested, place)
    _choose(contested, best)
    return place()


def _combinations(contested: list[list[Credit]]) -> int:
    # The product stops growing once past the limit, so that it never runs away.
    found = 1
    for group in contested:
        found *= len(group)
        if found > CONTESTED_LIMIT:
            break
    return found


def _scored(
    contested: list[list[Credit]], choice: Sequence[Credit], place: Callable[[], Placed]
) -> tuple[object, ...]:
    _choose(contested, choice)
    return _score(*place())


def _improved(contested: list[list[Credit]], place: Callable[[], Placed]) -> tuple[Credit, ...]:
    choice = [max(group, key=lambda c: (c.approved, c.amount)) for group in contested]
    best = _scored(contested, choice, place)
    for _ in range(len(contested)):
        changed = False
        for index, group in enumerate(contested):
            for candidate in group:
                if candidate is choice[index]:
                    continue
                trial = [*choice[:index], candidate, *choice[index + 1 :]]
                score = _scored(contested, trial, place)
                if score < best:
                    choice, best, changed = trial, score, True
        if not changed:
            break
    return tuple(choice)


def _undominated(
    contested: list[list[Credit]], compiled: CompiledEducation, demands: tuple[Demand, ...]
) -> list[list[Credit]]:
    """Each activity's records without those another of its records dominates, when the
    requirements are the standard shapes (a plugin's own requirement may read credit in ways
    no selector here shows, so then nothing is set aside)."""
    if not compiled.standard_shapes:
        return contested
    minimums = [minimum.selector for demand in demands for minimum in demand]
    caps = [cap.selector for cap in compiled.rules.caps]
    kept = []
    for group in contested:
        undominated = [
            credit
            for credit in group
            if not any(
                other is not credit
                and _dominates(other, credit, minimums, caps)
                # Of records that dominate each other, the first stays.
                and not (
                    _dominates(credit, other, minimums, caps)
                    and group.index(credit) < group.index(other)
                )
                for other in group
            )
        ]
        kept.append(undominated or group[:1])
    return kept


def _dominates(
    first: Credit, second: Credit, minimums: Sequence[Selector], caps: Sequence[Selector]
) -> bool:
    """Whether ``first`` serves at least as well as ``second`` wherever ``second`` could count:
    worth at least as much, not tiered, and for each area ``second`` may count in, an area of
    ``first`` that counts toward every minimum and under no cap beyond ``second``'s there."""
    if first.amount < second.amount or _tiered(first) or _tiered(second):
        return False

    def reach(credit: Credit, area: Area) -> tuple[set[int], set[int]]:
        return (
            {i for i, selector in enumerate(minimums) if matches(selector, credit, area)},
            {i for i, selector in enumerate(caps) if matches(selector, credit, area)},
        )

    for area in second.areas:
        needs, limits = reach(second, area)
        if not any(
            needs <= serves and capped <= limits
            for serves, capped in (reach(first, own) for own in first.areas)
        ):
            return False
    return True


def _tiered(credit: Credit) -> bool:
    return credit.conversion is not None and bool(credit.conversion.tiers)


def _choose(contested: list[list[Credit]], choice: Sequence[Credit]) -> None:
    for group, kept in zip(contested, choice, strict=True):
        for credit in group:
            if credit is kept:
                _restore(credit)
            else:
                _refuse_duplicate(credit, kept)


def _leaf_shortfall(results: Iterable[RequirementResult]) -> Decimal:
    total = ZERO
    for result in results:
        total += _leaf_shortfall(result.children) if result.children else result.shortfall
    return total


def _score(allocation: Allocation, results: tuple[RequirementResult, ...]) -> tuple[object, ...]:
    met = all(result.met for result in results)
    return (not met, _leaf_shortfall(results), -allocation.counted)


def _best(
    credits: list[Credit],
    compiled: CompiledEducation,
    alternatives: tuple[Demand, ...],
    facts: FactReader,
    inner_cycle: int | None,
    window: CreditWindow,
    solved: Solutions,
) -> tuple[Allocation, tuple[RequirementResult, ...]]:
    rules = compiled.rules
    countable = [c for c in credits if c.countable and not c.measured]
    apply_tiers(countable)
    found: tuple[tuple[object, ...], Allocation, tuple[RequirementResult, ...]] | None = None
    forced = _forced(countable, rules.caps)
    for demand in alternatives:
        shares = forced
        if shares is None:
            shares = _greedy(countable, rules.caps, demand) or _solve(
                countable, rules.caps, demand, solved
            )
        allocation = Allocation(
            credits,
            _spread(credits, countable, shares),
            facts,
            inner_cycle,
            rules.unit,
            window,
        )
        results = tuple(
            result
            for requirement in compiled.requirements
            if (result := assessed(requirement, allocation)) is not None
        )
        score = _score(allocation, results)
        if found is None or score < found[0]:
            found = (score, allocation, results)
        if forced is not None or not score[0]:
            break
    assert found is not None
    return found[1], found[2]


def _forced(countable: list[Credit], caps: tuple[Cap, ...]) -> Shares | None:
    """Every credit counting in full where it was recorded, when nothing has a choice of area
    and no cap is exceeded: then no other placement can do better."""
    if any(len(credit.areas) > 1 for credit in countable):
        return None
    for cap in caps:
        used = sum(
            (credit.amount for credit in countable if matches(cap.selector, credit, credit.area)),
            ZERO,
        )
        if used > cap.amount:
            return None
    return [{credit.area: credit.amount} for credit in countable]


def _greedy(countable: list[Credit], caps: tuple[Cap, ...], demand: Demand) -> Shares | None:
    """The placement of a quick rule, when it is provably optimal: with no choice of area and
    no credit under two caps, capped credit first goes where a minimum still needs it, then
    fills what room is left. Every cap then holds as much as it can, so when every minimum is
    met no placement does better; otherwise ``None``, and the programme decides."""
    if any(len(credit.areas) > 1 for credit in countable):
        return None
    under: list[Cap | None] = []
    for credit in countable:
        matched = [cap for cap in caps if matches(cap.selector, credit, credit.area)]
        if len(matched) > 1:
            return None
        under.append(matched[0] if matched else None)
    room = {cap: cap.amount for cap in caps}
    need = [minimum.amount for minimum in demand]
    shares: Shares = [{} for _ in countable]
    counted = [ZERO] * len(countable)

    def count(index: int, at_most: Decimal) -> None:
        credit, cap = countable[index], under[index]
        take = min(at_most, credit.amount - counted[index], room[cap] if cap else at_most)
        if take <= 0:
            return
        counted[index] += take
        shares[index] = {credit.area: counted[index]}
        if cap is not None:
            room[cap] -= take
        for slack, minimum in enumerate(demand):
            if matches(minimum.selector, credit, credit.area):
                need[slack] = max(need[slack] - take, ZERO)

    capped = []
    for index, credit in enumerate(countable):
        if under[index] is None:
            count(index, credit.amount)
        else:
            capped.append(index)
    for index in capped:
        serves = [
            need[slack]
            for slack, minimum in enumerate(demand)
            if matches(minimum.selector, countable[index], countable[index].area)
        ]
        count(index, max(serves, default=ZERO))
    for index in capped:
        count(index, countable[index].amount)
    return shares if not any(need) else None


def _solve(
    countable: list[Credit], caps: tuple[Cap, ...], demand: Demand, solved: Solutions
) -> Shares:
    """The optimal placement for one alternative of the requirements: least shortfall of
    ``demand``'s minimums first, then the most credit counted.

    Credit that no cap limits and that may go to one area only always counts in full; the rest
    is placed by the programme :func:`~recertlib.engine.allocation.programme.build` makes, of
    a size bounded as :class:`~recertlib.engine.allocation.programme.Programme` says. The
    programme is solved in whole numbers: every amount is scaled by the same power of ten,
    which changes no step of the simplex, only the size of its numbers.
    """
    shares: Shares = [{} for _ in countable]
    needs = [minimum.amount for minimum in demand]
    signatures = programme.Signatures(caps, demand)
    for index, credit in enumerate(countable):
        seen = signatures.in_full(credit)
        if seen is None:
            continue
        shares[index] = {credit.area: credit.amount}
        for slack, counts in enumerate(seen[len(caps) :]):
            if counts:
                needs[slack] -= credit.amount
    built = programme.build(countable, signatures, needs)
    if built is None:
        return shares
    # The simplex is deterministic: the same programme gives the same vertex, whoever asks.
    key = (built.objectives, built.rows, built.bounds)
    solution = solved.get(key)
    if solution is None:
        solution = solved[key] = lp.maximize(built.objectives, built.rows, built.bounds)

    # Each pool's placement goes to its members in their canonical order.
    room = {member: countable[member].amount for members in built.pools for member in members}
    for column, placed in zip(built.columns, solution, strict=False):
        left = to_decimal(placed / built.scale)
        for member in column.members:
            if left <= 0:
                break
            take = min(left, room[member])
            if take > 0:
                shares[member][column.area] = shares[member].get(column.area, ZERO) + take
                room[member] -= take
                left -= take
    return shares


def to_decimal(value: Fraction) -> Decimal:
    """A rational as an exact decimal where it has one; a vertex of the programme with a
    denominator other than 2s and 5s is cut (never rounded up) at 28 places."""
    exact = exact_decimal(value)
    if exact is not None:
        return exact
    return Decimal(value.numerator * 10**28 // value.denominator).scaleb(-28)


def _spread(credits: list[Credit], countable: list[Credit], shares: Shares) -> Shares:
    by_credit = {id(credit): share for credit, share in zip(countable, shares, strict=True)}
    return [by_credit.get(id(credit), {}) for credit in credits]


def _activity_results(
    allocation: Allocation, rules: ContinuingEducation, measures: frozenset[str]
) -> tuple[ActivityResult, ...]:
    results = []
    for credit, shares in zip(allocation.credits, allocation.shares, strict=True):
        counted = (
            credit.amount if credit.measured and credit.countable else sum(shares.values(), ZERO)
        )
        refusals = list(credit.refusals)
        if (
            credit.measured
            and credit.countable
            and credit.unit in measures
            and id(credit) not in allocation.measured_ids
        ):
            counted = ZERO
            # Outside the credit window, say so as for credit; else no measure in force took it.
            refusals.append(
                window_refusal(credit.activity, rules, allocation.window)
                or Refusal(
                    Reason.OUTSIDE_WINDOW,
                    "no requirement in force counts it: outside the window its requirement"
                    " counts from, or not required in this cycle",
                )
            )
        if credit.countable and not credit.measured and counted < credit.amount:
            refusals.append(_over_cap(credit, counted, allocation, rules))
        area = max(shares, key=lambda a: shares[a]) if shares else credit.area
        results.append(
            ActivityResult(
                activity=credit.activity,
                credit=credit.amount,
                counted=counted,
                area=area,
                approved=credit.approved,
                refusals=tuple(refusals),
            )
        )
    return tuple(results)


def _over_cap(
    credit: Credit, counted: Decimal, allocation: Allocation, rules: ContinuingEducation
) -> Refusal:
    full = [
        cap
        for cap in rules.caps
        if any(matches(cap.selector, credit, area) for area in credit.areas)
        and allocation.credit(cap.selector) >= cap.amount
    ]
    refused = credit.amount - counted
    limits = "; ".join(f"{cap.name}: at most {quantity(cap.amount, rules.unit)}" for cap in full)
    return Refusal(Reason.OVER_CAP, f"{quantity(refused, rules.unit)} over the cap ({limits})")
