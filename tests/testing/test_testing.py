"""The plugin authors' test kit."""

from __future__ import annotations

import io
import subprocess
import sys
import unittest

import attrs
import pytest
from support import TEST_SPEC

from recertlib import Activity, Credential, Registry
from recertlib.errors import InvalidRuleSet, PluginError
from recertlib.quantities.dates import EARLIEST_EVENT, LATEST_EVENT
from recertlib.testing import (
    Boundary,
    CredentialTests,
    SpecPlugin,
    activity,
    boundaries,
    registry_of,
    sample_activities,
)


def test_registry_of_holds_the_specs_given():
    assert registry_of(TEST_SPEC).credentials() == (TEST_SPEC,)


def test_registry_of_refuses_what_a_plugin_load_would_refuse():
    without_cycle = attrs.evolve(
        TEST_SPEC, rule_sets=(attrs.evolve(TEST_SPEC.rule_sets[0], cycle=None),)
    )
    with pytest.raises(InvalidRuleSet, match="plugin SpecPlugin object: TB TC: no rule set"):
        registry_of(without_cycle)


def test_a_spec_plugin_registers_each_spec_once():
    registered = []
    SpecPlugin(TEST_SPEC, TEST_SPEC).register_credentials(registered.append)
    assert registered == [TEST_SPEC, TEST_SPEC]


def test_boundaries_are_the_edges_of_the_cycle_and_of_each_pathway():
    # Certified 2020-02-29: expires 2021-02-28 (12 months, same day or the month's last);
    # "By credit" stays open 30 days after expiry, "By exam" opens the day after.
    assert [str(boundary) for boundary in boundaries(TEST_SPEC, "2020-02-29")] == [
        "2020-02-28 (the day before the cycle)",
        "2020-02-29 (the cycle's first day)",
        "2021-02-28 (the expiry date)",
        "2021-03-01 (the day after expiry)",
        "2021-03-30 (the last day of 'By credit')",  # also the day before "By exam" opens
        "2021-03-31 (the day after 'By credit' closes)",
    ]


def test_one_boundary_per_date():
    dates = [boundary.on for boundary in boundaries(TEST_SPEC, "2020-01-15")]
    assert dates == sorted(set(dates))
    assert all(isinstance(b, Boundary) for b in boundaries(TEST_SPEC, "2020-01-15"))


def test_boundaries_take_a_holder_with_the_facts_the_rules_need():
    spec = registry_of(TEST_SPEC).get("TB", "TC")
    holder = Credential("TB", "TC", "Tess", "2020-01-15", expires_on="2020-06-30")
    assert [boundary.on.isoformat() for boundary in boundaries(spec, holder)][:4] == [
        "2020-01-14",
        "2020-01-15",
        "2020-06-30",  # the recorded expiry date
        "2020-07-01",
    ]


def test_boundaries_may_add_each_deadline_and_the_day_after_it():
    # "By credit" has a dated step: its last day, 30 days after expiry.
    plain = {boundary.on for boundary in boundaries(TEST_SPEC, "2020-01-15")}
    with_deadlines = boundaries(TEST_SPEC, "2020-01-15", deadlines=True)
    added = [str(b) for b in with_deadlines if b.on not in plain]
    assert added, "the deadlines add dates"
    assert all("is due" in label for label in added)


def test_the_last_day_of_the_calendar_has_no_day_after():
    holder = Credential("TB", "TC", "Nell", "2020-01-15", expires_on="9999-12-31")
    assert boundaries(TEST_SPEC, holder)[-1].on.isoformat() == "9999-12-31"


def test_an_activity_made_briefly_is_titled_by_what_tells_it_apart():
    made = activity("2024-01-10", 2, "contact_hour", area="clinical", approved_by=["TB"])
    assert made == Activity(
        "Course of 2024-01-10 (2 contact_hour, clinical, approved by TB)",
        "2024-01-10",
        2,
        "contact_hour",
        area="clinical",
        approved_by=["TB"],
    )
    assert activity("2024-01-10").title == "Course of 2024-01-10 (1 hour)"
    assert activity("2024-01-10", title="Ethics", tags=["ethics"]).tags == {"ethics"}


def test_sample_activities_are_drawn_from_the_rules_and_the_same_each_time():
    drawn = sample_activities(TEST_SPEC, "2020-01-15", count=60)
    assert drawn == sample_activities(TEST_SPEC, "2020-01-15", count=60)
    assert drawn != sample_activities(TEST_SPEC, "2020-01-15", count=60, seed=1)
    assert {a.unit for a in drawn} == {"hour", "day", "card", "contact_hour", "unknown_unit"}
    assert {a.area for a in drawn} == {"theory", "practice", None}
    assert {approver for a in drawn for approver in a.approved_by} == {"TB", "OTHER-BODY"}
    assert len(set(drawn)) < len(drawn)  # some entered twice


@pytest.mark.parametrize("certified_on", ["0100-01-01", "9899-12-31"])
def test_sample_activities_stay_within_the_dates_an_activity_may_have(certified_on):
    drawn = sample_activities(TEST_SPEC, certified_on, count=60)
    assert all(EARLIEST_EVENT <= a.completed_on <= LATEST_EVENT for a in drawn)
    assert all(a.started_on >= EARLIEST_EVENT for a in drawn if a.started_on)


