"""The plugin authors' test kit."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import unittest
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from support import TEST_SPEC

from recertlib import Activity, Credential, Registry
from recertlib.errors import InvalidRuleSet
from recertlib.quantities.dates import EARLIEST_EVENT, LATEST_EVENT
from recertlib.quantities.units import COMMON_UNITS
from recertlib.rules import (
    AfterExpiry,
    CredentialSpec,
    OnDate,
    Pathway,
    PathwayKind,
    RefusedUnit,
    RequirementResult,
    Selector,
)
from recertlib.testing import (
    Boundary,
    CredentialTests,
    SpecPlugin,
    activity,
    boundaries,
    registry_of,
    sample_activities,
    snapshots,
)
from recertlib.testing.holders import derived_facts, read_facts


def test_registry_of_holds_the_specs_given():
    assert registry_of(TEST_SPEC).credentials() == (TEST_SPEC,)


def test_registry_of_refuses_what_a_plugin_load_would_refuse():
    without_cycle = attrs.evolve(
        TEST_SPEC, rule_sets=(attrs.evolve(TEST_SPEC.rule_sets[0], cycle=None),)
    )
    with pytest.raises(InvalidRuleSet) as raised:
        registry_of(without_cycle)
    # Named by the credential and the line that gave it.
    line = raised.traceback[0].lineno + 1
    named, _, problem = str(raised.value).partition(".py:")
    assert named.startswith("plugin TB TC, as given to registry_of at ")
    assert named.endswith("test_testing")
    assert problem == f"{line}: TB TC: no rule set states the cycle rules"


def test_registry_of_loads_no_installed_plugin_and_takes_the_name_it_is_given(monkeypatch):
    from recertlib_nha import CCMA

    def loading(*args, **kwargs):
        raise AssertionError("registry_of loaded the installed plugins")

    monkeypatch.setattr(Registry, "from_entry_points", loading)
    without_cycle = attrs.evolve(CCMA, rule_sets=CCMA.rule_sets[1:])
    with pytest.raises(InvalidRuleSet, match=r"^plugin NHA CCMA, as given to registry_of at "):
        registry_of(without_cycle)
    with pytest.raises(InvalidRuleSet, match=r"^plugin my-ccma 1.0: NHA CCMA: no rule set"):
        registry_of(without_cycle, origin="my-ccma 1.0")


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


def _refusing_common_units(spec: CredentialSpec) -> CredentialSpec:
    """``spec`` with every common unit refused in words, as the kit asks of a body that takes
    none of them."""
    refused = tuple(
        RefusedUnit(unit, "the test body takes its own units only") for unit in COMMON_UNITS
    )
    rule_sets = tuple(
        attrs.evolve(
            rules,
            continuing_education=attrs.evolve(rules.continuing_education, refused_units=refused),
        )
        if rules.continuing_education is not None
        else rules
        for rules in spec.rule_sets
    )
    return attrs.evolve(spec, rule_sets=rule_sets)


KIT_SPEC = _refusing_common_units(TEST_SPEC)


class TestTheTestCredential(CredentialTests):
    """The shared checks, inherited as a plugin's tests inherit them, on the test credential
    registered in-process instead of through an entry point."""

    plugin = "the test suite"
    credential = ("TB", "TC")
    certified_on = ("2020-01-15", "2020-02-29")
    spec_given: ClassVar[CredentialSpec] = KIT_SPEC

    @classmethod
    def registry(cls) -> Registry:
        return registry_of(cls.spec_given)


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
    spec = attrs.evolve(KIT_SPEC, rule_sets=(*KIT_SPEC.rule_sets, later))

    class Checks(TestTheTestCredential):
        spec_given = spec

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

    with pytest.raises(AssertionError, match=r"TypeError: Checks.plugin must name the plugin's"):
        Checks().test_the_plugin_registers_the_credential()


def test_a_plugin_that_is_not_installed_fails_the_registration_test():
    class Checks(CredentialTests):
        plugin = "recertlib-not-installed"
        credential = ("TB", "TC")

    with pytest.raises(AssertionError, match=r"PluginError: .* is in the allow-list but no such"):
        Checks().test_the_plugin_registers_the_credential()
    # The other checks are skipped, pointing at the registration test.
    with pytest.raises(unittest.SkipTest, match=r"\(PluginError\): see test_the_plugin_registers"):
        Checks().test_every_boundary_date_evaluates()


def test_unittest_runs_the_checks_too():
    class Checks(TestTheTestCredential, unittest.TestCase):
        pass

    result = unittest.TextTestRunner(stream=io.StringIO()).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(Checks)
    )
    assert (result.testsRun, result.failures, result.errors) == (11, [], [])


def test_the_kit_imports_without_pytest():
    code = "import sys; sys.modules['pytest'] = None; import recertlib.testing"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- The checks added for plugin authors: order, reach, monotonicity, units, snapshots --------


def checks_of(spec: CredentialSpec) -> CredentialTests:
    class Checks(TestTheTestCredential):
        spec_given = spec
        snapshots = None

    return Checks()


def test_rule_sets_listed_out_of_date_order_fail():
    later = attrs.evolve(KIT_SPEC.rule_sets[0], id="tb.tc.2021", effective_from="2021-01-01")
    spec = attrs.evolve(KIT_SPEC, rule_sets=(later, *KIT_SPEC.rule_sets))
    with pytest.raises(AssertionError, match="the cycle rule sets are not listed oldest first"):
        checks_of(spec).test_the_rule_sets_are_in_date_order()
    checks_of(KIT_SPEC).test_the_rule_sets_are_in_date_order()


def test_a_pathway_open_on_no_date_fails_naming_it():
    (rules,) = KIT_SPEC.rule_sets
    # It closes on its expiry date, before it opens: allowed, for the end of a transition.
    never = Pathway(
        PathwayKind.EXAM, "Far future", opens=OnDate("2999-01-01"), closes=AfterExpiry()
    )
    spec = attrs.evolve(
        KIT_SPEC, rule_sets=(attrs.evolve(rules, pathways=(*rules.pathways, never)),)
    )
    with pytest.raises(AssertionError) as raised:
        checks_of(spec).test_every_pathway_is_open_on_some_date()
    assert "pathway 'Far future' of rule set 'tb.tc.2000'" in str(raised.value)
    assert "is open for no holder on any date" in str(raised.value)


@attrs.frozen
class FewerThanThree:
    """A plugin's own requirement that more activities can only spoil: at most 3 hours."""

    name: str = "At most 3"

    def demands(self, facts, inner_cycle):
        return ((),)

    def measured_units(self):
        return frozenset()

    def assess(self, standing):
        # Weighted so that what it loses outweighs what the other requirements gain.
        within = standing.credit(Selector()) <= 3
        return RequirementResult(self.name, 100, 100 if within else 0, "point")

    def describe(self, unit):
        return "at most 3 of it"


