"""Whether a spec's parts fit together: unique rule set ids and sources, each part of the rules
stated once a date, citations that resolve, a cycle not selected by what it computes, and
exams recorded in units of their own."""

from __future__ import annotations

from collections import Counter

from recertlib.rules import CITATION, CredentialSpec, Part, RuleSet, SelectBy
from recertlib.rules.compiled import compile_education


def spec_structure_problems(spec: CredentialSpec) -> list[str]:
    problems: list[str] = []
    for rule_set_id, count in Counter(rule_set.id for rule_set in spec.rule_sets).items():
        if count > 1:
            problems.append(f"rule set id {rule_set_id!r} is used {count} times")
    for part in Part:
        history = spec.history(part)
        if not history:
            problems.append(f"no rule set states the {part.value} rules")
        dates = Counter(rule_set.effective_from for rule_set in history)
        for date, count in dates.items():
            if count > 1:
                problems.append(f"{count} rule sets state the {part.value} rules from {date}")
    keys = Counter(source.key for source in spec.sources)
    problems.extend(f"source [{key}] is defined {n} times" for key, n in keys.items() if n > 1)
    for rule_set in spec.rule_sets:
        fees = [fee for pathway in rule_set.pathways or () for fee in pathway.fees]
        for citing in [rule_set.source, *(fee.source for fee in fees)]:
            problems.extend(
                f"rule set {rule_set.id!r} cites [{key}], which no source defines"
                for key in CITATION.findall(citing)
                if key not in keys
            )
    if spec.selection.cycle is SelectBy.EXPIRES_ON:
        problems.append("the cycle rules cannot be selected by the expiry date they compute")
    return problems


def rule_set_structure_problems(rule_set: RuleSet) -> list[str]:
    if not any(rule_set.states(part) for part in Part):
        return [f"rule set {rule_set.id!r} states no part of the rules"]
    return []


def exam_unit_problems(spec: CredentialSpec) -> list[str]:
    """A pathway whose passed exam is recorded in a unit continuing education counts (as a
    named unit, or a common unit converted into one) would take an hour of education for a
    passed exam; checked against every continuing-education rule set of the spec, since any
    may be in force with the pathway."""
    credit = {
        unit: rule_set.id
        for rule_set in spec.rule_sets
        if rule_set.continuing_education is not None
        for unit in compile_education(rule_set.continuing_education).routes
    }
    problems: list[str] = []
    for rule_set in spec.rule_sets:
        for index, pathway in enumerate(rule_set.pathways or ()):
            problems.extend(
                f"rule set {rule_set.id!r}: pathways[{index}] {pathway.name!r}: its exam unit"
                f" {unit!r} is a unit the continuing education of rule set {credit[unit]!r}"
                " counts, so credit recorded in it would count as a passed exam: record the"
                ' exam in a unit of its own ("exam", say)'
                for unit in sorted(pathway.exam_units)
                if unit in credit
            )
    return problems
