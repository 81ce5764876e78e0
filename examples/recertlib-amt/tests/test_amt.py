"""The RMA's rules: the checks of recertlib's test kit on every credential of this plugin,
and the credential's own edges, with expected values taken from the sources."""

from __future__ import annotations

import pytest

from recertlib import Activity, Credential, Reason, Registry, Status, evaluate
from recertlib.rules import PathwayKind
from recertlib.testing import PluginTests, boundaries


class TestPlugin(PluginTests):
    """Every check of the kit, on every credential this plugin registers, with golden verdict
    snapshots in tests/snapshots/ (write them with pytest --recertlib-update-snapshots)."""

    plugin = "recertlib-amt"


@pytest.fixture
def registry(recertlib_registry: Registry) -> Registry:
    """The kit's registry: this plugin alone, found by its entry point, in strict mode."""
    return recertlib_registry


def rma(certified_on: str) -> Credential:
    return Credential("AMT", "RMA", "Sam Lee", certified_on)


def points(amount: str, completed_on: str = "2024-06-01", unit: str = "ccp_point") -> Activity:
    return Activity(f"Course of {completed_on}", completed_on, amount, unit)


def test_the_entry_point_registers_the_rma(registry):
    (spec,) = registry.credentials()
    assert spec.label == "AMT RMA"
    assert registry.origin_of(spec) == "recertlib-amt 0.1.0"


