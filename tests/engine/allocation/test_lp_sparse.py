"""The sparse simplex against the dense one it replaced: the same vertex (or the same error)
for every programme, degenerate and lexicographic ones included, since the vertex chosen among
equal optima is what a verdict shows."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recertlib.engine.allocation import lp
from tests.engine.allocation import dense_simplex

Programme = tuple[list[list[int]], list[list[int | Fraction]], list[int | Fraction]]


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    n = draw(st.integers(0, 7))
    m = draw(st.integers(0, 7))
    # Few distinct values, so that ties, degenerate vertices and equal optima are common.
    value = st.one_of(st.integers(-2, 3), st.fractions(-3, 3, max_denominator=4))
    rows = draw(st.lists(st.lists(value, min_size=n, max_size=n), min_size=m, max_size=m))
    bounds = draw(st.lists(st.sampled_from([-2, -1, 0, 0, 1, 2, 5]), min_size=m, max_size=m))
    objectives = draw(
        st.lists(st.lists(st.integers(-1, 2), min_size=n, max_size=n), min_size=0, max_size=3)
    )
    return objectives, rows, bounds


def outcome(solver: object, programme: Programme) -> object:
    objectives, rows, bounds = programme
    try:
        return solver.maximize(objectives, rows, bounds)  # type: ignore[attr-defined]
    except (lp.Infeasible, lp.Unbounded) as error:
        return type(error)


@settings(max_examples=300, deadline=None)
@given(programmes())
def test_the_sparse_rows_give_the_dense_rows_vertex(programme: Programme) -> None:
    assert outcome(lp, programme) == outcome(dense_simplex, programme)


@pytest.mark.parametrize("pools", [1, 4, 12])
def test_an_allocation_shaped_programme_gives_the_dense_rows_vertex(pools: int) -> None:
    # Pools of credit that may go to three areas each, two overlapping caps and minimums
    # that cannot all be met: the shape whose equal optima the verdicts show.
    width = 3 * pools + 2
    rows: list[list[int | Fraction]] = []
    bounds: list[int | Fraction] = []
    for pool in range(pools):
        row = [0] * width
        row[3 * pool : 3 * pool + 3] = [1, 1, 1]
        rows.append(row)
        bounds.append(2 + pool % 3)
    for area in range(2):
        rows.append(
            [1 if column % 3 in (area, 2) and column < 3 * pools else 0 for column in range(width)]
        )
        bounds.append(pools)
    for slack, area in enumerate((0, 1)):
        row = [-1 if column % 3 == area and column < 3 * pools else 0 for column in range(width)]
        row[3 * pools + slack] = -1
        rows.append(row)
        bounds.append(-2 * pools)
    least_shortfall = [0] * (3 * pools) + [-1, -1]
    most_credit = [1] * (3 * pools) + [0, 0]
    programme: Programme = ([least_shortfall, most_credit], rows, bounds)
    assert outcome(lp, programme) == outcome(dense_simplex, programme)