def test_a_rule_that_more_activities_make_worse_fails_monotonicity():
    (rules,) = KIT_SPEC.rule_sets
    education = attrs.evolve(rules.continuing_education, requirements=(FewerThanThree(),))
    spec = attrs.evolve(KIT_SPEC, rule_sets=(attrs.evolve(rules, continuing_education=education),))

    class Checks(TestTheTestCredential):
        spec_given = spec

        def activities(self, holder):
            # One activity that counts: without it, the requirement is met.
            day = holder.certified_on.add(days=10)
            return [activity(day, 4, "hour", area="theory", approved_by=["TB"])]

    with pytest.raises(AssertionError, match="one activity more leaves 'By credit' further"):
        Checks().test_more_activities_never_make_a_verdict_worse()


def test_a_common_unit_neither_taken_nor_refused_fails():
    with pytest.raises(AssertionError) as raised:
        checks_of(TEST_SPEC).test_every_common_unit_is_taken_or_refused_with_a_reason()
    assert "rule set 'tb.tc.2000' neither takes the common unit 'minute'" in str(raised.value)
    assert "6 problems" in str(raised.value)


def test_the_snapshot_is_written_then_compared(tmp_path, monkeypatch):
    class Checks(TestTheTestCredential):
        snapshots = tmp_path

    path = tmp_path / "tb-tc.json"
    monkeypatch.delenv(snapshots.UPDATE_SNAPSHOTS_ENV, raising=False)
    with pytest.raises(AssertionError, match=r"no verdict snapshot at .*tb-tc\.json: write it"):
        Checks().test_the_verdicts_match_their_snapshot()
    monkeypatch.setenv(snapshots.UPDATE_SNAPSHOTS_ENV, "1")
    Checks().test_the_verdicts_match_their_snapshot()
    written = path.read_text(encoding="utf-8")
    assert written.startswith(
        '{\n    "certified 2020-01-15 on 2020-01-14 (the day before the cycle)": ['
    )
    assert written.endswith("]\n}\n")
    monkeypatch.setenv(snapshots.UPDATE_SNAPSHOTS_ENV, "0")
    Checks().test_the_verdicts_match_their_snapshot()  # the same verdicts: no difference
    path.write_text(written.replace("current; expires", "lapsed; expires", 1), encoding="utf-8")
    with pytest.raises(AssertionError) as raised:
        Checks().test_the_verdicts_match_their_snapshot()
    message = str(raised.value)
    assert "the verdicts differ from the snapshot" in message
    assert '-        "lapsed; expires' in message
    assert '+        "current; expires' in message


