"""An exact, deterministic simplex solver for tiny linear programs.

Credit allocation needs answers that are exact (a credit hour is never 0.999...) and reproducible
(the same record must always be allocated the same way), on problems with a few dozen variables
at most for a body's rules, a few thousand for adversarial ones. So this is a two-phase primal
simplex in pure Python with no floating point.

Internally every tableau row is a sparse row of Python ints (its non-zero entries by column)
plus one positive int denominator: the true row is ``ints / denominator``. Integer arithmetic is
several times cheaper than :class:`fractions.Fraction` arithmetic (no gcd after every
operation), a row whose entry in the pivot column is zero is left untouched by a pivot, a
pivot touches only the non-zero entries of the rows it changes (an allocation programme's
columns each sit in a few rows, so its rows stay mostly zero), and each changed row is reduced
by the gcd of its entries once per pivot so the numbers stay as small as the Fraction form
would keep them. Skipping zeros changes no step: the pivots, and so the vertex returned, are
those of the same simplex on dense rows.

Pivoting uses the largest-coefficient rule while it makes progress and falls back to Bland's
smallest-index rule after a degenerate pivot, until a pivot strictly improves the objective.
Every step is a deterministic function of the input, and the fallback guarantees termination:
cycling needs an endless run of degenerate pivots, and such a run would be all Bland pivots,
which cannot cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import gcd, lcm

__all__ = ["Infeasible", "Unbounded", "maximize"]

Number = Fraction | int

Row = dict[int, int]
"""A tableau row by column: only its non-zero entries, so that a pivot costs what the row
holds rather than the programme's width."""

RHS = -1
"""The key of a row's right-hand side."""


class Infeasible(Exception):
    """No x >= 0 satisfies every constraint."""


class Unbounded(Exception):
    """An objective can be made arbitrarily large (over the optima of the objectives before it)."""


def maximize(
    objectives: Sequence[Sequence[Number]],
    rows: Sequence[Sequence[Number]],
    bounds: Sequence[Number],
) -> tuple[Fraction, ...]:
    """Lexicographically maximize ``objectives`` subject to ``rows[i]·x <= bounds[i]``, ``x >= 0``.

    ``objectives[0]·x`` is maximized first; then ``objectives[1]·x`` among the maximizers of the
    first; and so on. Bounds may be negative (a first phase then finds a feasible point). With no
    objectives, some feasible vertex is returned.

    Returns x, one :class:`~fractions.Fraction` per variable (the length of each row and
    objective). Among several optimal points the vertex returned is always the same for the
    same input.

    Raises:
        Infeasible: no x satisfies the constraints.
        Unbounded: an objective is unbounded above on the optima of the ones before it.
        ValueError: the rows, objectives and bounds do not fit together.
        TypeError: a coefficient is not an int or a Fraction (floats would not be exact).
    """
    if len(rows) != len(bounds):
        raise ValueError(f"{len(rows)} rows but {len(bounds)} bounds")
    widths = {len(r) for r in rows} | {len(c) for c in objectives}
    if len(widths) > 1:
        raise ValueError(f"rows and objectives have differing lengths {sorted(widths)}")
    n = widths.pop() if widths else 0
    tableau = _Tableau(n, rows, bounds)
    tableau.find_feasible()
    for objective in objectives:
        tableau.optimize(objective)
    return tableau.solution()


