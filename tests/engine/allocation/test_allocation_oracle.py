"""The credit allocation against a brute-force oracle.

The engine promises: whenever some placement of the counted credit within every cap meets
every requirement, the verdict finds one; otherwise the sum of the leaf requirements'
shortfalls is the least possible and, among such placements, the counted total the most
possible; arithmetic is exact whatever the caller's decimal context.

The engine solves the linear relaxation (credit may be split at any fraction), so against an
oracle that enumerates every *integer* placement it can only do as well or better: never worse.
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from attrs import frozen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recertlib import Activity, Credential, Verdict
from recertlib.engine import evaluate_with_spec
from recertlib.quantities import to_date
from recertlib.rules import (
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    Minimum,
    Pathway,
    PathwayKind,
    RuleSet,
    Selector,
    Span,
)
from recertlib.rules.results import RequirementResult

APPROVER = "X"
UNITS = ("hour", "lab_hour")
CERTIFIED_ON = "2020-01-15"
AS_OF = "2020-12-01"


# Building and evaluating a credential from bare rules.


def spec_of(education: ContinuingEducation) -> CredentialSpec:
    return CredentialSpec(
        body="OR",
        code="ACLE",
        name="Oracle credential",
        body_name="Oracle Body",
        rule_sets=(
            RuleSet(
                "or.acle.2000",
                effective_from=None,
                source="the test suite",
                confidence=Confidence.HIGH,
                cycle=Cycle(Span(months=12)),
                continuing_education=education,
                pathways=(
                    Pathway(PathwayKind.CONTINUING_EDUCATION, "By credit", requires_credit=True),
                ),
            ),
        ),
    )


def run(education: ContinuingEducation, activities: Sequence[Activity]) -> Verdict:
    # The engine itself, without registration: the oracle's random rules include ones that
    # registration refuses as unsatisfiable, where the least shortfall is still the answer.
    spec = spec_of(education)
    credential = Credential("OR", "ACLE", "Tess", CERTIFIED_ON)
    return evaluate_with_spec(spec, credential, activities, as_of=to_date(AS_OF))


def requirements(verdict: Verdict) -> dict[str, RequirementResult]:
    (pathway,) = verdict.pathways
    return {result.name: result for result in pathway.requirements}


def leaf_shortfall(results: Sequence[RequirementResult]) -> Decimal:
    return sum(
        (leaf_shortfall(r.children) if r.children else r.shortfall for r in results), Decimal(0)
    )


def activity(
    number: int,
    amount: int,
    unit: str,
    area: str,
    *,
    approved: bool = False,
    other_areas: Sequence[str] = (),
    title: str | None = None,
    certificate_id: str | None = None,
) -> Activity:
    return Activity(
        title or f"Course {number}",
        f"2020-03-{number + 1:02d}",
        Decimal(amount),
        unit,
        area=area,
        approved_by=frozenset({APPROVER}) if approved else frozenset(),
        other_areas=frozenset(other_areas),
        provider="Provider",
        certificate_id=certificate_id,
    )


# 1. The issue's own case.


def test_the_issues_case_is_met_by_counting_the_lab_not_the_lecture() -> None:
    education = ContinuingEducation(
        unit="credit",
        total=Decimal(10),
        conversions=(Conversion("hour", 1), Conversion("lab_hour", 1)),
        minimums=(
            Minimum("Clinical", Selector(areas={"clinical"}), 10),
            Minimum("Lab", Selector(units={"lab_hour"}), 10),
        ),
        caps=(Cap("Not approved", Selector(approved=False), 10),),
        areas=frozenset({"clinical", "general"}),
        approver=APPROVER,
    )
    lecture = activity(0, 10, "hour", "clinical", title="Lecture")
    lab = activity(1, 10, "lab_hour", "clinical", title="Lab")
    for activities in ([lecture, lab], [lab, lecture]):
        verdict = run(education, activities)
        results = requirements(verdict)
        assert all(result.met for result in results.values()), results
        assert verdict.pathways[0].requirements_met
        assert results["Total"].earned == 10
        assert leaf_shortfall(tuple(results.values())) == 0
        counted = {result.activity.title: result.counted for result in verdict.activities}
        assert counted == {"Lecture": Decimal(0), "Lab": Decimal(10)}


# 3. Two records of one certificate: the approved one is what meets the approved minimum.


@pytest.mark.parametrize("order", [0, 1])
def test_of_two_records_of_a_certificate_the_approved_one_is_kept_where_it_is_needed(
    order: int,
) -> None:
    education = ContinuingEducation(
        unit="credit",
        total=Decimal(3),
        conversions=(Conversion("hour", 1),),
        minimums=(Minimum("Approved", Selector(approved=True), 3),),
        areas=frozenset({"clinical", "general"}),
        approver=APPROVER,
    )
    approved = activity(0, 3, "hour", "clinical", approved=True, certificate_id="C-1")
    larger = activity(1, 5, "hour", "clinical", certificate_id="c-1", title="Same, again")
    records = [approved, larger] if order == 0 else [larger, approved]
    verdict = run(education, records)
    results = requirements(verdict)
    assert verdict.pathways[0].requirements_met, results
    assert results["Approved"].earned == 3
    assert results["Total"].earned == 3
    assert [r.activity for r in verdict.activities if r.is_counted] == [approved]
    (refused,) = (r for r in verdict.activities if not r.is_counted)
    assert refused.activity == larger
    assert [refusal.reason.name for refusal in refused.refusals] == ["DUPLICATE"]


# 2. The property test against a brute-force oracle.


@frozen
class Problem:
    areas: tuple[str, ...]
    activities: tuple[Activity, ...]
    caps: tuple[Cap, ...]
    minimums: tuple[Minimum, ...]
    total: Decimal

    def scaled(self, factor: Decimal) -> Problem:
        """Every amount times ``factor``: the optimum scales with it."""
        return Problem(
            self.areas,
            tuple(attrs.evolve(item, amount=item.amount * factor) for item in self.activities),
            tuple(attrs.evolve(cap, amount=cap.amount * factor) for cap in self.caps),
            tuple(attrs.evolve(m, amount=m.amount * factor) for m in self.minimums),
            self.total * factor,
        )

    def education(self, probes: bool = False) -> ContinuingEducation:
        """The rules; with ``probes``, a zero minimum per cap, so that the verdict shows how
        much credit each cap's selector matches (a zero minimum never changes the optimum)."""
        extra = tuple(Minimum(f"Probe {cap.name}", cap.selector, 0) for cap in self.caps)
        return ContinuingEducation(
            unit="credit",
            total=self.total,
            conversions=tuple(Conversion(unit, 1) for unit in UNITS),
            minimums=self.minimums + (extra if probes else ()),
            caps=self.caps,
            areas=frozenset(self.areas),
            approver=APPROVER,
        )


