"""Whether a spec's parts fit together: unique rule set ids and sources, each part of the rules
stated once a date, citations that resolve, a cycle not selected by what it computes, and
exams and dues recorded in units of their own."""

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


def record_unit_problems(spec: CredentialSpec) -> list[str]:
    """Units that record an exam passed or dues paid are records, not credit: a unit that
    continuing education also counts (named, or a common unit converted into one) would take
    an hour of education for a passed exam or a payment, and a unit of both an exam and dues
    would take a payment for a passed exam. Checked across every rule set of the spec, since
    any may be in force with another."""
    credit = {
        unit: rule_set.id
        for rule_set in spec.rule_sets
        if rule_set.continuing_education is not None
        for unit in compile_education(rule_set.continuing_education).routes
    }
    dues = {
        unit: (rule_set.id, paid.label)
        for rule_set in spec.rule_sets
        if rule_set.cycle is not None
        for paid in rule_set.cycle.dues
        for unit in paid.units
    }
    own = ' in a unit of its own ("exam", say)'
    problems: list[str] = []
    for rule_set in spec.rule_sets:
        where = f"rule set {rule_set.id!r}"
        for index, pathway in enumerate(rule_set.pathways or ()):
            for unit in sorted(pathway.exam_units):
                named = f"{where}: pathways[{index}] {pathway.name!r}: its exam unit {unit!r}"
                if unit in credit:
                    problems.append(
                        f"{named} is a unit the continuing education of rule set"
                        f" {credit[unit]!r} counts, so credit recorded in it would count as a"
                        f" passed exam: record the exam{own}"
                    )
                if unit in dues:
                    problems.append(
                        f"{named} records {dues[unit][1]!r} paid (rule set {dues[unit][0]!r}),"
                        f" so a payment would count as a passed exam: record the exam{own}"
                    )
        for index, paid in enumerate(rule_set.cycle.dues if rule_set.cycle else ()):
            problems.extend(
                f"{where}: cycle.dues[{index}] {paid.label!r}: its unit {unit!r} is a unit the"
                f" continuing education of rule set {credit[unit]!r} counts, so credit recorded"
                " in it would be taken for a payment and never counted: record payments in a"
                ' unit of their own ("dues", say)'
                for unit in sorted(paid.units)
                if unit in credit
            )
    return problems
