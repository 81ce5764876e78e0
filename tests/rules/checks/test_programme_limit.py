"""Rule sets whose allocation programme could grow past the limit are refused when registered,
with the numbers and what to change; up to the limit they are accepted (issue 16 item 6)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from support import TEST_SPEC, InProcessPlugin

from recertlib import Registry
from recertlib.errors import InvalidRuleSet
from recertlib.rules import (
    AnyOf,
    Cap,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Minimum,
    Overflow,
    Pathway,
    PathwayKind,
    Selector,
)
from recertlib.rules.checks.programme import PROGRAMME_LIMIT, places
from tests.adversarial import adversarial_rules, area_names

RULE_SET = TEST_SPEC.rule_sets[0]
ORIGIN = "tb-rules 1.0"


def spec_of(education: ContinuingEducation, **changes: object) -> CredentialSpec:
    rule_set = attrs.evolve(RULE_SET, id="big", continuing_education=education, **changes)
    return CredentialSpec("TB", "BIG", "Big", "Test Body", (rule_set,))


def sized(apart: int, caps: int, minimums: int) -> ContinuingEducation:
    """Rules with ``apart`` areas all told apart (each named alone by a minimum or a cap, but
    the last, named by none), ``caps`` caps and ``minimums`` minimums; no total."""
    names = area_names(apart)
    named = apart - 1
    assert minimums + caps >= named
    return ContinuingEducation(
        unit="credit",
        total=None,
        conversions=(Conversion("hour", 1),),
        minimums=tuple(
            Minimum(f"Minimum {i}", Selector(areas={names[i % named]}), 1) for i in range(minimums)
        ),
        caps=tuple(
            Cap(f"Cap {j}", Selector(areas={names[(minimums + j) % named]}), 5) for j in range(caps)
        ),
        areas=frozenset(names),
    )


def refusal(spec: CredentialSpec) -> str:
    with pytest.raises(InvalidRuleSet) as caught:
        Registry().register(InProcessPlugin(spec), origin=ORIGIN)
    return str(caught.value)


def accepted(spec: CredentialSpec) -> None:
    Registry().register(InProcessPlugin(spec), origin=ORIGIN)


def test_the_limit_is_what_the_docs_say() -> None:
    assert PROGRAMME_LIMIT == 1024


def test_exactly_at_the_limit_is_accepted() -> None:
    # 32 areas told apart, 2 caps and 29 minimums: 32 x (1 + 2 + 29) = 1024.
    rules = sized(32, 2, 29)
    assert (
        places(rules, [*(c.selector for c in rules.caps), *(m.selector for m in rules.minimums)])
        == 32
    )
    accepted(spec_of(rules))


def test_one_above_the_limit_is_refused_with_the_numbers_and_what_to_change() -> None:
    # 25 areas told apart, 2 caps and 38 minimums: 25 x (1 + 2 + 38) = 1025.
    message = refusal(spec_of(sized(25, 2, 38)))
    assert message == (
        f"plugin {ORIGIN}: TB BIG: rule set 'big': continuing_education: one activity's credit"
        " could add 1025 coefficients to the allocation programme (25 areas the caps and"
        " minimums tell apart, each a column with a coefficient in its own row and in those of"
        " 2 caps and up to 38 minimums of one alternative: 25 x (1 + 2 + 38)), more than the"
        " limit of 1024, past which evaluating a few hundred records could take minutes; have"
        " the caps and minimums name areas in fewer distinct combinations, or use fewer caps or"
        " minimums in one alternative"
    )


def test_areas_named_alike_are_counted_once() -> None:
    # The same rules over 200 more areas that no cap or minimum names: still 25 apart, since
    # those are seen as the 25th area, which none names either, is.
    rules = sized(25, 2, 38)
    wider = attrs.evolve(rules, areas=rules.areas | set(area_names(225)[25:]))
    selectors = [*(c.selector for c in wider.caps), *(m.selector for m in wider.minimums)]
    assert places(wider, selectors) == 25


def test_without_areas_credit_has_one_place() -> None:
    rules = ContinuingEducation(
        unit="credit",
        total=Decimal(2),
        conversions=(Conversion("hour", 1),),
        caps=tuple(Cap(f"Cap {i}", Selector(units={"hour"}), 5) for i in range(3)),
    )
    assert places(rules, [cap.selector for cap in rules.caps]) == 1


def test_an_overflow_area_outside_the_areas_is_a_place() -> None:
    rules = attrs.evolve(
        sized(3, 0, 2), overflows=(Overflow(frozenset(area_names(3)), "elsewhere"),)
    )
    selectors = [minimum.selector for minimum in rules.minimums]
    # Areas 00 and 01 are named; 02 and "elsewhere" are named by none, so alike.
    assert places(rules, selectors) == 3


def test_minimums_count_per_alternative_not_in_all() -> None:
    # Forty minimums, but offered as alternatives of one: 32 x (1 + 2 + 1) fits the limit,
    # while all forty at once would not.
    names = area_names(32)
    members = [Minimum(f"Minimum {i}", Selector(areas={names[i % 31]}), 1) for i in range(40)]
    rules = ContinuingEducation(
        unit="credit",
        total=None,
        conversions=(Conversion("hour", 1),),
        requirements=(AnyOf("One of", *members),),
        caps=(
            Cap("Cap 0", Selector(areas={names[0]}), 5),
            Cap("Cap 1", Selector(areas={names[1]}), 5),
        ),
        areas=frozenset(names),
    )
    accepted(spec_of(rules))
    every = attrs.evolve(rules, requirements=(), minimums=tuple(members))
    assert "could add 1376 coefficients" in refusal(spec_of(every))


def test_a_pathways_own_requirements_are_held_to_the_limit() -> None:
    big = sized(25, 0, 40)
    own = Pathway(
        PathwayKind.CONTINUING_EDUCATION,
        "By many minimums",
        requires_credit=True,
        requirements=big.minimums,
    )
    rules = attrs.evolve(big, minimums=())
    spec = spec_of(rules, pathways=(*(RULE_SET.pathways or ()), own))
    message = refusal(spec)
    assert "pathways[" in message
    assert "'By many minimums': its requirements: continuing_education: one activity's" in message
    assert "25 x (1 + 0 + 40)" in message


def test_the_issues_rule_set_is_accepted_and_evaluated_within_its_bound() -> None:
    # 20 areas x 20 caps x 20 minimums and a total: 20 x (1 + 20 + 21) = 840. What its
    # evaluation builds is counted in tests/engine/allocation/test_programme.py.
    accepted(spec_of(adversarial_rules(20, 20, 20)))
