"""A credential's rules are compiled once, when they are registered, into what every
evaluation reads; the compiled routes of the common units say what the relations say."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import TEST_EDUCATION, TEST_SPEC, InProcessPlugin

from recertlib import Credential, Registry, evaluate
from recertlib.engine import evaluate_with_spec
from recertlib.errors import InvalidRuleSet
from recertlib.quantities import units
from recertlib.quantities.dates import to_date
from recertlib.rules import ContinuingEducation, Conversion, Minimum, RefusedUnit, Selector
from recertlib.rules.compiled import compile_credential, compile_education


def test_a_registry_compiles_each_credential_once_when_it_is_registered():
    registry = Registry.from_plugins(InProcessPlugin())
    spec = registry.get("TB", "TC")
    compiled = registry.compiled(spec)
    assert compiled.spec is spec
    assert registry.compiled(spec) is compiled


def test_a_spec_the_registry_does_not_hold_is_compiled_for_the_caller():
    registry = Registry.from_plugins(InProcessPlugin())
    other = attrs.evolve(TEST_SPEC, name="Another")
    compiled = registry.compiled(other)
    assert compiled.spec is other
    assert compiled is not registry.compiled(registry.get("TB", "TC"))


def test_unregistering_a_plugin_forgets_its_compiled_rules():
    plugin = InProcessPlugin()
    registry = Registry.from_plugins(plugin)
    registry.unregister(plugin)
    again = attrs.evolve(TEST_SPEC, name="Test Credential again")
    registry.register(InProcessPlugin(again))
    assert registry.get("TB", "TC") is again
    assert registry.compiled(again).spec is again


def test_every_rule_set_and_pathway_is_compiled():
    compiled = compile_credential(TEST_SPEC)
    rule_set = TEST_SPEC.rule_sets[0]
    assert compiled.education[rule_set.id].rules is TEST_EDUCATION
    assert [p.pathway for p in compiled.pathways[rule_set.id]] == list(rule_set.pathways)
    # Neither pathway has requirements of its own: both are assessed by the rule set's.
    education = compiled.education[rule_set.id]
    assert all(
        p.education(education, rule_set) is education for p in compiled.pathways[rule_set.id]
    )


def test_a_pathway_with_requirements_of_its_own_is_compiled_under_each_credit_rule_set():
    rule_set = TEST_SPEC.rule_sets[0]
    assert rule_set.pathways is not None
    own = (Minimum("Own", Selector(), 3),)
    pathways = (attrs.evolve(rule_set.pathways[0], requirements=own), rule_set.pathways[1])
    spec = attrs.evolve(TEST_SPEC, rule_sets=(attrs.evolve(rule_set, pathways=pathways),))
    compiled = compile_credential(spec)
    first = compiled.pathways[rule_set.id][0]
    education = compiled.education[rule_set.id]
    theirs = first.education(education, rule_set)
    assert theirs is not education
    assert theirs.requirements == own
    assert theirs.rules.conversions == education.rules.conversions


def test_the_first_conversion_of_a_unit_is_the_one_that_takes_it():
    rules = attrs.evolve(TEST_EDUCATION, conversions=(Conversion("hour", 1), Conversion("hour", 2)))
    route = compile_education(rules).route("hour")
    assert route is not None
    assert route.conversion.factor == 1


def test_units_the_rules_do_not_take_have_no_route_and_are_told_what_is_taken():
    compiled = compile_education(TEST_EDUCATION)
    assert compiled.route("furlong") is None
    assert compiled.unknown_unit == "is not one of: hour, day, card"
    hours = attrs.evolve(TEST_EDUCATION, conversions=(Conversion("contact_hour", 1),))
    assert compile_education(hours).unknown_unit == (
        "is not one of: contact_hour (nor of the common units converted into them: minute,"
        " clock_hour, iacet_ceu, semester_credit, quarter_credit)"
    )
    closed = attrs.evolve(hours, common_units_convert=False)
    assert compile_education(closed).route("iacet_ceu") is None
    assert compile_education(closed).unknown_unit == "is not one of: contact_hour"


COMMON = [unit.name for unit in units.UNITS]


@given(
    taken=st.lists(st.sampled_from([*COMMON, "point", "credit"]), min_size=1, unique=True),
    recorded=st.sampled_from(COMMON),
    amount=st.decimals(min_value=0, max_value=1000, places=2),
)
def test_a_compiled_route_converts_as_the_relations_do(taken, recorded, amount):
    rules = ContinuingEducation(
        unit="point", total=Decimal(1), conversions=[Conversion(unit, 1) for unit in taken]
    )
    route = compile_education(rules).route(recorded)
    expected = units.convert(amount, recorded, taken) if recorded not in taken else None
    if recorded in taken:
        assert route is not None
        assert route.ratio is None
        assert route.conversion.unit == recorded
    elif expected is None:
        assert route is None
    else:
        assert route is not None
        assert route.ratio is not None
        assert units.converted(amount, recorded, route.conversion.unit, route.ratio) == expected


@attrs.frozen
class _MeasuresBadly:
    name: str = "Badly"

    def demands(self, facts, inner_cycle):
        return ((),)

    def measured_units(self):
        raise RuntimeError("no units today")

    def assess(self, standing):
        return None

    def describe(self, unit):
        return "a requirement that cannot say what it measures"


def test_a_plugin_whose_requirement_fails_when_compiled_is_refused_at_registration():
    rule_set = TEST_SPEC.rule_sets[0]
    education = attrs.evolve(TEST_EDUCATION, requirements=(_MeasuresBadly(),))
    spec = attrs.evolve(
        TEST_SPEC, rule_sets=(attrs.evolve(rule_set, continuing_education=education),)
    )
    with pytest.raises(InvalidRuleSet) as raised:
        Registry.from_plugins(InProcessPlugin(spec))
    message = str(raised.value)
    assert "TB TC" in message
    assert "_MeasuresBadly.measured_units raised RuntimeError: no units today" in message
    loose = Registry.from_plugins(InProcessPlugin(spec), strict=False)
    assert [failure.kind.name for failure in loose.failures] == ["INVALID_RULES"]


def test_compiled_rules_give_the_verdict_the_rules_give():
    registry = Registry.from_plugins(InProcessPlugin())
    credential = Credential("TB", "TC", "Ada", "2024-01-01")
    spec = registry.get("TB", "TC")
    on = to_date("2024-06-01")
    assert evaluate_with_spec(spec, credential, (), as_of=on) == evaluate(
        credential, as_of=on, registry=registry
    )
    with pytest.raises(ValueError, match="compiled is for TB TC"):
        evaluate_with_spec(
            attrs.evolve(spec, name="Other"),
            credential,
            (),
            as_of=on,
            compiled=registry.compiled(spec),
        )


def test_a_refused_common_unit_has_its_reason_and_no_route():
    hours = attrs.evolve(
        TEST_EDUCATION,
        conversions=(Conversion("contact_hour", 1),),
        refused_units=(
            RefusedUnit("semester_credit", "the body's sources are silent"),
            RefusedUnit("semester_credit", "a second reason is never given"),
        ),
    )
    compiled = compile_education(hours)
    assert compiled.route("semester_credit") is None
    assert compiled.route("quarter_credit") is not None
    assert compiled.refusal("semester_credit") == (
        "unit 'semester_credit' is not taken: the body's sources are silent"
    )
    assert compiled.refusal("quarter_credit") == ""
    assert "semester_credit" not in compiled.unknown_unit
