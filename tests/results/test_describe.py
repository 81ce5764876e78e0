"""What a credential needs, read from its rules before anything is evaluated: the facts its
rules read (required where an evaluation fails without them, optional where they only pick
among fees or pathways), the approval its credit needs and the units it takes."""

from __future__ import annotations

import attrs
import pytest
from support import TEST_EDUCATION, TEST_SPEC

from recertlib import Credential, MissingFact, Registry, evaluate
from recertlib.results.render import describe_approval, describe_units, facts_read
from recertlib.rules import (
    FactIs,
    FactKind,
    FactSpec,
    Fee,
    InFirstCycle,
    Minimum,
    Selector,
)
from recertlib.testing import SpecPlugin


def with_rules(*, education: object = TEST_EDUCATION, **changes: object):
    (rule_set,) = TEST_SPEC.rule_sets
    by_credit, by_exam = rule_set.pathways
    rule_set = attrs.evolve(
        rule_set,
        continuing_education=education,
        pathways=(
            attrs.evolve(by_credit, fees=(Fee("Members", 5, when=FactIs("member", True)),)),
            attrs.evolve(by_exam, when=FactIs("veteran", True)),
        ),
    )
    return attrs.evolve(TEST_SPEC, rule_sets=(rule_set,), **changes)


def test_a_fact_a_requirement_needs_is_required_one_for_a_fee_or_a_pathway_is_not() -> None:
    education = attrs.evolve(
        TEST_EDUCATION,
        requirements=(Minimum("Ethics", Selector(tags={"ethics"}), 1, when=InFirstCycle(False)),),
    )
    facts = {fact.name: fact for fact in facts_read(with_rules(education=education))}
    assert set(facts) == {"first_renewal or originally_issued_on", "member", "veteran"}
    assert facts["first_renewal or originally_issued_on"].required
    assert not facts["member"].required
    assert facts["member"].why == "which fees apply; without it, each is listed"
    assert not facts["veteran"].required
    assert facts["veteran"].why == "which pathways are offered; without it, each is listed"


def test_what_is_said_required_is_what_an_evaluation_fails_without() -> None:
    education = attrs.evolve(
        TEST_EDUCATION,
        requirements=(Minimum("Ethics", Selector(tags={"ethics"}), 1, when=FactIs("nurse", True)),),
    )
    spec = with_rules(
        education=education,
        facts=(FactSpec("nurse", FactKind.BOOLEAN, "whether the holder is a nurse"),),
    )
    (nurse,) = [fact for fact in facts_read(spec) if fact.name == "nurse"]
    assert nurse.describe() == "nurse (required: which requirements apply)"
    registry = Registry()
    registry.register(SpecPlugin(spec), name="described")
    credential = Credential("TB", "TC", "Tess", "2020-01-15")
    with pytest.raises(MissingFact) as raised:
        evaluate(credential, [], as_of="2020-06-01", registry=registry)
    assert raised.value.fact == "nurse"
    # The optional ones are not: with the required fact given, the verdict comes.
    given = attrs.evolve(credential, facts={"nurse": True})
    assert evaluate(given, [], as_of="2020-06-01", registry=registry).pathways


def test_approval_names_the_approver_and_the_requirements_that_ask_for_it() -> None:
    said = describe_approval(TEST_SPEC, TEST_EDUCATION)
    assert said == (
        "by TB: an activity's approved_by must name TB (in any case);"
        " Approved counts only approved credit; Not approved counts only credit not approved;"
        " card counts as approved whoever gave them"
    )
    other_code = attrs.evolve(TEST_SPEC, body="TEST-BODY")
    assert "TEST-BODY, this body's code in recertlib, is not taken for TB" in (
        describe_approval(other_code, TEST_EDUCATION) or ""
    )
    plain = attrs.evolve(TEST_EDUCATION, minimums=(), caps=(), approver=None)
    assert describe_approval(TEST_SPEC, plain) is None


def test_the_units_taken_are_those_named_and_the_common_ones_that_convert() -> None:
    assert describe_units(TEST_EDUCATION) == (
        "hour, day, card (no other unit: no common unit converts into these)"
    )
    contact = attrs.evolve(TEST_EDUCATION, conversions=(*TEST_EDUCATION.conversions,))
    named = attrs.evolve(
        contact, conversions=(type(TEST_EDUCATION.conversions[0])("contact_hour", 1),)
    )
    assert describe_units(named) == (
        "contact_hour; and, converted: minute, clock_hour, iacet_ceu, semester_credit,"
        " quarter_credit"
    )
    closed = attrs.evolve(named, common_units_convert=False)
    assert describe_units(closed).startswith("contact_hour (no other unit")