def test_a_snapshot_keeps_an_error_as_its_message():
    assert snapshots.brief(ValueError("broken")) == ["error: ValueError: broken"]


def test_the_facts_a_spec_reads_are_found_in_its_shapes():
    from recertlib_aama import CMA
    from recertlib_ca_brn import RN
    from recertlib_nccpa import PA_C
    from recertlib_nremt import EMT

    assert sorted(read_facts(CMA)) == ["member"]
    assert sorted(read_facts(RN)) == ["birth_date", "first_renewal"]
    assert sorted(read_facts(PA_C)) == ["first_renewal", "originally_issued_on"]
    assert sorted(read_facts(EMT)) == ["paper_application", "state_licensed"]
    assert read_facts(TEST_SPEC) == {}


def test_derived_facts_take_each_deciding_fact_both_ways():
    from recertlib_ca_brn import RN
    from recertlib_nccpa import PA_C

    from recertlib.quantities import to_date

    assert derived_facts(RN, to_date("2024-05-05")) == [
        {"birth_date": "1990-06-15", "first_renewal": False},
        {"birth_date": "1992-02-29", "first_renewal": False},
        {"birth_date": "1990-06-15", "first_renewal": True},
    ]
    assert derived_facts(PA_C, to_date("2024-05-05")) == [
        {"first_renewal": False, "originally_issued_on": "2018-05-05"},
        {"first_renewal": True, "originally_issued_on": "2024-05-05"},
    ]


def test_the_checks_with_derived_facts_pass_on_a_shipped_credential():
    from recertlib_ca_brn import RN

    class Checks(TestTheTestCredential):
        credential = ("CA-BRN", "RN")
        spec_given = RN
        certified_on = ("2020-01-15", "2024-02-29")
        snapshots = None

    checks = Checks()
    assert len(list(checks.holders())) == 6
    checks.test_every_boundary_date_evaluates()
    checks.test_every_pathway_is_open_on_some_date()


def test_plugin_tests_check_every_credential_of_a_plugin_under_pytest(tmp_path):
    """PluginTests and the kit's pytest plugin, from a test file of a plugin's own."""
    (tmp_path / "test_plugin.py").write_text(
        textwrap.dedent(
            """\
            from recertlib.testing import PluginTests


            class TestNHA(PluginTests):
                plugin = "recertlib-nha"


            def test_the_kits_registry(recertlib_registry):
                assert [spec.label for spec in recertlib_registry.credentials()] == ["NHA CCMA"]
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nrecertlib_plugin = recertlib-nha\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECERTLIB_")}

    def pytest(*arguments: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments]
        return subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )

    first = pytest("-rA")
    assert first.returncode == 1, first.stdout
    assert "TestNHA::test_the_verdicts_match_their_snapshot[NHA CCMA]" in first.stdout
    assert "no verdict snapshot" in first.stdout
    written = pytest("--recertlib-update-snapshots")
    assert written.returncode == 0, written.stdout
    assert (tmp_path / "snapshots" / "nha-ccma.json").is_file()
    again = pytest("-rA")
    assert again.returncode == 0, again.stdout
    assert "PASSED test_plugin.py::TestNHA::test_every_pathway_is_open_on_some_date[NHA CCMA]" in (
        again.stdout
    )
    assert "12 passed" in again.stdout


def test_the_kit_is_a_pytest_plugin_of_recertlibs_distribution():
    import importlib.metadata

    (entry_point,) = [
        found
        for found in importlib.metadata.entry_points(group="pytest11")
        if found.value == "recertlib.testing.pytest_plugin"
    ]
    assert entry_point.name == "recertlib"
    assert Path(entry_point.load().__file__).name == "pytest_plugin.py"
