"""Checks a credential's rules for what attrs validators cannot see: how the parts fit together,
and whether they can ever be satisfied.

A plugin's spec that fails here is refused when it is registered, so that a mistake in a rule
set is an error naming the plugin, never a wrong verdict later. Each problem names the rule set
and the field it is in.

``structure`` checks the spec as a whole (ids, dates, citations, parts); ``facts`` the facts
its conditions ask about; ``credit`` the continuing education rules and whether each minimum
can be met; ``schedule`` the cycles and pathways, probed on many dates; ``alternatives`` how
many alternatives of credit the requirements offer; ``programme`` how much one activity's
credit can add to the programme that places it.
"""

from __future__ import annotations

import attrs

from recertlib.rules import CredentialSpec, RuleSet
from recertlib.rules.checks.alternatives import alternatives_problems, probed_inner_cycles
from recertlib.rules.checks.credit import credit_problems
from recertlib.rules.checks.facts import fact_problems
from recertlib.rules.checks.programme import programme_problems
from recertlib.rules.checks.schedule import cycle_problems, pathway_probes, pathway_problems
from recertlib.rules.checks.structure import (
    record_unit_problems,
    rule_set_structure_problems,
    spec_structure_problems,
)


def spec_problems(spec: CredentialSpec) -> list[str]:
    """Every problem found in ``spec``; an empty list when it can be used.

    A spec whose checks raise (a value its type let through, or a plugin's own rule that
    fails) has that as its problem, so that it is refused rather than evaluated.
    """
    try:
        return _spec_problems(spec)
    except Exception as error:
        return [f"{spec.label}: its rules could not be checked: {type(error).__name__}: {error}"]


def _own_requirement_problems(
    spec: CredentialSpec, rule_set: RuleSet, inner_cycles: list[int | None]
) -> list[str]:
    """A pathway's own requirements, checked as the requirements of every continuing-education
    rule set of the spec, since either may be in force with the other."""
    problems: list[str] = []
    educations = [r.continuing_education for r in spec.rule_sets if r.continuing_education]
    for index, pathway in enumerate(rule_set.pathways or ()):
        if pathway.requirements is None:
            continue
        where = f"pathways[{index}] {pathway.name!r}: its requirements"
        for education in educations:
            own = attrs.evolve(
                education, total=None, minimums=(), requirements=pathway.requirements
            )
            found = [
                *credit_problems(own),
                *alternatives_problems(spec, own, inner_cycles),
                *programme_problems(spec, own, inner_cycles),
            ]
            if found:
                problems.extend(f"{where}: {problem}" for problem in found)
                break
    return problems


def _spec_problems(spec: CredentialSpec) -> list[str]:
    if not spec.rule_sets:
        return [f"{spec.label}: no rule sets"]
    problems = [*spec_structure_problems(spec), *fact_problems(spec), *record_unit_problems(spec)]
    # Computed once for the spec: a rule set's alternatives and pathways are checked against
    # the inner cycles and cycle dates any of its rule sets can produce.
    cycles = [rule_set.cycle for rule_set in spec.rule_sets if rule_set.cycle is not None]
    inner_cycles = probed_inner_cycles(cycles)
    probes = pathway_probes(spec, cycles)
    for rule_set in spec.rule_sets:
        where = f"rule set {rule_set.id!r}"
        problems.extend(rule_set_structure_problems(rule_set))
        if rule_set.cycle is not None:
            problems.extend(f"{where}: {p}" for p in cycle_problems(spec, rule_set.cycle))
        if rule_set.continuing_education is not None:
            education = rule_set.continuing_education
            problems.extend(f"{where}: {p}" for p in credit_problems(education))
            problems.extend(
                f"{where}: {p}" for p in alternatives_problems(spec, education, inner_cycles)
            )
            problems.extend(
                f"{where}: {p}" for p in programme_problems(spec, education, inner_cycles)
            )
        if rule_set.pathways is not None:
            problems.extend(f"{where}: {p}" for p in pathway_problems(rule_set.pathways, probes))
            problems.extend(
                f"{where}: {p}" for p in _own_requirement_problems(spec, rule_set, inner_cycles)
            )
    return [f"{spec.label}: {problem}" for problem in problems]