class TestTheTestCredential(CredentialTests):
    """The shared checks, inherited as a plugin's tests inherit them, on the test credential
    registered in-process instead of through an entry point."""

    plugin = "the test suite"
    credential = ("TB", "TC")
    certified_on = ("2020-01-15", "2020-02-29")

    @classmethod
    def registry(cls) -> Registry:
        return registry_of(TEST_SPEC)


def test_the_cases_are_each_holder_on_each_boundary():
    checks = TestTheTestCredential()
    cases = list(checks.cases())
    holders = {case.holder for case in cases}
    assert [holder.holder for holder in sorted(holders, key=lambda h: h.certified_on)] == [
        "certified 2020-01-15",
        "certified 2020-02-29",
    ]
    for holder in holders:
        on = [case.on for case in cases if case.holder == holder]
        assert on == list(boundaries(TEST_SPEC, holder, deadlines=True))
    assert str(cases[0]) == "certified 2020-01-15 on 2020-01-14 (the day before the cycle)"


def test_facts_multiply_the_holders():
    class Checks(TestTheTestCredential):
        facts = ({}, {"member": True})

    names = [holder.holder for holder in Checks().holders()]
    assert names == [
        "certified 2020-01-15",
        "certified 2020-01-15, member=True",
        "certified 2020-02-29",
        "certified 2020-02-29, member=True",
    ]


def test_the_evaluations_are_made_once_per_class():
    class Checks(TestTheTestCredential):
        calls = 0

        def evaluate(self, case, activities=None):
            type(self).calls += 1
            return super().evaluate(case, activities)

    Checks().evaluated()
    made = Checks.calls
    Checks().test_verdicts_round_trip_through_json()
    assert Checks.calls == made > 0


def test_a_case_that_raises_fails_the_evaluation_test_naming_the_case():
    class Checks(TestTheTestCredential):
        def evaluate(self, case, activities=None):
            if case.on.label == "the expiry date":
                raise ValueError("broken")
            return super().evaluate(case, activities)

    with pytest.raises(AssertionError, match=r"2 problems:\n- certified 2020-01-15 on 2021-01-15"
                       r" \(the expiry date\): ValueError: broken"):  # fmt: skip
        Checks().test_every_boundary_date_evaluates()


def test_a_verdict_that_depends_on_the_order_fails():
    class Checks(TestTheTestCredential):
        def evaluate(self, case, activities=None):
            found = case.activities if activities is None else tuple(activities)
            return super().evaluate(case, found[:-1] if found[::-1] == case.activities else found)

    with pytest.raises(AssertionError, match="the activities reversed give another verdict"):
        Checks().test_the_order_of_activities_does_not_matter()


def test_a_verdict_of_another_case_is_wrong():
    checks = TestTheTestCredential()
    (first, verdict), (second, _) = list(checks.verdicts())[:2]
    assert checks.check_verdict(first, verdict) == []
    assert checks.check_verdict(second, verdict) == [f"the verdict is as of {first.on.on}"]


def test_a_rule_set_no_holder_reaches_is_named_with_when_it_is_in_force():
    later = attrs.evolve(
        TEST_SPEC.rule_sets[0], id="tb.tc.2030", effective_from="2030-01-01", notes=("later",)
    )
    spec = attrs.evolve(TEST_SPEC, rule_sets=(*TEST_SPEC.rule_sets, later))

    class Checks(TestTheTestCredential):
        @classmethod
        def registry(cls) -> Registry:
            return registry_of(spec)

    with pytest.raises(AssertionError) as raised:
        Checks().test_every_rule_set_is_selected_for_some_holder()
    assert str(raised.value) == (
        "1 problems:\n- rule set 'tb.tc.2030' (cycle when certified_on is from 2030-01-01;"
        " continuing_education when certified_on is from 2030-01-01; pathways when"
        " expires_on is from 2030-01-01) is selected for no holder: add a date to"
        " certified_on, or facts, that selects it"
    )


def test_a_class_that_names_no_plugin_says_so():
    class Checks(CredentialTests):
        credential = ("TB", "TC")

    with pytest.raises(TypeError, match=r"Checks.plugin must name the plugin's entry point"):
        Checks().test_the_plugin_registers_the_credential()


def test_a_plugin_that_is_not_installed_fails_the_registration_test():
    class Checks(CredentialTests):
        plugin = "recertlib-not-installed"
        credential = ("TB", "TC")

    with pytest.raises(PluginError, match="is in the allow-list but no such plugin"):
        Checks().test_the_plugin_registers_the_credential()


def test_unittest_runs_the_checks_too():
    class Checks(TestTheTestCredential, unittest.TestCase):
        pass

    result = unittest.TextTestRunner(stream=io.StringIO()).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(Checks)
    )
    assert (result.testsRun, result.failures, result.errors) == (6, [], [])


def test_the_kit_imports_without_pytest():
    code = "import sys; sys.modules['pytest'] = None; import recertlib.testing"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
