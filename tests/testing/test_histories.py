"""The kit's credit histories: generated holders just short of the requirements, exactly at
them and over them, so that the kit's checks see holders who can renew by continuing
education."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from support import TEST_SPEC

from recertlib import Credential, Registry, evaluate
from recertlib.rules import Measure, Minimum, Selector
from recertlib.testing import CredentialTests, Level, registry_of, requirement_activities
from recertlib.testing.histories import LEVELS

HOLDER = Credential("TB", "TC", "Tess", "2020-01-15")
EXPIRY = "2021-01-15"


def by_credit(spec, level, holder=HOLDER, on=EXPIRY):
    activities = requirement_activities(spec, holder, level)
    verdict = evaluate(holder, activities, as_of=on, registry=registry_of(spec))
    return activities, verdict.pathways[0]


def earned(pathway) -> dict[str, Decimal]:
    return {result.name: result.earned for result in pathway.requirements}


def test_a_history_exactly_at_the_requirements_meets_each_and_no_activity_is_spare():
    activities, pathway = by_credit(TEST_SPEC, Level.EXACT)
    assert pathway.requirements_met
    assert pathway.can_recertify_now
    assert earned(pathway)["Total"] == 20
    # Each activity that counts is needed: one fewer and the holder is short.
    credit = [a for a in activities if a.unit != "unknown_unit"]
    for left_out in dict.fromkeys(credit):
        fewer = [a for a in credit if a != left_out]
        verdict = evaluate(HOLDER, fewer, as_of=EXPIRY, registry=registry_of(TEST_SPEC))
        assert not verdict.pathways[0].requirements_met, left_out


def test_a_history_short_of_the_requirements_lacks_one_unit_of_each():
    _, pathway = by_credit(TEST_SPEC, Level.SHORT)
    assert not pathway.requirements_met
    assert earned(pathway)["Total"] == 19
    assert {r.name for r in pathway.requirements if not r.met} >= {"Total", "Theory"}


def test_a_history_over_the_requirements_holds_half_as_much_again():
    _, pathway = by_credit(TEST_SPEC, Level.OVER)
    assert pathway.requirements_met
    assert earned(pathway)["Total"] == 30


def test_a_minimum_under_two_is_missed_by_half_of_it():
    (rules,) = TEST_SPEC.rule_sets
    education = attrs.evolve(
        rules.continuing_education,
        total=None,
        minimums=(Minimum("Ethics", Selector(areas={"theory"}), "1.5"),),
    )
    spec = attrs.evolve(TEST_SPEC, rule_sets=(attrs.evolve(rules, continuing_education=education),))
    levels = {level: earned(by_credit(spec, level)[1])["Ethics"] for level in LEVELS[1:]}
    assert levels == {Level.SHORT: Decimal("0.75"), Level.EXACT: 1.5, Level.OVER: Decimal("2.25")}


def test_a_measure_is_recorded_one_less_exactly_or_half_as_much_again_rounded_up():
    (rules,) = TEST_SPEC.rule_sets
    exams = Measure("Pass the exam", 1, {"exam"}, unit_name="exam")
    education = attrs.evolve(rules.continuing_education, requirements=(exams,))
    spec = attrs.evolve(TEST_SPEC, rule_sets=(attrs.evolve(rules, continuing_education=education),))
    found = {level: earned(by_credit(spec, level)[1])["Pass the exam"] for level in LEVELS[1:]}
    assert found == {Level.SHORT: 0, Level.EXACT: 1, Level.OVER: 2}


def test_the_credit_is_in_the_credit_window_and_clear_of_the_caps():
    activities = requirement_activities(TEST_SPEC, HOLDER, Level.EXACT)
    credit = [a for a in activities if a.unit != "unknown_unit"]
    assert all("2020-01-15" <= str(a.completed_on) <= EXPIRY for a in credit)
    assert "card" not in {a.unit for a in credit}  # capped at 4: a course in hours instead
    assert {a.area for a in credit} <= {"theory", "practice"}  # the areas the rules declare


def test_a_history_holds_a_duplicate_and_a_unit_no_rule_takes():
    activities = requirement_activities(TEST_SPEC, HOLDER, Level.EXACT)
    assert activities[0] in activities[1:]
    assert activities[-1].unit == "unknown_unit"
    assert activities == requirement_activities(TEST_SPEC, HOLDER, Level.EXACT)


def test_drawn_activities_are_not_built_from_the_requirements():
    with pytest.raises(ValueError, match="sample_activities"):
        requirement_activities(TEST_SPEC, HOLDER, Level.DRAWN)


class Checks(CredentialTests):
    plugin = "the test suite"
    credential = ("TB", "TC")
    certified_on = ("2020-01-15", "2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31")
    snapshots = None

    @classmethod
    def registry(cls) -> Registry:
        return registry_of(TEST_SPEC)


def test_the_generated_holders_take_each_level_in_turn():
    checks = Checks()
    assert [checks.level(holder) for holder in checks.holders()] == [*LEVELS, LEVELS[0]]


def test_a_class_may_choose_its_levels():
    class Exact(Checks):
        levels = (Level.EXACT,)

    checks = Exact()
    assert {checks.level(holder) for holder in checks.holders()} == {Level.EXACT}
    for case, verdict in checks.verdicts():
        if case.on.label == "the expiry date":
            assert verdict.pathways[0].requirements_met, case


def generated(plugin: str) -> list[tuple[str, object]]:
    """Each shipped credential's default generated holders, at their expiry date."""
    found = []
    for spec in Registry.from_entry_points(allow=[plugin], strict=True).credentials():

        class Default(CredentialTests):
            snapshots = None

        Default.plugin = plugin
        Default.credential = (spec.body, spec.code)
        for case, verdict in Default().verdicts():
            if case.on.label == "the expiry date":
                found.append((spec.label, verdict))
    return found


@pytest.mark.parametrize(
    "plugin",
    ["recertlib-aama", "recertlib-nha", "recertlib-nremt", "recertlib-nccpa", "recertlib-ca-brn"],
)
def test_the_generated_holders_of_a_shipped_plugin_are_short_exactly_at_and_over(plugin):
    """Some holders can renew by their credit, some fall short, some have exactly enough."""
    exact, short, over = set(), set(), set()
    for label, verdict in generated(plugin):
        for pathway in verdict.pathways:
            total = next((r for r in pathway.requirements if r.name == "Total"), None)
            if total is None:
                continue
            if pathway.requirements_met and total.earned == total.required:
                exact.add(label)
            elif pathway.requirements_met:
                over.add(label)
            elif 0 < total.shortfall <= 1:
                short.add(label)
    labels = {label for label, _ in generated(plugin)}
    assert exact == over == short == labels
