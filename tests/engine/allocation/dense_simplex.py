"""The simplex on dense rows, as :mod:`recertlib.engine.allocation.lp` was before its rows
became sparse: kept as the reference the sparse solver must follow pivot for pivot, so that
the vertex it returns among equal optima (and so every verdict) is unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import gcd, lcm

from recertlib.engine.allocation.lp import Infeasible, Unbounded

__all__ = ["maximize"]

Number = Fraction | int


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


def _reduce(row: list[int], den: int) -> tuple[list[int], int]:
    """Divide a row and its denominator by their common factor, to keep the ints small."""
    g = gcd(den, *row)
    if g == 1:
        return row, den
    return [v // g for v in row], den // g


def _eliminate(target: list[int], tden: int, pivot: list[int], col: int) -> tuple[list[int], int]:
    """Subtract the multiple of ``pivot`` that zeroes ``target[col]``.

    The pivot row's own denominator cancels out, so it is not needed.
    """
    s, t = pivot[col], target[col]
    if s < 0:
        s, t = -s, -t
        pivot = [-p for p in pivot]
    return _reduce([s * a - t * b for a, b in zip(target, pivot, strict=True)], tden * s)


class _Tableau:
    """A simplex tableau in equality form: ``A x + s = b`` with slacks ``s`` and a basis.

    Columns are the n variables, then one slack per constraint, then (during phase 1 only) one
    artificial per constraint with a negative bound; the last entry of each row is its
    right-hand side. The objective row encodes ``z + r·x = value``, so a negative ``r_j`` means
    that bringing column j into the basis raises z.
    """

    def __init__(self, n: int, rows: Sequence[Sequence[Number]], bounds: Sequence[Number]):
        self.n = n
        m = len(rows)
        artificial = {i: n + m + k for k, i in enumerate(i for i, b in enumerate(bounds) if b < 0)}
        width = n + m + len(artificial)
        self.rows: list[list[int]] = []
        self.dens: list[int] = []
        self.basis: list[int] = []
        for i, (row, bound) in enumerate(zip(rows, bounds, strict=True)):
            ints, den = _scaled([*row, bound])
            full = [*ints[:n], *([0] * (width - n)), ints[n]]
            full[n + i] = den
            if bound < 0:
                # Negate so the right-hand side is non-negative, and let an artificial hold the
                # row in the initial basis, since its slack would start out negative.
                full = [-v for v in full]
                full[artificial[i]] = den
                self.basis.append(artificial[i])
            else:
                self.basis.append(n + i)
            self.rows.append(full)
            self.dens.append(den)
        self.width = width
        self.allowed = [True] * width
        self.zrow: list[int] = [0] * (width + 1)
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
        self._set_objective([0] * start + [-1] * (self.width - start), 1)
        self._run()
        if self.zrow[-1] < 0:
            raise Infeasible("no point satisfies every constraint")
        # Artificials left in the basis sit at zero; swap each for a real column, or drop its row
        # if there is none, because then the constraint is a combination of the others.
        i = 0
        while i < len(self.rows):
            if self.basis[i] >= start:
                row = self.rows[i]
                col = next((j for j in range(start) if row[j]), None)
                if col is None:
                    del self.rows[i], self.dens[i], self.basis[i]
                    continue
                self._pivot(i, col)
            i += 1
        self.rows = [[*r[:start], r[-1]] for r in self.rows]
        self.width = start
        self.allowed = self.allowed[:start]

    def optimize(self, objective: Sequence[Number]) -> None:
        """Maximize ``objective·x`` over the current face, then shrink the face to its optima."""
        ints, den = _scaled(objective)
        self._set_objective(ints + [0] * (self.width - self.n), den)
        self._run()
        # z = value - r·x with r >= 0 at the optimum, so the optima are exactly the points with
        # x_j = 0 wherever r_j > 0: ban those columns so later objectives keep this value.
        for j, r in enumerate(self.zrow[:-1]):
            if r > 0:
                self.allowed[j] = False

    def solution(self) -> tuple[Fraction, ...]:
        """The current basic solution, restricted to the original variables."""
        x = [Fraction(0)] * self.n
        for row, den, b in zip(self.rows, self.dens, self.basis, strict=True):
            if b < self.n:
                x[b] = Fraction(row[-1], den)
        return tuple(x)

    def _set_objective(self, costs: list[int], den: int) -> None:
        """Install ``z = costs·x / den`` as the objective row, priced out against the basis."""
        zrow, zden = [-c for c in costs] + [0], den
        for row, b in zip(self.rows, self.basis, strict=True):
            if zrow[b]:
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
            bland = self.rows[leave][-1] == 0
            self._pivot(leave, col)

    def _entering(self, bland: bool) -> int | None:
        """The improving column: the most improving one, or the first one under Bland's rule."""
        best: int | None = None
        best_r = 0
        for j, (r, ok) in enumerate(zip(self.zrow, self.allowed, strict=False)):
            if r < best_r and ok:
                if bland:
                    return j
                best, best_r = j, r
        return best

    def _leaving(self, col: int) -> int | None:
        """The row of the minimum ratio test, ties going to the smallest basic column (Bland)."""
        best: int | None = None
        best_num = best_den = 0
        for i, row in enumerate(self.rows):
            a = row[col]
            if a <= 0:
                continue
            # Both sides share the row's denominator, so the ratio is rhs/a in the raw ints;
            # compare rhs_i/a_i with the best by cross-multiplying (both a's are positive).
            rhs = row[-1]
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
            pivot, s = [-v for v in pivot], -s
        # Dividing the row by its pivot entry is just a change of denominator.
        pivot, self.dens[leave] = _reduce(pivot, s)
        self.rows[leave] = pivot
        self.basis[leave] = col
        for i, row in enumerate(self.rows):
            if i != leave and row[col]:
                self.rows[i], self.dens[i] = _eliminate(row, self.dens[i], pivot, col)
        if self.zrow[col]:
            self.zrow, self.zden = _eliminate(self.zrow, self.zden, pivot, col)