def _scaled(values: Sequence[Number]) -> tuple[list[int], int]:
    """``values`` as ints over a common positive denominator (so exact input stays exact)."""
    if all(type(v) is int for v in values):
        return list(values), 1  # type: ignore[arg-type]
    for v in values:
        # bool is an int subclass but almost surely a mistake here; floats are inexact.
        if isinstance(v, bool) or not isinstance(v, int | Fraction):
            raise TypeError(f"coefficient {v!r} is not an int or a Fraction")
    den = lcm(*(v.denominator for v in values)) if values else 1
    return [v.numerator * (den // v.denominator) for v in values], den


def _reduce(row: Row, den: int) -> tuple[Row, int]:
    """Divide a row and its denominator by their common factor, to keep the ints small."""
    g = gcd(den, *row.values())
    if g == 1:
        return row, den
    return {j: v // g for j, v in row.items()}, den // g


def _eliminate(target: Row, tden: int, pivot: Row, col: int) -> tuple[Row, int]:
    """Subtract the multiple of ``pivot`` that zeroes ``target[col]``.

    The pivot row's own denominator cancels out, so it is not needed.
    """
    s, t = pivot[col], target[col]
    if s < 0:
        s, t = -s, -t
        pivot = {j: -v for j, v in pivot.items()}
    row = dict(target) if s == 1 else {j: s * v for j, v in target.items()}
    for j, v in pivot.items():
        value = row.get(j, 0) - t * v
        if value:
            row[j] = value
        else:
            # t and v are not zero, so a zero here cancels an entry the row has.
            del row[j]
    return _reduce(row, tden * s)


class _Tableau:
    """A simplex tableau in equality form: ``A x + s = b`` with slacks ``s`` and a basis.

    Columns are the n variables, then one slack per constraint, then (during phase 1 only) one
    artificial per constraint with a negative bound; the right-hand side of each row is kept
    under the key :data:`RHS`. The objective row encodes ``z + r·x = value``, so a negative
    ``r_j`` means that bringing column j into the basis raises z.
    """

    def __init__(self, n: int, rows: Sequence[Sequence[Number]], bounds: Sequence[Number]):
        self.n = n
        m = len(rows)
        artificial = {i: n + m + k for k, i in enumerate(i for i, b in enumerate(bounds) if b < 0)}
        width = n + m + len(artificial)
        self.rows: list[Row] = []
        self.dens: list[int] = []
        self.basis: list[int] = []
        for i, (row, bound) in enumerate(zip(rows, bounds, strict=True)):
            ints, den = _scaled([*row, bound])
            full = {j: v for j, v in enumerate(ints[:n]) if v}
            full[n + i] = den
            if ints[n]:
                full[RHS] = ints[n]
            if bound < 0:
                # Negate so the right-hand side is non-negative, and let an artificial hold the
                # row in the initial basis, since its slack would start out negative.
                full = {j: -v for j, v in full.items()}
                full[artificial[i]] = den
                self.basis.append(artificial[i])
            else:
                self.basis.append(n + i)
            self.rows.append(full)
            self.dens.append(den)
        self.width = width
        self.allowed = [True] * width
        self.zrow: Row = {}
        self.zden = 1
        self.first_artificial = n + m

    def find_feasible(self) -> None:
        """Phase 1: drive every artificial to zero, then drop the artificial columns."""
        start = self.first_artificial
        if start == self.width:
            return
        for k in range(start, self.width):
            self.allowed[k] = False
        # Maximize minus the sum of the artificials: a cost of -1 on each artificial column.
        self._set_objective(dict.fromkeys(range(start, self.width), -1), 1)
        self._run()
        if self.zrow.get(RHS, 0) < 0:
            raise Infeasible("no point satisfies every constraint")
        # Artificials left in the basis sit at zero; swap each for a real column, or drop its row
        # if there is none, because then the constraint is a combination of the others.
        i = 0
        while i < len(self.rows):
            if self.basis[i] >= start:
                col = min((j for j in self.rows[i] if 0 <= j < start), default=None)
                if col is None:
                    del self.rows[i], self.dens[i], self.basis[i]
                    continue
                self._pivot(i, col)
            i += 1
        self.rows = [{j: v for j, v in r.items() if j < start} for r in self.rows]
        self.width = start
        self.allowed = self.allowed[:start]

    def optimize(self, objective: Sequence[Number]) -> None:
        """Maximize ``objective·x`` over the current face, then shrink the face to its optima."""
        ints, den = _scaled(objective)
        self._set_objective({j: v for j, v in enumerate(ints) if v}, den)
        self._run()
        # z = value - r·x with r >= 0 at the optimum, so the optima are exactly the points with
        # x_j = 0 wherever r_j > 0: ban those columns so later objectives keep this value.
        for j, r in self.zrow.items():
            if r > 0 and j != RHS:
                self.allowed[j] = False

    def solution(self) -> tuple[Fraction, ...]:
        """The current basic solution, restricted to the original variables."""
        x = [Fraction(0)] * self.n
        for row, den, b in zip(self.rows, self.dens, self.basis, strict=True):
            if b < self.n:
                x[b] = Fraction(row.get(RHS, 0), den)
        return tuple(x)

    def _set_objective(self, costs: Row, den: int) -> None:
        """Install ``z = costs·x / den`` as the objective row, priced out against the basis."""
        zrow, zden = {j: -c for j, c in costs.items()}, den
        for row, b in zip(self.rows, self.basis, strict=True):
            if zrow.get(b):
                zrow, zden = _eliminate(zrow, zden, row, b)
        self.zrow, self.zden = zrow, zden

    def _run(self) -> None:
        """Pivot until no allowed column improves the objective."""
        bland = False
        while True:
            col = self._entering(bland)
            if col is None:
                return
            leave = self._leaving(col)
            if leave is None:
                raise Unbounded("the objective is unbounded above")
            bland = self.rows[leave].get(RHS, 0) == 0
            self._pivot(leave, col)

    def _entering(self, bland: bool) -> int | None:
        """The improving column: the most improving one, or the first one under Bland's rule."""
        best: int | None = None
        best_r = 0
        for j in sorted(j for j, r in self.zrow.items() if r < 0 and j != RHS):
            r = self.zrow[j]
            if r < best_r and self.allowed[j]:
                if bland:
                    return j
                best, best_r = j, r
        return best

    def _leaving(self, col: int) -> int | None:
        """The row of the minimum ratio test, ties going to the smallest basic column (Bland)."""
        best: int | None = None
        best_num = best_den = 0
        for i, row in enumerate(self.rows):
            a = row.get(col, 0)
            if a <= 0:
                continue
            # Both sides share the row's denominator, so the ratio is rhs/a in the raw ints;
            # compare rhs_i/a_i with the best by cross-multiplying (both a's are positive).
            rhs = row.get(RHS, 0)
            if best is None:
                better = True
            else:
                lhs, rhs_best = rhs * best_den, best_num * a
                better = lhs < rhs_best or (lhs == rhs_best and self.basis[i] < self.basis[best])
            if better:
                best, best_num, best_den = i, rhs, a
        return best

    def _pivot(self, leave: int, col: int) -> None:
        """Make ``col`` basic in row ``leave``."""
        pivot = self.rows[leave]
        s = pivot[col]
        if s < 0:
            pivot, s = {j: -v for j, v in pivot.items()}, -s
        # Dividing the row by its pivot entry is just a change of denominator.
        pivot, self.dens[leave] = _reduce(pivot, s)
        self.rows[leave] = pivot
        self.basis[leave] = col
        for i, row in enumerate(self.rows):
            if i != leave and row.get(col):
                self.rows[i], self.dens[i] = _eliminate(row, self.dens[i], pivot, col)
        if self.zrow.get(col):
            self.zrow, self.zden = _eliminate(self.zrow, self.zden, pivot, col)