@pytest.mark.parametrize(
    ("certified_on", "expires_on"),
    [
        ("2023-03-15", "2026-03-31"),  # the end of the third anniversary month
        ("2020-02-29", "2023-02-28"),  # a leap day: February has 28 days three years on
        ("2021-02-10", "2024-02-29"),  # ... and 29 in a leap year
        ("2023-12-31", "2026-12-31"),
    ],
)
def test_the_cycle_ends_with_the_third_anniversary_month(registry, certified_on, expires_on):
    verdict = evaluate(rma(certified_on), as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on


@pytest.mark.parametrize(
    ("amounts", "met"), [(("30",), True), (("29.9",), False), (("29.9", "0.1"), True)]
)
def test_thirty_ccp_points(registry, amounts, met):
    activities = [points(a, f"2024-06-0{i + 1}") for i, a in enumerate(amounts)]
    verdict = evaluate(rma("2023-03-15"), activities, as_of="2026-03-01", registry=registry)
    assert verdict.pathways[0].can_recertify_now is met


@pytest.mark.parametrize(
    ("completed_on", "counted"),
    [
        ("2023-03-14", False),  # the day before the cycle: no carry-over
        ("2023-03-15", True),  # the cycle's first day
        ("2026-03-31", True),  # the expiry date
    ],
)
def test_credit_counts_only_within_the_cycle(registry, completed_on, counted):
    verdict = evaluate(
        rma("2023-03-15"), [points("30", completed_on)], as_of="2026-03-31", registry=registry
    )
    assert bool(verdict.counted) is counted


@pytest.mark.parametrize(
    ("completed_on", "reasons"),
    [("2020-12-31", []), ("2021-01-01", [Reason.NO_LONGER_ACCEPTED])],
)
def test_employment_points_count_only_through_2020(registry, completed_on, reasons):
    activity = points("5", completed_on, unit="employment_point")
    verdict = evaluate(rma("2019-06-01"), [activity], as_of="2022-06-01", registry=registry)
    (result,) = verdict.activities
    assert [refusal.reason for refusal in result.refusals] == reasons


def test_hours_are_refused_with_the_reason(registry):
    hours = points("3", unit="contact_hour")
    verdict = evaluate(rma("2023-03-15"), [hours], as_of="2024-07-01", registry=registry)
    (refusal,) = verdict.activities[0].refusals
    assert refusal.reason is Reason.UNKNOWN_UNIT
    assert refusal.detail.startswith("unit 'contact_hour' is not taken: [CCP] counts CCP points")


@pytest.mark.parametrize(
    ("as_of", "status", "open_kind"),
    [
        ("2026-03-31", Status.CURRENT, PathwayKind.CONTINUING_EDUCATION),  # expiry date
        ("2026-04-01", Status.LAPSED, PathwayKind.REINSTATEMENT),  # no grace period
        ("2036-03-31", Status.LAPSED, PathwayKind.REINSTATEMENT),  # lapsed not yet 10 years
        ("2036-04-01", Status.LAPSED, PathwayKind.EXAM),  # lapsed 10 years: retest
    ],
)
def test_after_expiry_reactivation_then_the_exam(registry, as_of, status, open_kind):
    verdict = evaluate(rma("2023-03-15"), as_of=as_of, registry=registry)
    assert verdict.status is status
    assert [pathway.kind for pathway in verdict.open_pathways] == [open_kind]


def test_an_annual_fee_falls_due_in_each_anniversary_month(registry):
    verdict = evaluate(rma("2024-02-29"), as_of="2024-03-01", registry=registry)
    deadlines = [
        step.due_on.isoformat()
        for step in verdict.pathways[0].deadlines
        if step.label.startswith("Annual fee")
    ]
    assert deadlines == ["2025-02-28", "2026-02-28", "2027-02-28"]


def test_a_completed_cycle_starts_the_next_at_its_end(registry):
    verdict = evaluate(rma("2023-03-15"), [points("30")], as_of="2025-11-25", registry=registry)
    assert verdict.next_expiry is not None
    assert verdict.next_expiry.isoformat() == "2029-03-31"


@pytest.mark.parametrize(
    ("as_of", "completed_on", "met"),
    [
        # Expired 2026-03-31. Three years back from 2027-06-01 is 2024-06-01, not counted.
        ("2027-06-01", "2024-06-02", True),  # the first day of the window
        ("2027-06-01", "2024-06-01", False),  # the day before
        ("2026-04-01", "2026-04-01", True),  # points earned after the lapse count
        ("2026-04-01", "2026-04-02", False),  # not yet earned
        ("2036-03-31", "2033-04-01", True),  # the last day of reactivation
        ("2036-03-31", "2033-03-31", False),
        # A leap day: three years back from 2028-02-29 is 2025-02-28.
        ("2028-02-29", "2025-03-01", True),
        ("2028-02-29", "2025-02-28", False),
    ],
)
def test_reactivation_counts_the_points_of_the_three_years_before(
    registry, as_of, completed_on, met
):
    verdict = evaluate(
        rma("2023-03-15"), [points("30", completed_on)], as_of=as_of, registry=registry
    )
    (reactivate,) = verdict.open_pathways
    assert reactivate.kind is PathwayKind.REINSTATEMENT
    assert reactivate.requirements_met is met
    assert reactivate.can_recertify_now is met


@pytest.mark.parametrize(("amounts", "met"), [(("20", "10"), True), (("20", "9.9"), False)])
def test_reactivation_needs_thirty_points(registry, amounts, met):
    activities = [points(a, f"2026-0{i + 5}-01") for i, a in enumerate(amounts)]
    verdict = evaluate(rma("2023-03-15"), activities, as_of="2026-08-01", registry=registry)
    (reactivate,) = verdict.open_pathways
    assert reactivate.requirements_met is met


def test_at_every_edge_exactly_one_pathway_is_open(registry):
    (spec,) = registry.credentials()
    certified_on = "2023-03-15"
    edges = [edge for edge in boundaries(spec, certified_on) if edge.on.isoformat() >= certified_on]
    assert len(edges) == 5  # the first day, expiry and the day after, reactivation's end and after
    for edge in edges:
        verdict = evaluate(rma(certified_on), as_of=edge.on, registry=registry)
        assert len(verdict.open_pathways) == 1, edge
        assert verdict.usable is (edge.on.isoformat() <= "2026-03-31"), edge
