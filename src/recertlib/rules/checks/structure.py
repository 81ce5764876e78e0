"""Whether a spec's parts fit together: unique rule set ids and sources, each part of the rules
stated once a date, citations that resolve, and a cycle not selected by what it computes."""

from __future__ import annotations

from collections import Counter

from recertlib.rules import CITATION, CredentialSpec, Part, RuleSet, SelectBy


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
