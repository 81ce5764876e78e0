"""The exact simplex solver: hand-made cases, then a property test against vertex enumeration."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recertlib.engine.allocation.lp import Infeasible, Unbounded, maximize

F = Fraction


def fs(*values: int) -> tuple[Fraction, ...]:
    """The expected x, as the Fractions the solver returns."""
    return tuple(map(F, values))


def dot(a: Sequence[Fraction | int], x: Sequence[Fraction]) -> Fraction:
    return sum((F(ai) * xi for ai, xi in zip(a, x, strict=True)), F(0))


def is_feasible(
    rows: Sequence[Sequence[int]], bounds: Sequence[int], x: Sequence[Fraction]
) -> bool:
    return all(xi >= 0 for xi in x) and all(
        dot(r, x) <= b for r, b in zip(rows, bounds, strict=True)
    )


# Hand-made cases.


def test_known_optimum() -> None:
    # The textbook Wyndor Glass problem: optimum 36 at (2, 6).
    x = maximize([[3, 5]], [[1, 0], [0, 2], [3, 2]], [4, 12, 18])
    assert x == fs(2, 6)
    assert all(type(v) is Fraction for v in x)


def test_fraction_coefficients_give_a_fractional_vertex() -> None:
    # x + y <= 1, x - y <= 1/3 (scaled differently), maximize x: x = 2/3, y = 1/3.
    x = maximize([[1, 0]], [[F(1, 2), F(1, 2)], [3, -3]], [F(1, 2), 1])
    assert x == (F(2, 3), F(1, 3))


def test_infeasible() -> None:
    with pytest.raises(Infeasible):
        maximize([[1]], [[1], [-1]], [1, -2])


def test_infeasible_without_variables() -> None:
    with pytest.raises(Infeasible):
        maximize([], [[]], [-1])
    assert maximize([], [[]], [0]) == ()
    assert maximize([], [], []) == ()


def test_unbounded() -> None:
    with pytest.raises(Unbounded):
        maximize([[1, 0]], [[-1, 0], [0, 1]], [-1, 5])


def test_unbounded_without_constraints() -> None:
    with pytest.raises(Unbounded):
        maximize([[0, 1]], [], [])
    assert maximize([[-1, 0]], [], []) == fs(0, 0)


def test_negative_bounds_need_phase_one() -> None:
    # Minimize x + y (maximize its negation) with x + y >= 3, x >= 1, y >= 1/2, written as
    # negated rows: the origin is infeasible, so the solver has to find a start.
    x = maximize([[-1, -2]], [[-1, -1], [-1, 0], [0, -1], [1, 1]], [-3, -1, F(-1, 2), 10])
    assert x == (F(5, 2), F(1, 2))


def test_redundant_equalities_in_phase_one() -> None:
    # x + y = 2 written three ways: one artificial stays basic at zero with no real column to
    # swap in, so its row has to be dropped.
    rows = [[-1, -1], [1, 1], [-2, -2]]
    x = maximize([[1, 3]], rows, [-2, 2, -4])
    assert x == fs(0, 2)
    x = maximize([[3, 1]], rows, [-2, 2, -4])
    assert x == fs(2, 0)


def test_equality_with_no_objective_returns_a_feasible_vertex() -> None:
    rows = [[-1, -1, 0], [1, 1, 0], [0, 1, 1]]
    bounds = [-2, 2, 1]
    x = maximize([], rows, bounds)
    assert is_feasible(rows, bounds, x)


# Beale's example, which cycles under the largest-coefficient rule with ties to the first row:
# minimize -3/4 x1 + 20 x2 - 1/2 x3 + 6 x4.
BEALE_ROWS: list[list[Fraction | int]] = [
    [F(1, 4), -8, -1, 9],
    [F(1, 2), -12, F(-1, 2), 3],
    [0, 0, 1, 0],
]
BEALE_BOUNDS = [0, 0, 1]
BEALE_OBJECTIVE: list[Fraction | int] = [F(3, 4), -20, F(1, 2), -6]


def test_beale_terminates_at_the_optimum() -> None:
    x = maximize([BEALE_OBJECTIVE], BEALE_ROWS, BEALE_BOUNDS)
    assert x == fs(1, 0, 1, 0)
    assert dot(BEALE_OBJECTIVE, x) == F(5, 4)


def test_beale_with_columns_permuted_terminates() -> None:
    # The same problem with the variables reversed, so a different pivot order gets exercised.
    rows = [list(reversed(r)) for r in BEALE_ROWS]
    x = maximize([list(reversed(BEALE_OBJECTIVE))], rows, BEALE_BOUNDS)
    assert x == fs(0, 1, 0, 1)


def test_highly_degenerate_vertex() -> None:
    # x1 <= x2 <= x3, stated redundantly so that five constraints are tight at the origin.
    rows = [[1, -1, 0], [0, 1, -1], [1, 0, -1], [2, -2, 0], [1, 1, -2], [1, 1, 1]]
    bounds = [0, 0, 0, 0, 0, 3]
    x = maximize([[3, 2, 1]], rows, bounds)
    assert x == fs(1, 1, 1)


def test_lexicographic_second_objective_breaks_ties() -> None:
    rows = [[1, 1], [1, 0], [0, 1]]
    bounds = [4, 3, 3]
    assert maximize([[1, 1], [1, 0]], rows, bounds) == fs(3, 1)
    assert maximize([[1, 1], [0, 1]], rows, bounds) == fs(1, 3)
    # A second objective opposing the first may not undo it.
    assert maximize([[1, 1], [-1, -1], [1, 0]], rows, bounds) == fs(3, 1)


def test_lexicographic_bounded_on_the_optimal_face_only() -> None:
    # x is unbounded overall (x <= y + 3), but not once y is held at its optimum of 0.
    rows = [[1, -1]]
    assert maximize([[0, -1], [1, 0]], rows, [3]) == fs(3, 0)
    with pytest.raises(Unbounded):
        maximize([[1, 0]], rows, [3])


def test_lexicographic_unbounded_on_the_optimal_face() -> None:
    with pytest.raises(Unbounded):
        maximize([[1, 0], [0, 1]], [[1, 0]], [2])


def test_deterministic() -> None:
    # An objective with a whole optimal edge: repeated calls must pick the same vertex.
    rows = [[1, 1, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
    bounds = [5, 3, 3, 3]
    first = maximize([[1, 1, 1]], rows, bounds)
    assert all(maximize([[1, 1, 1]], rows, bounds) == first for _ in range(20))
    assert sum(first) == 5


def test_rejects_floats_and_bools() -> None:
    with pytest.raises(TypeError):
        maximize([[1.0]], [[1]], [1])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        maximize([[1]], [[True]], [1])


def test_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="bounds"):
        maximize([[1]], [[1]], [1, 2])
    with pytest.raises(ValueError, match="lengths"):
        maximize([[1, 1]], [[1]], [1])


def test_does_not_mutate_inputs() -> None:
    objectives = [[1, 2]]
    rows = [[1, 1], [-1, 0]]
    bounds = [4, -1]
    maximize(objectives, rows, bounds)
    assert (objectives, rows, bounds) == ([[1, 2]], [[1, 1], [-1, 0]], [4, -1])


def test_allocation_shaped_problem() -> None:
    # 30 activities, each capped at its hours; overlapping caps on sums; minimums on some sums.
    n = 30
    caps = [[1 if j == i else 0 for j in range(n)] for i in range(n)]
    hours = [(i % 7) + 1 for i in range(n)]
    groups = [[1 if j % k == r else 0 for j in range(n)] for k in (3, 4) for r in range(k - 1)]
    group_caps = [12 + 3 * i for i in range(len(groups))]
    minimums = [[-1 if j < 10 else 0 for j in range(n)], [-1 if j >= 20 else 0 for j in range(n)]]
    rows = caps + groups + minimums
    bounds = [*hours, *group_caps, -5, -8]
    objectives = [[1] * n, [n - j for j in range(n)]]
    x = maximize(objectives, rows, bounds)
    assert is_feasible(rows, bounds, x)
    assert maximize(objectives, rows, bounds) == x


# The oracle: enumerate every vertex of {x >= 0, rows x <= bounds} by solving each square
# system of n tight constraints exactly, and take the lexicographic maximum over them.


def solve_exact(a: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a x = b by Gauss-Jordan elimination, or None if a is singular."""
    n = len(a)
    m = [[*row, bi] for row, bi in zip(a, b, strict=True)]
    for k in range(n):
        p = next((i for i in range(k, n) if m[i][k] != 0), None)
        if p is None:
            return None
        m[k], m[p] = m[p], m[k]
        pivot = m[k][k]
        m[k] = [v / pivot for v in m[k]]
        for i in range(n):
            if i != k and m[i][k] != 0:
                f = m[i][k]
                m[i] = [v - f * w for v, w in zip(m[i], m[k], strict=True)]
    return [row[n] for row in m]