@st.composite
def selectors(draw: st.DrawFn, areas: tuple[str, ...]) -> Selector:
    chosen = draw(st.sets(st.sampled_from(areas), max_size=len(areas)))
    units = draw(st.sets(st.sampled_from(UNITS), max_size=1))
    return Selector(
        areas=frozenset(chosen) if chosen and len(chosen) < len(areas) else None,
        approved=draw(st.sampled_from([None, True, False])),
        units=frozenset(units) or None,
    )


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    areas = ("a", "b", "c")[: draw(st.integers(2, 3))]
    # Half the records have no credit with a choice of area, where quicker placements apply.
    spread = draw(st.booleans())
    activities = []
    for number in range(draw(st.integers(1, 3))):
        area = draw(st.sampled_from(areas))
        others = draw(st.sets(st.sampled_from([a for a in areas if a != area]))) if spread else ()
        activities.append(
            activity(
                number,
                draw(st.integers(0, 4)),
                draw(st.sampled_from(UNITS)),
                area,
                approved=draw(st.booleans()),
                other_areas=sorted(others),
            )
        )
    caps = tuple(
        Cap(f"Cap {i}", draw(selectors(areas)), draw(st.integers(0, 4)))
        for i in range(draw(st.integers(0, 2)))
    )
    total = draw(st.integers(0, 8))
    # The rules refuse a minimum above the total; a zero minimum is always met, so rare.
    low = min(total, draw(st.sampled_from([0, 1, 1, 1])))
    minimums = tuple(
        Minimum(f"Minimum {i}", draw(selectors(areas)), draw(st.integers(low, min(total, 6))))
        for i in range(draw(st.integers(1, 3)))
    )
    return Problem(areas, tuple(activities), caps, minimums, Decimal(total))


def matches(selector: Selector, item: Activity, area: str) -> bool:
    return selector.matches(
        area=area, approved=item.is_approved_by(APPROVER), unit=item.unit, tags=item.tags
    )


def allowed_areas(item: Activity) -> tuple[str, ...]:
    assert item.area is not None
    return tuple(sorted({item.area, *item.other_areas}))


def splits(amount: int, parts: int) -> list[tuple[int, ...]]:
    """Every way of counting at most ``amount`` in ``parts`` areas, in whole units."""
    return [
        split
        for split in itertools.product(range(amount + 1), repeat=parts)
        if sum(split) <= amount
    ]


