"""The linear programme that places one alternative's credit, built from the credit that has a
choice: its size, and so the work of solving it, is bounded by the rules and the holder's
records as :class:`Programme` says.

Credit that no cap limits and that may go to one area only always counts in full, since
counting it never hurts; it is no part of the programme. The rest is grouped into *pools*:
credit that every cap and minimum sees alike in every area it may go to, summed. Each pool is
one row (its supply), and one column for each way the caps and minimums tell its areas apart
(its *signatures*): two areas of a pool that every cap and minimum sees alike are one column,
whose credit goes to the first of them, exactly where the simplex would put it (two equal
columns are never both in its basis, and the first is always the one chosen). Then one row per
cap that holds some column, and one row and one shortfall column per minimum.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from attrs import frozen

from recertlib.engine.allocation.judge import Credit
from recertlib.quantities.amounts import ZERO
from recertlib.rules import Cap, Demand, Selector

Area = str | None
Signature = tuple[bool, ...]
"""Which caps, then which minimums, see credit in one area."""


@frozen
class Column:
    """A pool's credit placed under one signature."""

    members: tuple[int, ...]
    """The pool's credit, by index into the credit placed, in canonical order."""
    area: Area
    """Where the column's credit counts: the first of the pool's areas with its signature."""
    signature: Signature


@frozen
class Programme:
    """``rows·x <= bounds``, ``x >= 0``, maximizing ``objectives`` in turn: the least shortfall,
    then the most credit counted. Every amount is multiplied by ``scale`` so that the programme
    is in whole numbers.

    Its size is bounded whatever the holder's records: with ``P`` pools (at most the credit
    that has a choice of area or is under a cap), ``K`` the most signatures one pool's areas
    have (at most the areas the credit may count in, and at most the areas the rules' caps and
    minimums tell apart), ``c`` caps and ``m`` minimums, it has at most ``P * K + m`` columns
    and ``P + c + m`` rows.
    """

    columns: tuple[Column, ...]
    """The variables, pool by pool; the ``m`` shortfall columns follow them."""
    pools: tuple[tuple[int, ...], ...]
    """Each pool's members, in the order of their supply rows."""
    rows: tuple[tuple[int, ...], ...]
    bounds: tuple[int, ...]
    objectives: tuple[tuple[int, ...], ...]
    scale: int

    @property
    def width(self) -> int:
        """The number of columns: the variables and one shortfall per minimum."""
        return len(self.objectives[0]) if self.objectives else 0

    @property
    def height(self) -> int:
        """The number of rows."""
        return len(self.rows)


def matches(selector: Selector, credit: Credit, area: Area) -> bool:
    """Whether ``selector`` sees ``credit`` when it counts in ``area``."""
    return selector.matches(
        area=area,
        approved=credit.approved,
        unit=credit.unit,
        tags=credit.tags,
        recorded_in=credit.recorded_in,
    )


class Signatures:
    """The signatures of credit under ``caps`` and ``demand``'s minimums, each worked out once
    per kind of credit (its area, approval, unit, tags and the unit it was recorded in): a
    holder's records are many, their kinds few."""

    def __init__(self, caps: Sequence[Cap], demand: Demand) -> None:
        self.caps = tuple(caps)
        self.demand = demand
        self.selectors = [cap.selector for cap in caps] + [m.selector for m in demand]
        self._known: dict[tuple[object, ...], Signature] = {}

    def of(self, credit: Credit, area: Area) -> Signature:
        """Which caps, then which minimums, see ``credit`` in ``area``."""
        kind = (area, credit.approved, credit.unit, credit.tags, credit.recorded_in)
        found = self._known.get(kind)
        if found is None:
            found = tuple(matches(selector, credit, area) for selector in self.selectors)
            self._known[kind] = found
        return found

    def capped(self, seen: Signature) -> bool:
        """Whether some cap sees credit of signature ``seen``."""
        return any(seen[: len(self.caps)])

    def in_full(self, credit: Credit) -> Signature | None:
        """The signature of ``credit`` when it counts in full, outside the programme: it may
        go to one area only and no cap sees it there; otherwise ``None``."""
        if len(credit.areas) > 1:
            return None
        seen = self.of(credit, credit.area)
        return None if self.capped(seen) else seen


def build(
    countable: Sequence[Credit], signatures: Signatures, needs: Sequence[Decimal]
) -> Programme | None:
    """The programme placing ``countable`` credit under the caps for the minimums of
    ``signatures``, whose amounts still needed are ``needs`` (after the credit that counts in
    full anyway); ``None`` when no credit has a choice.

    Credit that no cap limits and that may go to one area only is left out: the caller counts
    it in full.
    """
    caps, demand = signatures.caps, signatures.demand
    first_minimum = len(caps)
    pools: dict[tuple[tuple[Signature, bool, str], ...], list[int]] = defaultdict(list)
    for index, credit in enumerate(countable):
        if signatures.in_full(credit) is not None:
            continue
        by_area = {area: signatures.of(credit, area) for area in credit.areas}
        key = tuple(sorted((seen, area is None, area or "") for area, seen in by_area.items()))
        pools[key].append(index)
    if not pools:
        return None

    columns: list[Column] = []
    owner: list[int] = []
    for number, (key, members) in enumerate(pools.items()):
        by_area = {(None if empty else area): seen for seen, empty, area in key}
        taken: set[Signature] = set()
        for area in sorted(by_area, key=lambda area: (area is None, area or "")):
            if by_area[area] in taken:
                continue  # an equal column earlier in the pool holds all it could
            taken.add(by_area[area])
            columns.append(Column(tuple(members), area, by_area[area]))
            owner.append(number)
    supplies = [sum((countable[m].amount for m in members), ZERO) for members in pools.values()]
    amounts = [*supplies, *(cap.amount for cap in caps), *needs]
    scale = 10 ** max(0, *(-_exponent(amount) for amount in amounts))
    width = len(columns) + len(demand)
    rows: list[tuple[int, ...]] = []
    bounds: list[int] = []

    def row(chosen: Iterable[int], slack: int | None = None, sign: int = 1) -> tuple[int, ...]:
        line = [0] * width
        for column in chosen:
            line[column] = sign
        if slack is not None:
            line[len(columns) + slack] = -1
        return tuple(line)

    def seen_by(selector: int) -> list[int]:
        return [i for i, column in enumerate(columns) if column.signature[selector]]

    for number, supply in enumerate(supplies):
        rows.append(row(i for i, pool in enumerate(owner) if pool == number))
        bounds.append(int(supply * scale))
    for index, cap in enumerate(caps):
        if held := seen_by(index):
            rows.append(row(held))
            bounds.append(int(cap.amount * scale))
    for slack, need in enumerate(needs):
        rows.append(row(seen_by(first_minimum + slack), slack, sign=-1))
        bounds.append(-int(need * scale))
    least_shortfall = (0,) * len(columns) + (-1,) * len(demand)
    most_credit = (1,) * len(columns) + (0,) * len(demand)
    return Programme(
        columns=tuple(columns),
        pools=tuple(tuple(members) for members in pools.values()),
        rows=tuple(rows),
        bounds=tuple(bounds),
        objectives=(least_shortfall, most_credit),
        scale=scale,
    )


def _exponent(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int), amount
    return exponent


__all__ = ["Column", "Programme", "Signatures", "build", "matches"]