def vertices(n: int, rows: list[list[int]], bounds: list[int]) -> list[tuple[Fraction, ...]]:
    constraints = [([F(v) for v in r], F(b)) for r, b in zip(rows, bounds, strict=True)]
    constraints += [([F(-1 if j == k else 0) for j in range(n)], F(0)) for k in range(n)]
    found = set()
    for chosen in combinations(constraints, n):
        x = solve_exact([c[0] for c in chosen], [c[1] for c in chosen])
        if x is not None and is_feasible(rows, bounds, x):
            found.add(tuple(x))
    return sorted(found)


def lexicographic_best(
    objectives: list[list[int]], points: list[tuple[Fraction, ...]]
) -> tuple[Fraction, ...]:
    values = [tuple(dot(c, x) for c in objectives) for x in points]
    return max(values)


@st.composite
def problems(draw: st.DrawFn) -> tuple[list[list[int]], list[list[int]], list[int]]:
    n = draw(st.integers(2, 4))
    m = draw(st.integers(1, 5))
    coefficient = st.integers(-3, 3)
    rows = draw(st.lists(st.lists(coefficient, min_size=n, max_size=n), min_size=m, max_size=m))
    bounds = draw(st.lists(st.integers(-5, 10), min_size=m, max_size=m))
    # x_j <= 10 keeps every problem bounded, so the vertices are the whole story.
    rows += [[1 if j == k else 0 for j in range(n)] for k in range(n)]
    bounds += [10] * n
    k = draw(st.integers(1, 3))
    objectives = draw(
        st.lists(st.lists(coefficient, min_size=n, max_size=n), min_size=k, max_size=k)
    )
    return objectives, rows, bounds


@settings(max_examples=300, deadline=None)
@given(problems())
def test_matches_vertex_enumeration(
    problem: tuple[list[list[int]], list[list[int]], list[int]],
) -> None:
    objectives, rows, bounds = problem
    n = len(rows[0])
    points = vertices(n, rows, bounds)
    if not points:
        with pytest.raises(Infeasible):
            maximize(objectives, rows, bounds)
        return
    x = maximize(objectives, rows, bounds)
    assert len(x) == n
    assert is_feasible(rows, bounds, x)
    assert x in points  # the simplex only ever stops at a vertex
    assert tuple(dot(c, x) for c in objectives) == lexicographic_best(objectives, points)
    assert maximize(objectives, rows, bounds) == x
