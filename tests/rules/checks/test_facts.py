"""A condition on a fact spelt like, but not as, a fact the credential knows, or on a value of
another kind than the fact holds, would silently never hold: the rules are refused when
registered, naming the rule set, the condition's path and the fact."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest
from support import TEST_SPEC

from recertlib.inputs.facts import STANDARD_FACTS
from recertlib.rules import And, FactIs, FactKind, FactSpec, Fee, Not
from recertlib.rules.checks import spec_problems
from recertlib.rules.checks.facts import _STANDARD_KINDS

RULE_SET = TEST_SPEC.rule_sets[0]


def with_fee_when(condition: object, *facts: FactSpec) -> object:
    credit, exam = RULE_SET.pathways
    fee = Fee("Late fee", 25, when=condition)
    pathways = (attrs.evolve(credit, fees=(*credit.fees, fee)), exam)
    return attrs.evolve(
        TEST_SPEC, facts=facts, rule_sets=(attrs.evolve(RULE_SET, pathways=pathways),)
    )


def test_every_standard_fact_has_its_kind():
    assert set(_STANDARD_KINDS) == STANDARD_FACTS


@pytest.mark.parametrize(
    ("condition", "fact", "guess"),
    [
        (FactIs("membr", True), "membr", "member"),  # a standard fact misspelt
        (Not(And(FactIs("member", True), FactIs("sponsered", True))), "sponsered", "sponsored"),
    ],
)
def test_a_fact_spelt_like_a_known_one_is_refused(condition, fact, guess):
    spec = with_fee_when(condition, FactSpec("sponsored", FactKind.BOOLEAN, "Employer pays."))
    [problem] = spec_problems(spec)
    assert f"rule set {RULE_SET.id!r}: pathways[0].fees[1].when" in problem
    assert (
        f"the fact {fact!r} is neither a standard fact nor one the credential declares" in problem
    )
    assert f"did you mean {guess!r}?" in problem


@pytest.mark.parametrize(
    "name",
    [
        "union_contract",  # unlike any known fact
        "active",  # a known fact's part ("inactive")
        "nonmember",  # a known fact with more to it ("member")
        "is_inactive",
        "aapa_member",  # two letters from a declared "aarc_member"
        "state_2",  # a declared "state_1" numbered on
    ],
)
def test_a_fact_not_one_typo_from_a_known_one_is_read_as_given(name):
    # Declaring a fact is what the docs ask, but an undeclared one still reads as the caller
    # gives it: only a likely misspelling (one letter left out, added, changed, or two
    # swapped) is refused.
    declared = (
        FactSpec("aarc_member", FactKind.BOOLEAN, "Member of the AARC."),
        FactSpec("state_1", FactKind.TEXT, "The first state."),
    )
    assert spec_problems(with_fee_when(FactIs(name, True), *declared)) == []


@pytest.mark.parametrize(
    ("name", "meant"),
    [("membr", "member"), ("memebr", "member"), ("mamber", "member"), ("inactiv", "inactive")],
)
def test_one_typo_from_a_standard_fact_is_refused(name, meant):
    [problem] = spec_problems(with_fee_when(FactIs(name, True)))
    assert f"did you mean {meant!r}?" in problem


@pytest.mark.parametrize(
    ("kind", "value", "refused"),
    [
        (FactKind.BOOLEAN, True, False),
        (FactKind.BOOLEAN, "yes", True),
        (FactKind.TEXT, "CA", False),
        (FactKind.TEXT, True, True),
        (FactKind.DECIMAL, Decimal(3), False),
        (FactKind.DECIMAL, True, True),
        (FactKind.DATE, pendulum.date(2024, 2, 29), False),
        (FactKind.DATE, "2024-02-29", True),
    ],
)
def test_a_value_of_another_kind_than_the_fact_is_refused(kind, value, refused):
    spec = with_fee_when(FactIs("state", value), FactSpec("state", kind, "The state."))
    problems = spec_problems(spec)
    assert bool(problems) is refused
    if refused:
        assert f"but it is a {kind.value} fact: the condition could never hold" in problems[0]


def test_a_standard_fact_asked_for_another_kind_is_refused():
    [problem] = spec_problems(with_fee_when(FactIs("member", "yes")))
    assert "the fact 'member' is 'yes', but it is a boolean fact" in problem
