"""The size of the allocation programme (engine/allocation/programme.py): bounded by the rules
and the records as :class:`~recertlib.engine.allocation.programme.Programme` states, counted
on the programmes an evaluation builds, never timed (issue 16 item 6, issue 12 item 9)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recertlib import Activity, Credential, Registry, evaluate
from recertlib.engine.allocation import lp, programme
from recertlib.engine.allocation.programme import Programme
from recertlib.rules import Cap, ContinuingEducation, Conversion, Minimum, Selector
from tests.adversarial import (
    adversarial_activities,
    adversarial_rules,
    area_names,
    ring_caps,
    ring_minimums,
)
from tests.engine.allocation.test_allocation_oracle import (
    Problem,
    check_against_oracle,
    check_allocation,
    requirements,
    run,
)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[Programme]:
    """Every programme the evaluations in the test build."""
    found: list[Programme] = []
    build = programme.build

    def recorded(*args: object, **kwargs: object) -> Programme | None:
        made = build(*args, **kwargs)  # type: ignore[arg-type]
        if made is not None:
            found.append(made)
        return made

    monkeypatch.setattr(programme, "build", recorded)
    return found


def places(item: Activity) -> int:
    return len({item.area, *item.other_areas})


def test_the_issues_rule_set_builds_a_programme_within_its_stated_bound(
    built: list[Programme],
) -> None:
    # 20 areas x 20 caps x 20 minimums (and the total) over 200 activities, each of which may
    # count in eleven areas.
    areas, caps, minimums = 20, 20, 20
    activities = adversarial_activities(200, areas, others=10)
    verdict = run(adversarial_rules(areas, caps, minimums), activities)

    (made,) = built
    pools = len(made.pools)
    demand = minimums + 1  # the total is a minimum too
    # No two of the 20 areas are seen alike, so a pool has a column per area it may go to.
    widest = areas
    assert pools <= len(activities)
    assert made.height <= pools + caps + demand
    assert made.width <= pools * widest + demand
    # Tighter, pool by pool: no more columns than areas its credit may count in.
    assert made.width - demand <= sum(places(item) for item in activities)
    # The programme is what was solved: each row as wide as the programme.
    assert {len(row) for row in made.rows} == {made.width}
    assert len(made.bounds) == made.height
    # The placement it found keeps within every cap and meets what can be met.
    results = requirements(verdict)
    assert results["Total"].earned <= caps * Decimal(5)
    assert all(result.met for result in results.values()), results


def test_areas_the_caps_and_minimums_see_alike_are_one_column(built: list[Programme]) -> None:
    # Twelve areas, of which the caps and minimums name only the first three: the other nine
    # are seen alike, so credit that may go to all twelve has four columns, not twelve.
    names = area_names(12)
    rules = ContinuingEducation(
        unit="credit",
        total=Decimal(4),
        conversions=(Conversion("hour", 1),),
        minimums=(Minimum("First", Selector(areas={names[0]}), 2),),
        caps=(
            Cap("First", Selector(areas={names[0]}), 2),
            Cap("Second", Selector(areas={names[1]}), 1),
            Cap("Third", Selector(areas={names[2]}), 1),
        ),
        areas=frozenset(names),
    )
    item = Activity(
        "Everything",
        "2020-03-02",
        Decimal(10),
        "hour",
        area=names[5],
        other_areas=frozenset(names) - {names[5]},
        provider="Provider",
    )
    verdict = run(rules, [item])
    (made,) = built
    assert len(made.pools) == 1
    assert [column.area for column in made.columns] == names[:4]
    assert made.width == 4 + 2  # and one shortfall column for each minimum
    # The first of the areas seen alike takes what the programme gives the column.
    (result,) = verdict.activities
    assert result.counted == 10
    assert requirements(verdict)["First"].earned == 2
    # Beyond the caps on the first three areas, the rest (6) counts in the first of the
    # nine areas seen alike.
    assert result.area == names[3]


def test_credit_with_no_choice_under_no_cap_builds_no_programme(built: list[Programme]) -> None:
    names = area_names(3)
    rules = ContinuingEducation(
        unit="credit",
        total=Decimal(2),
        conversions=(Conversion("hour", 1),),
        minimums=ring_minimums(names, 2, Decimal(1)),
        areas=frozenset(names),
    )
    item = Activity("Once", "2020-03-02", Decimal(3), "hour", area=names[0], provider="P")
    run(rules, [item])
    assert built == []


def small_adversarial(
    areas: int, caps: int, minimums: int, amounts: Sequence[int], others: Sequence[Sequence[int]]
) -> Problem:
    names = area_names(areas)
    activities = tuple(
        Activity(
            f"Course {number}",
            f"2020-03-{number + 1:02d}",
            Decimal(amount),
            "hour",
            area=names[number % areas],
            other_areas=frozenset(names[other % areas] for other in also) - {names[number % areas]},
            provider="Provider",
        )
        for number, (amount, also) in enumerate(zip(amounts, others, strict=True))
    )
    return Problem(
        tuple(names),
        activities,
        ring_caps(names, caps, Decimal(2)),
        ring_minimums(names, minimums, Decimal(3)),
        Decimal(6),
    )


@settings(max_examples=100, deadline=None)
@given(
    size=st.integers(3, 4),
    data=st.data(),
)
def test_small_adversarial_rule_sets_get_the_oracles_answer(size: int, data: st.DataObject) -> None:
    count = data.draw(st.integers(1, 4), label="activities")
    amounts = data.draw(st.lists(st.integers(0, 3), min_size=count, max_size=count))
    others = data.draw(
        st.lists(st.lists(st.integers(0, size - 1), max_size=2), min_size=count, max_size=count)
    )
    problem = small_adversarial(size, size, size, amounts, others)
    verdict = run(problem.education(), problem.activities)
    check_allocation(problem, verdict)
    check_against_oracle(problem, verdict)


@st.composite
def with_an_equal_column(
    draw: st.DrawFn,
) -> tuple[list[list[int]], list[list[int]], list[int], int, int]:
    n = draw(st.integers(1, 6))
    m = draw(st.integers(1, 6))
    rows = draw(
        st.lists(st.lists(st.integers(-1, 1), min_size=n, max_size=n), min_size=m, max_size=m)
    )
    bounds = draw(st.lists(st.sampled_from([-2, -1, 0, 1, 2, 3]), min_size=m, max_size=m))
    objectives = draw(
        st.lists(st.lists(st.integers(-1, 1), min_size=n, max_size=n), min_size=1, max_size=2)
    )
    copied = draw(st.integers(0, n - 1))
    at = draw(st.integers(copied + 1, n))
    return objectives, rows, bounds, copied, at


def insert(values: list[int], at: int, value: int) -> list[int]:
    return [*values[:at], value, *values[at:]]


@settings(max_examples=400, deadline=None)
@given(with_an_equal_column())
def test_a_later_column_equal_to_an_earlier_one_never_takes_anything(
    case: tuple[list[list[int]], list[list[int]], list[int], int, int],
) -> None:
    # Why one column per signature places credit exactly as a column per area did.
    objectives, rows, bounds, copied, at = case
    try:
        alone = lp.maximize(objectives, rows, bounds)
    except (lp.Infeasible, lp.Unbounded) as error:
        with pytest.raises(type(error)):
            lp.maximize(
                [insert(o, at, o[copied]) for o in objectives],
                [insert(r, at, r[copied]) for r in rows],
                bounds,
            )
        return
    twice = lp.maximize(
        [insert(o, at, o[copied]) for o in objectives],
        [insert(r, at, r[copied]) for r in rows],
        bounds,
    )
    assert twice == (*alone[:at], Fraction(0), *alone[at:])


def test_an_evaluation_solves_an_identical_programme_once(
    built: list[Programme], installed: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An NREMT holder's main and look-back windows place this one activity alike.
    solved: list[object] = []
    maximize = lp.maximize

    def counted(*args: Sequence[object]) -> tuple[Fraction, ...]:
        solved.append(args)
        return maximize(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(lp, "maximize", counted)
    credential = Credential("NREMT", "EMT", "EMT 0", "2025-02-01", facts={"state_licensed": True})
    course = Activity("EMS education", "2025-05-15", "1.5", "hour", area="airway")
    evaluate(credential, [course], as_of="2026-11-25", registry=installed)
    programmes = [(made.objectives, made.rows, made.bounds) for made in built]
    assert len(programmes) > len(set(programmes))  # one programme built twice...
    assert len(solved) == len(set(programmes))  # ...and solved once