def oracle(problem: Problem) -> tuple[int, int]:
    """The least sum of shortfalls over every integer placement within the caps, and the most
    credit counted among the placements that reach it.

    A placement matters only through how much credit each cap, the total and each minimum
    see, so the placements are enumerated activity by activity and merged on that vector."""
    selectors = [cap.selector for cap in problem.caps]
    selectors.append(Selector())
    selectors.extend(minimum.selector for minimum in problem.minimums)
    limits = [int(cap.amount) for cap in problem.caps]
    states = {(0,) * len(selectors)}
    for item in problem.activities:
        areas = allowed_areas(item)
        steps = set()
        for split in splits(int(item.amount), len(areas)):
            steps.add(
                tuple(
                    sum(
                        share
                        for share, area in zip(split, areas, strict=True)
                        if matches(selector, item, area)
                    )
                    for selector in selectors
                )
            )
        merged = set()
        for state in states:
            for step in steps:
                total = tuple(s + t for s, t in zip(state, step, strict=True))
                if all(used <= limit for used, limit in zip(total, limits, strict=False)):
                    merged.add(total)
        states = merged
    required = [int(problem.total), *(int(m.amount) for m in problem.minimums)]
    best = min(
        (
            sum(
                max(need - got, 0) for need, got in zip(required, state[len(limits) :], strict=True)
            ),
            -state[len(limits)],
        )
        for state in states
    )
    return best[0], -best[1]


def check_allocation(problem: Problem, verdict: Verdict) -> None:
    """What the verdict's activities and requirements say must fit together and fit the caps."""
    results = requirements(verdict)
    by_activity = {result.activity: result for result in verdict.activities}
    assert set(by_activity) == set(problem.activities)
    for item, result in by_activity.items():
        assert type(result.counted) is Decimal
        assert type(result.credit) is Decimal
        assert result.credit == item.amount
        assert Decimal(0) <= result.counted <= result.credit
        if result.counted < result.credit:
            assert result.refusals, result
    counted = sum((result.counted for result in verdict.activities), Decimal(0))
    assert results["Total"].earned == counted

    def bounds(selector: Selector) -> tuple[Decimal, Decimal]:
        # Credit of an activity that every one of its areas would match surely matches; credit
        # of one that none would match surely does not; a split one may lie anywhere between.
        surely = maybe = Decimal(0)
        for item, result in by_activity.items():
            hits = [matches(selector, item, area) for area in allowed_areas(item)]
            if all(hits):
                surely += result.counted
            if any(hits):
                maybe += result.counted
        return surely, maybe

    for minimum in problem.minimums:
        low, high = bounds(minimum.selector)
        assert low <= results[minimum.name].earned <= high, minimum
    for cap in problem.caps:
        low, _ = bounds(cap.selector)
        assert low <= cap.amount, cap


def check_against_oracle(problem: Problem, verdict: Verdict) -> None:
    results = requirements(verdict)
    shortfall = leaf_shortfall(tuple(results.values()))
    counted = results["Total"].earned
    least, most = oracle(problem)
    # (a) whenever some placement meets everything, the verdict finds one.
    if least == 0:
        assert shortfall == 0
        assert all(result.met for result in results.values()), results
        assert verdict.pathways[0].requirements_met
    # (b) never worse than the best whole-unit placement; where it is as good, it counts at
    # least as much (the oracle's placement lies on the relaxation's optimal face too).
    assert shortfall <= least
    if shortfall == least:
        assert counted >= most
    assert counted <= sum((item.amount for item in problem.activities), Decimal(0))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=problems(), data=st.data())
def test_the_allocation_is_never_worse_than_any_whole_unit_placement(
    problem: Problem, data: st.DataObject
) -> None:
    verdict = run(problem.education(), problem.activities)
    check_allocation(problem, verdict)
    check_against_oracle(problem, verdict)

    # (c) the credit each cap's selector matches, read exactly from zero minimums.
    probed = run(problem.education(probes=True), problem.activities)
    probes = requirements(probed)
    for cap in problem.caps:
        assert probes[f"Probe {cap.name}"].earned <= cap.amount, cap
    check_allocation(problem, probed)
    check_against_oracle(problem, probed)
    assert leaf_shortfall(tuple(probes.values())) == leaf_shortfall(
        tuple(requirements(verdict).values())
    )
    assert probes["Total"].earned == requirements(verdict)["Total"].earned

    # (e) neither the order of the activities nor the caller's decimal context matters.
    shuffled = data.draw(st.permutations(problem.activities), label="shuffled")
    assert run(problem.education(), shuffled) == verdict
    with decimal.localcontext(decimal.Context(prec=3)):
        coarse = run(problem.education(), problem.activities)
    assert coarse == verdict

    # Whole amounts up to 12 fit in 3 digits; amounts of 5 significant digits do not, and the
    # optimum of the scaled rules is the optimum of these, scaled.
    factor = Decimal("1.0001")
    bigger = problem.scaled(factor)
    exact = run(bigger.education(), bigger.activities)
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        coarse = run(bigger.education(), bigger.activities)
    assert coarse == exact
    check_allocation(bigger, exact)
    scaled = requirements(exact)
    assert leaf_shortfall(tuple(scaled.values())) == factor * leaf_shortfall(
        tuple(requirements(verdict).values())
    )
    assert scaled["Total"].earned == factor * requirements(verdict)["Total"].earned
