"""Whether the requirement tree offers a bounded number of alternatives of credit, whatever the
holder's facts: each condition on a fact nobody gave is taken both ways, in every inner cycle."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pendulum

from recertlib.quantities.dates import Date
from recertlib.rules import ContinuingEducation, CredentialSpec, Cycle, FactReader, Facts
from recertlib.rules.requirements import MAX_ALTERNATIVES, Demand, combined


def probed_inner_cycles(cycles: Iterable[Cycle]) -> list[int | None]:
    most = max((c.outer.inner_cycles for c in cycles if c.outer is not None), default=0)
    return [None, *range(1, most + 1)]


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

    def reached(self, rule: Any) -> bool:
        return self.oracle.equals(f"(reached {rule!r})", True)

    def cycle_number(self, why: str) -> int:
        # Each number in turn, one run each, up to a bound past which conditions that count
        # cycles repeat themselves in the rules recertlib has seen.
        for number in range(1, _CYCLE_NUMBERS):
            if self.oracle.equals("(cycle number)", number):
                return number
        return _CYCLE_NUMBERS


_CYCLE_NUMBERS = 13
"""The cycle numbers tried: 1 to 13, enough for the first cycle and every second, third,
fourth or sixth one to come up."""
_MAX_RUNS = 512
"""The most combinations of conditions tried per inner cycle."""
_TOO_MANY = f"more than {MAX_ALTERNATIVES} alternatives"


def alternatives_problems(
    spec: CredentialSpec, rules: ContinuingEducation, inner_cycles: Sequence[int | None]
) -> list[str]:
    for inner, found in probed_alternatives(spec, rules, inner_cycles):
        if found is None:
            in_inner = "" if inner is None else f" in inner cycle {inner}"
            return [
                f"continuing_education requirements offer more than {MAX_ALTERNATIVES}"
                f" alternatives of credit{in_inner}; group them differently"
            ]
    return []


def probed_alternatives(
    spec: CredentialSpec, rules: ContinuingEducation, inner_cycles: Sequence[int | None]
) -> Iterator[tuple[int | None, tuple[Demand, ...] | None]]:
    """The alternatives of credit the requirements offer in each inner cycle, whatever the
    holder's facts: one answer per combination of conditions on unknown facts, ``None`` where
    they offer more than :data:`~recertlib.rules.requirements.MAX_ALTERNATIVES`. A plugin's
    own requirement that needs real facts is not probed."""
    requirements = rules.all_requirements()
    for inner in inner_cycles:
        decisions: list[bool] | None = []
        runs = 0
        while decisions is not None and runs < _MAX_RUNS:
            runs += 1
            oracle = _Oracle(decisions)
            reader = _UnknownFacts(spec, oracle)
            found: tuple[Demand, ...] | None
            try:
                found = combined(
                    [requirement.demands(reader, inner) for requirement in requirements]
                )
            except ValueError as error:
                # combined() says so, in a group or across the requirements
                if _TOO_MANY not in str(error):
                    continue
                found = None
            except Exception:
                continue  # a plugin's own requirement that needs real facts: not checked
            finally:
                decisions = _next_decisions(oracle.decisions[: oracle.asked])
            yield inner, found


def _next_decisions(taken: list[bool]) -> list[bool] | None:
    """The next path of decisions to try after ``taken``, depth first; ``None`` when done."""
    while taken and taken[-1]:
        taken.pop()
    if not taken:
        return None
    taken[-1] = True
    return taken
