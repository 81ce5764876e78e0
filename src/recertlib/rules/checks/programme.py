"""Whether the programme that places a holder's credit stays small enough to solve, whatever the
records: refused at registration, with the numbers, when one activity's credit could add more
to it than :data:`PROGRAMME_LIMIT`.

Where credit has a choice (of area, or under a cap), the engine places it with a linear
programme (:class:`recertlib.engine.allocation.programme.Programme`): each pool of credit adds
one row, and one column for each way the caps and minimums tell apart the areas it may count
in; each such column has a coefficient in the pool's own row and in the row of every cap and
minimum that sees it. So one activity's credit adds at most ``K * (1 + c + m)`` coefficients,
where ``K`` is the number of the rules' areas that the caps and minimums tell apart, ``c`` the
number of caps and ``m`` the most minimums of one alternative of the requirements. The work
of an evaluation grows with the records only through that, and only what the rules fix is
checked here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from recertlib.rules import ContinuingEducation, CredentialSpec, Selector
from recertlib.rules.checks.alternatives import probed_alternatives

PROGRAMME_LIMIT = 1024
"""The most coefficients one activity's credit may add to the allocation programme
(``K * (1 + c + m)``, above). The shipped bodies need at most 105 (NREMT); an adversarial
rule set of 20 areas, 20 caps and 20 minimums with a total needs 840. Past the limit, an
evaluation of a few hundred records could solve a programme of tens of thousands of columns."""


def places(rules: ContinuingEducation, selectors: Iterable[Selector]) -> int:
    """How many of the areas credit may count in ``selectors`` tell apart: those that every
    selector either names or does not are one. Without areas, credit counts in one place."""
    if rules.areas is None:
        return 1
    chosen = [selector.areas for selector in selectors if selector.areas is not None]
    counted_in = rules.areas | {overflow.into for overflow in rules.overflows}
    return len({tuple(area in areas for areas in chosen) for area in counted_in})


def programme_problems(
    spec: CredentialSpec, rules: ContinuingEducation, inner_cycles: Sequence[int | None]
) -> list[str]:
    alternatives = [
        demand
        for _, found in probed_alternatives(spec, rules, inner_cycles)
        for demand in found or ()
    ]
    caps = len(rules.caps)
    minimums = max((len(demand) for demand in alternatives), default=0)
    selectors = [cap.selector for cap in rules.caps]
    selectors += [minimum.selector for demand in alternatives for minimum in demand]
    apart = places(rules, selectors)
    size = apart * (1 + caps + minimums)
    if size <= PROGRAMME_LIMIT:
        return []
    return [
        f"continuing_education: one activity's credit could add {size} coefficients to the"
        f" allocation programme ({apart} areas the caps and minimums tell apart, each a column"
        f" with a coefficient in its own row and in those of {caps} caps and up to {minimums}"
        f" minimums of one alternative: {apart} x (1 + {caps} + {minimums})), more than the"
        f" limit of {PROGRAMME_LIMIT}, past which evaluating a few hundred records could take"
        " minutes; have the caps and minimums name areas in fewer distinct combinations, or"
        " use fewer caps or minimums in one alternative"
    ]
