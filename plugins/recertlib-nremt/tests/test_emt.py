"""The NREMT EMT rules at their edges, through the plugin's entry point.

Every expected date and amount is worked out by hand from the rule text in the plugin's
sources (31 March; January-June two years on, July-December three; season 1 October to 31
March; reinstatement to 30 April; exam from 1 April of the year before expiry)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from recertlib_nremt import EMT

from recertlib import Activity, Credential, Reason, Status, evaluate
from recertlib.results.render import render_verdict
from recertlib.rules import CredentialSpec, FactKind, PathwayKind
from recertlib.testing import CERTIFICATION_DATES, CredentialTests, registry_of

CE = "Recertify by continuing education"
EXAM = "Recertify by exam"
LATE = "Late reinstatement (by 30 April)"
REENTRY = "Re-entry (lapsed up to two years)"
LICENSED_REENTRY = "Re-entry with a state licence (lapsed over two years)"
NEW_COURSE = "New EMT course and certification exams (lapsed over two years)"


class TestEMT(CredentialTests):
    """The checks every credential's tests share, on generated EMT holders."""

    plugin = "recertlib-nremt"
    credential = ("NREMT", "EMT")
    # Expiring 2015-03-31, before the paper fee; 2019-03-31, under the 2016 NCCP model with its
    # distributive maxima; 2020-03-31, extended to 2020-06-30; and 2021-03-31.
    certified_on = (
        *CERTIFICATION_DATES,
        "2013-01-15",
        "2017-01-15",
        "2018-01-15",
        "2019-01-15",
    )
    facts = ({}, {"state_licensed": True, "paper_application": False})


def emt(certified_on: str, **facts: object) -> Credential:
    return Credential("NREMT", "EMT", "Robin", certified_on, facts=facts)


def hours(day: str, amount: object, area: str, *tags: str, unit: str = "hour") -> Activity:
    return Activity(
        f"{area} {amount} {unit} {'/'.join(tags)} on {day}",
        day,
        Decimal(str(amount)),
        unit,
        area=area,
        tags=frozenset(tags),
    )


def nccp_2016_record(day: str = "2018-01-10", **override: object) -> list[Activity]:
    """Exactly 40 hours: each 2016 topic at its minimum, Local/State 10, Individual 10."""
    amounts: dict[str, object] = {
        "airway": "1.5",
        "cardiovascular": 6,
        "trauma": "1.5",
        "medical": 6,
        "operations": 5,
        "local": 10,
        "individual": 10,
    }
    amounts.update(override)
    return [hours(day, amount, area) for area, amount in amounts.items() if amount]


def nccp_2025_record(day: str = "2025-01-10", pediatric: object = 2) -> list[Activity]:
    """Exactly 40 credits: National 20 (``pediatric`` of them pediatric), Local 10,
    Individual 10."""
    national = Decimal(20) - Decimal(str(pediatric))
    return [
        hours(day, national, "national", unit="credit"),
        hours(day, pediatric, "national", "pediatrics", unit="credit"),
        hours(day, 10, "local", unit="credit"),
        hours(day, 10, "individual", unit="credit"),
    ]


def by_name(verdict, name):
    return next(p for p in verdict.pathways if p.name == name)


def requirements(verdict, pathway=CE):
    return {r.name: r for r in by_name(verdict, pathway).requirements}


def earned(verdict, pathway=CE):
    return {name: (r.earned, r.met) for name, r in requirements(verdict, pathway).items()}


# --- The plugin -----------------------------------------------------------------------------

STRICT_NOTE = "Credit beyond a component's need or cap counts nowhere (strict reading)."


def strict_variant() -> CredentialSpec:
    """The EMT with OVERFLOW_INTO_INDIVIDUAL's strict alternative (emt.toml): no overflow into
    the Individual component, and notes that say so."""
    rule_sets = []
    for rules in EMT.rule_sets:
        education = rules.continuing_education
        if education is not None and education.overflows:
            notes = (*(n for n in rules.notes if "Individual component" not in n), STRICT_NOTE)
            education = attrs.evolve(education, overflows=())
            rules = attrs.evolve(rules, continuing_education=education, notes=notes)
        rule_sets.append(rules)
    return attrs.evolve(EMT, rule_sets=tuple(rule_sets))


def test_the_plugin_registers_emt_and_its_variant_is_valid(registry):
    spec = registry.get("nremt", "emt")
    assert spec == EMT
    assert (spec.body, spec.code) == ("NREMT", "EMT")
    # Raises InvalidRuleSet, naming each problem, if recertlib refuses the variant's rules.
    assert registry_of(strict_variant()).credentials()
    assert [(fact.name, fact.kind) for fact in spec.facts] == [
        ("paper_application", FactKind.BOOLEAN),
        ("state_licensed", FactKind.BOOLEAN),
    ]


# --- Expiry ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("certified_on", "expires_on"),
    [
        ("2024-01-01", "2026-03-31"),  # January: two years on
        ("2024-02-29", "2026-03-31"),  # leap day
        ("2024-06-30", "2026-03-31"),  # the last day of the two-year group
        ("2024-07-01", "2027-03-31"),  # the first day of the three-year group
        ("2024-12-31", "2027-03-31"),
        ("2025-10-01", "2028-03-31"),  # recertification processed when the season opens
        ("2026-03-31", "2028-03-31"),  # processed on the last day of the season
        ("2026-04-30", "2028-03-31"),  # late reinstatement processed on its last day
    ],
)
def test_expiry_is_31_march_two_or_three_years_on(registry, certified_on, expires_on):
    verdict = evaluate(emt(certified_on), [], as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on


@pytest.mark.parametrize(
    ("as_of", "pathway"),
    [
        ("2025-04-01", EXAM),  # the first day of the exam window
        ("2025-10-01", CE),  # the first day of the season
        ("2026-03-31", CE),  # the last day of the season
        ("2026-04-01", LATE),  # the first day of the reinstatement period
        ("2026-04-30", LATE),  # its last day
    ],
)
def test_recertifying_in_the_2026_season_gives_31_march_2028(registry, as_of, pathway):
    verdict = evaluate(emt("2024-01-15"), nccp_2025_record(), as_of=as_of, registry=registry)
    taken = next(p for p in verdict.pathways if p.name == pathway)
    # Open, with every credit requirement met (the exam itself is the holder's to pass).
    assert taken.is_open
    assert taken.requirements_met
    assert taken.next_expiry.isoformat() == "2028-03-31"
    assert taken.next_cycle_starts_on.isoformat() == "2026-04-01"


@pytest.mark.parametrize(
    ("as_of", "recommended", "waiting_for"),
    [
        ("2025-04-01", None, CE),  # the exam is open, the season is not: wait for it
        ("2025-09-30", None, CE),  # the season's eve
        ("2025-10-01", CE, None),  # the season opens: recertify by the education
    ],
)
def test_a_holder_whose_education_is_complete_waits_for_the_season_rather_than_sit_the_exam(
    registry, as_of, recommended, waiting_for
):
    verdict = evaluate(emt("2024-01-15"), nccp_2025_record(), as_of=as_of, registry=registry)
    assert (verdict.recommended.name if verdict.recommended else None) == recommended
    assert (verdict.waiting_for.name if verdict.waiting_for else None) == waiting_for
    assert verdict.chosen_pathway.name == CE
    report = render_verdict(verdict)
    if waiting_for is not None:
        assert verdict.summary == (
            f"Current until 2026-03-31. {CE} opens on 2025-10-01: every requirement is met."
        )
        assert verdict.next_step_words == f"{CE} opens on 2025-10-01"
        assert f"{CE} [wait for it]: " in report
        assert "[recommended]" not in report
    else:
        assert f"{CE} [recommended]: " in report
        assert "[wait for it]" not in report


@pytest.mark.parametrize(
    ("as_of", "pathway", "next_expiry"),
    [
        ("2026-06-30", REENTRY, "2028-03-31"),  # June: two years on
        ("2026-07-01", REENTRY, "2029-03-31"),  # July: three years on
        ("2027-03-31", REENTRY, "2029-03-31"),  # not the old series' 2028-03-31
        ("2028-03-31", REENTRY, "2030-03-31"),  # the last day of re-entry
        ("2028-04-01", NEW_COURSE, "2030-03-31"),  # over two years: a new certification
        ("2029-07-01", NEW_COURSE, "2032-03-31"),
    ],
)
def test_after_a_lapse_the_new_certification_counts_from_its_own_date(
    registry, as_of, pathway, next_expiry
):
    holder = emt("2024-01-15", state_licensed=False)
    verdict = evaluate(holder, [], as_of=as_of, registry=registry)
    assert verdict.status is Status.LAPSED
    assert [p.name for p in verdict.open_pathways] == [pathway]
    assert verdict.next_expiry.isoformat() == next_expiry
    assert verdict.recommended.next_cycle_starts_on.isoformat() == as_of


# --- Status and the windows of the pathways ------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "open_pathways"),
    [
        ("2025-03-31", Status.CURRENT, []),  # the day before the exam window
        ("2025-04-01", Status.CURRENT, [EXAM]),
        ("2025-09-30", Status.CURRENT, [EXAM]),  # the day before the season
        ("2025-10-01", Status.CURRENT, [CE, EXAM]),
        ("2026-03-31", Status.CURRENT, [CE, EXAM]),  # the expiry date
        ("2026-04-01", Status.LAPSED, [LATE, REENTRY]),  # the day after
        ("2026-04-30", Status.LAPSED, [LATE, REENTRY]),  # the last day of reinstatement
        ("2026-05-01", Status.LAPSED, [REENTRY]),
        ("2028-03-31", Status.LAPSED, [REENTRY]),  # two years after expiry
        ("2028-04-01", Status.LAPSED, [NEW_COURSE]),
    ],
)
def test_pathways_open_and_close_on_the_days_nremt_gives(registry, as_of, status, open_pathways):
    holder = emt("2024-01-15", state_licensed=False)
    verdict = evaluate(holder, nccp_2025_record(), as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == "2026-03-31"
    assert verdict.status is status
    assert verdict.usable is (status is Status.CURRENT)
    assert [p.name for p in verdict.open_pathways] == open_pathways


def test_the_windows_of_each_pathway(registry):
    verdict = evaluate(emt("2024-01-15"), [], as_of="2024-01-15", registry=registry)
    windows = {
        p.name: (p.kind, p.opens_on.isoformat(), p.closes_on and p.closes_on.isoformat())
        for p in verdict.pathways
    }
    assert windows == {
        CE: (PathwayKind.CONTINUING_EDUCATION, "2025-10-01", "2026-03-31"),
        EXAM: (PathwayKind.EXAM, "2025-04-01", "2026-03-31"),
        LATE: (PathwayKind.REINSTATEMENT, "2026-04-01", "2026-04-30"),
        REENTRY: (PathwayKind.REINSTATEMENT, "2026-04-01", "2028-03-31"),
        LICENSED_REENTRY: (PathwayKind.REINSTATEMENT, "2028-04-01", None),
        NEW_COURSE: (PathwayKind.EXAM, "2028-04-01", None),
    }
    assert verdict.continuing_education_closes_on.isoformat() == "2026-03-31"


@pytest.mark.parametrize(
    ("certified_on", "as_of", "opens_on", "closes_on"),
    [
        # a leap year: the season still opens on 1 October, the exam on 1 April
        ("2022-07-01", "2024-02-29", "2024-10-01", "2025-04-30"),
        ("2025-06-30", "2025-06-30", "2026-10-01", "2027-04-30"),
    ],
)
def test_season_and_reinstatement_for_other_years(
    registry, certified_on, as_of, opens_on, closes_on
):
    verdict = evaluate(emt(certified_on), [], as_of=as_of, registry=registry)
    assert by_name(verdict, CE).opens_on.isoformat() == opens_on
    assert by_name(verdict, LATE).closes_on.isoformat() == closes_on


def test_the_inactive_fact_gives_inactive_status_until_expiry(registry):
    current = evaluate(emt("2024-01-15", inactive=True), [], as_of="2026-03-31", registry=registry)
    assert (current.status, current.usable) == (Status.INACTIVE, False)
    after = evaluate(emt("2024-01-15", inactive=True), [], as_of="2026-04-01", registry=registry)
    assert after.status is Status.LAPSED


# --- Re-entry: 40 hours within the two years before applying, and a state licence ----------


@pytest.mark.parametrize(
    ("as_of", "day", "met"),
    [
        # Expired 2026-03-31 (2025 model). Two years back from 2027-01-15 is 2025-01-15, not
        # counted: the window is 2025-01-16 through 2027-01-15.
        ("2027-01-15", "2025-01-16", True),  # the first day of the window
        ("2027-01-15", "2025-01-15", False),  # the day before
        ("2027-01-15", "2027-01-15", True),  # the application date
        # Earned after the expiry: no use for the late reinstatement, but for re-entry.
        ("2027-01-15", "2026-04-01", True),
        # Leap days: from 2028-02-29 back is 2026-02-28, so the window opens on 1 March.
        ("2028-02-29", "2026-03-01", True),
        ("2028-02-29", "2026-02-28", False),
        # The last day of re-entry: from 2026-04-01 on.
        ("2028-03-31", "2026-04-01", True),
        ("2028-03-31", "2026-03-31", False),  # the expiry date itself is too old by then
    ],
)
def test_reentry_counts_40_hours_of_the_two_years_before(registry, as_of, day, met):
    verdict = evaluate(emt("2024-01-15"), nccp_2025_record(day), as_of=as_of, registry=registry)
    reentry = by_name(verdict, REENTRY)
    assert reentry.is_open
    assert requirements(verdict, REENTRY)["Total"].earned == (40 if met else 0)
    assert reentry.requirements_met is met
    assert verdict.recommended.name == REENTRY


@pytest.mark.parametrize(("pediatric", "total", "met"), [("2", 40, True), ("1.9", "39.9", False)])
def test_reentry_needs_40_credits_exactly(registry, pediatric, total, met):
    record = nccp_2025_record("2026-06-01", pediatric=pediatric)
    if not met:
        record[0] = hours("2026-06-01", 18, "national", unit="credit")
    verdict = evaluate(emt("2024-01-15"), record, as_of="2027-01-15", registry=registry)
    found = requirements(verdict, REENTRY)["Total"]
    assert (found.earned, found.met) == (Decimal(total), met)
    assert by_name(verdict, REENTRY).requirements_met is met


@pytest.mark.parametrize(
    ("facts", "as_of", "open_pathways"),
    [
        # Lapsed exactly two years: re-entry for everyone.
        ({"state_licensed": True}, "2028-03-31", [REENTRY]),
        ({"state_licensed": False}, "2028-03-31", [REENTRY]),
        ({}, "2028-03-31", [REENTRY]),
        # The day after: re-entry only with a state licence, otherwise a new course.
        ({"state_licensed": True}, "2028-04-01", [LICENSED_REENTRY]),
        ({"state_licensed": False}, "2028-04-01", [NEW_COURSE]),
        ({}, "2028-04-01", [LICENSED_REENTRY, NEW_COURSE]),  # not given: both, with notes
        ({"state_licensed": True}, "2036-02-29", [LICENSED_REENTRY]),  # years later
    ],
)
def test_a_state_licence_keeps_reentry_open_after_two_years(registry, facts, as_of, open_pathways):
    verdict = evaluate(emt("2024-01-15", **facts), [], as_of=as_of, registry=registry)
    assert verdict.status is Status.LAPSED
    assert [p.name for p in verdict.open_pathways] == open_pathways


def test_the_state_licence_condition_is_shown_when_the_fact_is_not_given(registry):
    verdict = evaluate(emt("2024-01-15"), [], as_of="2028-04-01", registry=registry)
    assert "Offered only when state_licensed is true." in by_name(verdict, LICENSED_REENTRY).notes
    assert "Offered only when state_licensed is false." in by_name(verdict, NEW_COURSE).notes
    licensed = evaluate(
        emt("2024-01-15", state_licensed=True), [], as_of="2028-04-01", registry=registry
    )
    assert [p.name for p in licensed.pathways if p.name == NEW_COURSE] == []


@pytest.mark.parametrize(
    ("as_of", "day", "met", "next_expiry"),
    [
        # Expired 2026-03-31; re-entry counts like an initial certification.
        ("2028-04-01", "2026-04-02", True, "2030-03-31"),  # April: two years on
        ("2028-04-01", "2026-04-01", False, "2030-03-31"),  # two years back, not counted
        ("2029-07-01", "2027-07-02", True, "2032-03-31"),  # July: three years on
        ("2029-07-01", "2027-07-01", False, "2032-03-31"),
    ],
)
def test_reentry_with_a_state_licence_counts_its_hours_and_its_own_date(
    registry, as_of, day, met, next_expiry
):
    holder = emt("2024-01-15", state_licensed=True)
    verdict = evaluate(holder, nccp_2025_record(day), as_of=as_of, registry=registry)
    reentry = by_name(verdict, LICENSED_REENTRY)
    assert reentry.kind is PathwayKind.REINSTATEMENT
    assert reentry.requirements_met is met
    assert reentry.next_cycle_starts_on.isoformat() == as_of
    assert reentry.next_expiry.isoformat() == next_expiry


# --- The credit window ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("certified_on", "credit_from", "rule_set"),
    [
        # before 2016-09-01: from 1 April after the previous 31 March, never before the start
        ("2014-02-10", "2014-04-01", "nremt.emt.cycle.before-2016-09"),
        ("2016-01-15", "2016-04-01", "nremt.emt.cycle.before-2016-09"),
        ("2016-04-20", "2016-04-20", "nremt.emt.cycle.before-2016-09"),
        ("2016-08-31", "2017-04-01", "nremt.emt.cycle.before-2016-09"),
        # from 2016-09-01: the day after the recertification was processed
        ("2016-09-01", "2016-09-02", "nremt.emt.cycle.2016-09"),
        ("2016-10-01", "2016-10-02", "nremt.emt.cycle.2016-09"),  # NREMT's own example
        ("2024-02-29", "2024-03-01", "nremt.emt.cycle.2016-09"),  # leap day
    ],
)
def test_credit_counts_from_the_day_the_2016_policy_gives(
    registry, certified_on, credit_from, rule_set
):
    verdict = evaluate(emt(certified_on), [], as_of=certified_on, registry=registry)
    assert verdict.cycle.credit_from.isoformat() == credit_from
    assert verdict.rule_sets[0] == rule_set


@pytest.mark.parametrize(
    ("certified_on", "completed_on", "counts"),
    [
        ("2016-10-01", "2016-10-01", False),  # the day the recertification was processed
        ("2016-10-01", "2016-10-02", True),
        ("2016-01-15", "2016-03-31", False),  # old rule: before 1 April
        ("2016-01-15", "2016-04-01", True),
        ("2024-02-29", "2024-02-29", False),
        ("2024-02-29", "2024-03-01", True),
        ("2024-02-29", "2026-03-31", True),  # the expiry date
        ("2024-02-29", "2026-04-01", False),  # in the reinstatement period: too late
    ],
)
def test_credit_must_fall_in_the_window(registry, certified_on, completed_on, counts):
    # expiry 2018-03-31 has the legacy model's areas
    area = "refresher" if certified_on == "2016-01-15" else "individual"
    activity = hours(completed_on, 1, area)
    verdict = evaluate(emt(certified_on), [activity], as_of="2026-04-15", registry=registry)
    assert verdict.activities[0].is_counted is counts
    if not counts:
        assert verdict.activities[0].refusals[0].reason is Reason.OUTSIDE_WINDOW


def test_late_reinstatement_needs_the_education_done_by_31_march(registry):
    record = [*nccp_2025_record(), hours("2026-04-01", "0.1", "individual", unit="credit")]
    record[3] = hours("2025-01-10", "9.9", "individual", unit="credit")
    verdict = evaluate(emt("2024-01-15"), record, as_of="2026-04-15", registry=registry)
    late = by_name(verdict, LATE)
    assert late.is_open
    assert not late.can_recertify_now
    assert requirements(verdict, LATE)["Total"].shortfall == Decimal("0.1")


# --- The 2016 NCCP model (expiries 2019-03-31 to 2025-03-31) --------------------------------

# Certified 2017-01-15: expires 2019-03-31, the one expiry of the 2016 model with the
# distributive maxima (waived for 2020 to 2022, removed from 2023 by resolution 22-06).
C2016 = "2017-01-15"
AS_OF_2016 = "2019-03-01"


def evaluate_2016(record, registry):
    return evaluate(emt(C2016), record, as_of=AS_OF_2016, registry=registry)


def test_exactly_40_hours_at_every_minimum_recertify(registry):
    verdict = evaluate_2016(nccp_2016_record(), registry)
    assert "nremt.emt.education.nccp-2016" in verdict.rule_sets
    assert earned(verdict) == {
        "Total": (40, True),
        "National": (20, True),
        "Local/State": (10, True),
        "Individual": (10, True),
        "Airway, respiration and ventilation": (Decimal("1.5"), True),
        "Cardiovascular": (6, True),
        "Trauma": (Decimal("1.5"), True),
        "Medical": (6, True),
        "Operations": (5, True),
    }
    assert by_name(verdict, CE).can_recertify_now  # the season opened on 2018-10-01
    assert by_name(verdict, EXAM).is_open


def test_39_9_hours_are_short_by_a_tenth(registry):
    verdict = evaluate_2016(nccp_2016_record(individual="9.9"), registry)
    found = requirements(verdict)
    assert (found["Total"].met, found["Total"].shortfall) == (False, Decimal("0.1"))
    # With the overflow the allocation may move the missing tenth to another component; the
    # three components together are short by exactly that tenth.
    components = ("National", "Local/State", "Individual")
    assert sum(found[name].shortfall for name in components) == Decimal("0.1")
    assert not by_name(verdict, CE).can_recertify_now


@pytest.mark.parametrize(
    ("name", "area", "minimum"),
    [
        ("Airway, respiration and ventilation", "airway", Decimal("1.5")),
        ("Cardiovascular", "cardiovascular", Decimal(6)),
        ("Trauma", "trauma", Decimal("1.5")),
        ("Medical", "medical", Decimal(6)),
        ("Operations", "operations", Decimal(5)),
    ],
)
def test_each_topic_a_tenth_below_its_minimum_is_short(registry, name, area, minimum):
    # 40 hours in all: the missing tenth is taken as Individual education instead.
    record = nccp_2016_record(**{area: minimum - Decimal("0.1"), "individual": "10.1"})
    verdict = evaluate_2016(record, registry)
    found = earned(verdict)
    assert found[name] == (minimum - Decimal("0.1"), False)
    assert found["National"] == (Decimal("19.9"), False)
    assert found["Total"] == (40, True)
    unmet = [n for n, (_, met) in found.items() if not met]
    assert unmet == ["National", name]


def test_the_unit_credit_counts_as_an_hour(registry):
    record = [*nccp_2016_record(individual=0), hours("2018-01-10", 10, "individual", unit="credit")]
    assert earned(evaluate_2016(record, registry))["Individual"] == (10, True)


def test_national_content_without_a_topic_is_refused_under_the_2016_model(registry):
    verdict = evaluate_2016([hours("2018-01-10", 5, "national")], registry)
    refusal = verdict.activities[0].refusals[0]
    assert refusal.reason is Reason.UNKNOWN_AREA
    assert "airway, cardiovascular" in refusal.detail


# Distributive maxima: 7 National, 7 Local/State, 10 Individual, 24 in all.


@pytest.mark.parametrize(("distributive", "national"), [("1", 20), ("1.1", Decimal("19.9"))])
def test_national_distributive_cap_is_7(registry, distributive, national):
    classroom = Decimal(5) - Decimal(distributive)
    record = [
        *nccp_2016_record(medical=0, operations=0),
        hours("2018-01-10", 6, "medical", "distributive"),
        hours("2018-01-10", distributive, "operations", "distributive"),
        hours("2018-01-10", classroom, "operations"),
    ]
    found = earned(evaluate_2016(record, registry))
    assert found["National"] == (national, national == 20)
    assert found["Medical"][0] + found["Operations"][0] == national - 9
    assert found["Total"] == (40, True)  # the tenth over the cap counts as Individual


@pytest.mark.parametrize(("distributive", "local"), [("7", 10), ("7.1", Decimal("9.9"))])
def test_local_distributive_cap_is_7(registry, distributive, local):
    record = [
        *nccp_2016_record(local=0),
        hours("2018-01-10", distributive, "local", "distributive"),
        hours("2018-01-10", Decimal(10) - Decimal(distributive), "local"),
    ]
    found = earned(evaluate_2016(record, registry))
    assert found["Local/State"] == (local, local == 10)


@pytest.mark.parametrize(("distributive", "refused"), [("10", 0), ("10.1", Decimal("0.1"))])
def test_individual_distributive_cap_is_10(registry, distributive, refused):
    record = [
        *nccp_2016_record(individual=0),
        hours("2018-01-10", distributive, "individual", "distributive"),
    ]
    verdict = evaluate_2016(record, registry)
    assert earned(verdict)["Individual"] == (10, True)
    (online,) = [r for r in verdict.activities if "distributive" in r.activity.tags]
    assert online.credit - online.counted == refused
    if refused:
        assert [r.reason for r in online.refusals] == [Reason.OVER_CAP]


@pytest.mark.parametrize(("extra", "refused"), [(None, 0), ("0.1", Decimal("0.1"))])
def test_at_most_24_distributive_hours_count(registry, extra, refused):
    record = [
        hours("2018-01-10", "1.5", "airway"),
        hours("2018-01-10", 6, "cardiovascular"),
        hours("2018-01-10", "1.5", "trauma"),
        hours("2018-01-10", 6, "medical", "distributive"),
        hours("2018-01-10", 1, "operations", "distributive"),
        hours("2018-01-10", 4, "operations"),
        hours("2018-01-10", 7, "local", "distributive"),
        hours("2018-01-10", 3, "local"),
        hours("2018-01-10", 10, "individual", "distributive"),
    ]
    if extra:
        record.append(hours("2018-02-01", extra, "cardiovascular", "distributive"))
    verdict = evaluate_2016(record, registry)
    assert all(met for _, met in earned(verdict).values())
    counted_online = sum(r.counted for r in verdict.activities if "distributive" in r.activity.tags)
    assert counted_online == 24
    assert sum(r.credit - r.counted for r in verdict.activities) == refused


# The overflow into Individual (a parameter, low confidence).


@pytest.mark.parametrize(
    ("override", "overflow", "individual"),
    [
        ({"cardiovascular": 16, "individual": 0}, True, (10, True)),
        ({"cardiovascular": 16, "individual": 0}, False, (0, False)),
        ({"local": 20, "individual": 0}, True, (10, True)),
        ({"local": 20, "individual": 0}, False, (0, False)),
    ],
)
def test_hours_beyond_a_components_need_count_as_individual(
    registry, override, overflow, individual
):
    chosen = registry if overflow else registry_of(strict_variant())
    verdict = evaluate_2016(nccp_2016_record(**override), chosen)
    assert earned(verdict)["Individual"] == individual
    assert any("Individual component" in note for note in verdict.notes) is overflow


# --- Which model: dated rule sets selected by the expiry date ------------------------------


@pytest.mark.parametrize(
    ("certified_on", "expires_on", "rule_set", "unit"),
    [
        ("2016-01-15", "2018-03-31", "nremt.emt.education.72-hours", "hour"),
        ("2017-01-15", "2019-03-31", "nremt.emt.education.nccp-2016", "hour"),
        ("2018-01-15", "2020-06-30", "nremt.emt.education.nccp-2016.waiver-2020", "hour"),
        ("2019-01-15", "2021-03-31", "nremt.emt.education.nccp-2016.waiver-2021", "hour"),
        ("2020-01-15", "2022-03-31", "nremt.emt.education.nccp-2016.waiver-2022", "hour"),
        (
            "2021-01-15",
            "2023-03-31",
            "nremt.emt.education.nccp-2016.no-distributive-limits",
            "hour",
        ),
        (
            "2023-01-15",
            "2025-03-31",
            "nremt.emt.education.nccp-2016.no-distributive-limits",
            "hour",
        ),
        ("2024-01-15", "2026-03-31", "nremt.emt.education.nccp-2025", "credit"),
        ("2023-07-01", "2026-03-31", "nremt.emt.education.nccp-2025", "credit"),
    ],
)
def test_the_education_model_follows_the_expiry_date(
    registry, certified_on, expires_on, rule_set, unit
):
    verdict = evaluate(emt(certified_on), [], as_of=certified_on, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on
    assert rule_set in verdict.rule_sets
    assert requirements(verdict)["Total"].unit == unit


def test_the_2025_model_has_components_and_pediatrics_but_no_topic_minimums(registry):
    before = evaluate(emt("2023-01-15"), [], as_of="2023-01-15", registry=registry)
    after = evaluate(emt("2024-01-15"), [], as_of="2024-01-15", registry=registry)
    assert list(requirements(before)) == [
        "Total",
        "National",
        "Local/State",
        "Individual",
        "Airway, respiration and ventilation",
        "Cardiovascular",
        "Trauma",
        "Medical",
        "Operations",
    ]
    assert list(requirements(after)) == [
        "Total",
        "National",
        "Local/State",
        "Individual",
        "Pediatrics (10% of National)",
    ]
    assert any("topic credits are not known" in note for note in after.notes)


@pytest.mark.parametrize(("pediatric", "met"), [("2", True), ("1.9", False)])
def test_2025_model_needs_2_pediatric_credits(registry, pediatric, met):
    verdict = evaluate(
        emt("2024-01-15"),
        nccp_2025_record(pediatric=pediatric),
        as_of="2026-01-10",
        registry=registry,
    )
    found = earned(verdict)
    assert found["Pediatrics (10% of National)"] == (Decimal(pediatric), met)
    assert found["National"] == (20, True)
    assert by_name(verdict, CE).can_recertify_now is met


def test_2025_model_takes_hours_and_topic_areas_as_national_credit(registry):
    record = [
        hours("2025-01-10", 8, "cardiovascular"),
        hours("2025-01-10", 10, "trauma"),
        hours("2025-01-10", 2, "medical", "pediatrics"),
        hours("2025-01-10", 10, "local"),
        hours("2025-01-10", 10, "individual"),
    ]
    verdict = evaluate(emt("2024-01-15"), record, as_of="2026-01-10", registry=registry)
    assert all(met for _, met in earned(verdict).values())


@pytest.mark.parametrize(
    ("certified_on", "as_of", "total"),
    [
        ("2017-01-15", "2019-03-01", 24),  # expiry 2019-03-31: the maxima apply
        ("2018-01-15", "2020-03-01", 40),  # expiry 2020-03-31 (to 2020-06-30): waived
        ("2019-01-15", "2021-03-01", 40),  # expiry 2021-03-31: waived
        ("2020-01-15", "2022-03-01", 40),  # expiry 2022-03-31: waived
        ("2021-01-15", "2023-03-01", 40),  # expiry 2023-03-31: no limits, resolution 22-06
        ("2023-01-15", "2025-03-01", 40),  # expiry 2025-03-31: no limits
        ("2024-01-15", "2026-03-01", 40),  # expiry 2026-03-31, 2025 model: no limits
    ],
)
def test_distributive_maxima_only_for_the_2019_expiry(registry, certified_on, as_of, total):
    year = certified_on[:4]
    record = [
        hours(f"{year}-06-01", amount, area, "distributive")
        for area, amount in {
            "airway": "1.5",
            "cardiovascular": 6,
            "trauma": "1.5",
            "medical": 6,
            "operations": 5,
            "local": 10,
            "individual": 10,
        }.items()
    ]
    verdict = evaluate(emt(certified_on), record, as_of=as_of, registry=registry)
    assert requirements(verdict)["Total"].earned == total


def test_legacy_72_hours_before_the_nccp(registry):
    record = [hours("2017-01-10", 24, "refresher"), hours("2017-01-10", 48, "additional")]
    verdict = evaluate(emt("2016-01-15"), record, as_of="2018-03-01", registry=registry)
    assert earned(verdict) == {"Total": (72, True), "Refresher": (24, True)}


@pytest.mark.parametrize(
    ("record", "refresher", "total"),
    [
        ([("refresher", "23.9", ()), ("additional", "48.1", ())], Decimal("23.9"), 72),
        (
            [("refresher", 10, ("distributive",)), ("refresher", 14, ()), ("additional", 48, ())],
            24,
            72,
        ),
        (
            [
                ("refresher", "10.1", ("distributive",)),
                ("refresher", "13.9", ()),
                ("additional", 48, ()),
            ],
            Decimal("23.9"),
            Decimal("71.9"),
        ),
    ],
)
def test_legacy_refresher_minimum_and_distributive_cap(registry, record, refresher, total):
    activities = [hours("2017-01-10", amount, area, *tags) for area, amount, tags in record]
    verdict = evaluate(emt("2016-01-15"), activities, as_of="2018-03-01", registry=registry)
    found = earned(verdict)
    assert found["Refresher"][0] == refresher
    assert found["Total"][0] == total


def test_a_passed_exam_is_recorded_as_an_nremt_exam_and_recertifies(registry):
    exam = Activity("Cognitive exam", "2025-04-01", 1, "nremt_exam")
    verdict = evaluate(emt("2023-08-01"), [exam], as_of="2025-12-01", registry=registry)
    by_exam = next(p for p in verdict.pathways if p.kind is PathwayKind.EXAM and p.is_open)
    assert by_exam.exam_passed
    assert by_exam.can_recertify_now


# --- Fees -----------------------------------------------------------------------------------


def fees_of(verdict, pathway):
    return {fee.label: fee for fee in by_name(verdict, pathway).fees}


@pytest.mark.parametrize(
    ("facts", "paper_fee"),
    [({}, True), ({"paper_application": False}, False), ({"paper_application": True}, True)],
)
def test_late_reinstatement_fees(registry, facts, paper_fee):
    verdict = evaluate(emt("2024-01-15", **facts), [], as_of="2026-04-10", registry=registry)
    fees = fees_of(verdict, LATE)
    assert fees["Recertification fee"].amount is None
    late = fees["Reinstatement fee (late application)"]
    assert (late.amount, late.confirmed) == (Decimal(50), False)
    assert ("Paper application processing fee" in fees) is paper_fee
    if paper_fee:
        assert fees["Paper application processing fee"].amount == Decimal(5)


def test_exam_fee_is_104_without_the_paper_fee(registry):
    verdict = evaluate(emt("2024-01-15"), [], as_of="2025-04-01", registry=registry)
    fees = fees_of(verdict, EXAM)
    assert list(fees) == ["Recertification by exam fee"]
    assert (
        fees["Recertification by exam fee"].amount,
        fees["Recertification by exam fee"].confirmed,
    ) == (
        Decimal(104),
        True,
    )


@pytest.mark.parametrize(
    ("certified_on", "as_of", "paper_fee"),
    [
        ("2013-01-15", "2015-03-01", False),  # expiry 2015-03-31: season opened 2014-10-01
        ("2014-01-15", "2016-03-01", True),  # expiry 2016-03-31: season opened 2015-10-01
    ],
)
def test_paper_fee_applies_from_the_season_opening_1_october_2015(
    registry, certified_on, as_of, paper_fee
):
    verdict = evaluate(
        emt(certified_on, paper_application=True), [], as_of=as_of, registry=registry
    )
    assert ("Paper application processing fee" in fees_of(verdict, CE)) is paper_fee


# --- The 2020 extension: 31 March 2020 to 30 June 2020 [COVID-2020] -----------------------


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2020-03-31", Status.CURRENT),
        ("2020-04-01", Status.CURRENT),  # would have lapsed without the extension
        ("2020-06-30", Status.CURRENT),  # the extended expiry
        ("2020-07-01", Status.LAPSED),
    ],
)
def test_the_2020_expiry_was_extended_to_30_june(registry, as_of, status):
    verdict = evaluate(emt("2018-01-15"), [], as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == "2020-06-30"
    assert verdict.status is status
    assert verdict.usable is (status is Status.CURRENT)


@pytest.mark.parametrize(
    ("certified_on", "as_of", "expires_on"),
    [
        ("2017-01-15", "2019-04-01", "2019-03-31"),  # the year before: not extended
        ("2019-01-15", "2021-04-01", "2021-03-31"),  # the year after: not extended
    ],
)
def test_other_years_lapse_on_1_april(registry, certified_on, as_of, expires_on):
    verdict = evaluate(emt(certified_on), [], as_of=as_of, registry=registry)
    assert verdict.expires_on.isoformat() == expires_on
    assert verdict.status is Status.LAPSED


def test_an_application_in_april_2020_was_on_time_and_owed_no_late_fee(registry):
    record = nccp_2016_record("2019-06-01")
    verdict = evaluate(emt("2018-01-15"), record, as_of="2020-04-15", registry=registry)
    assert LATE not in [pathway.name for pathway in verdict.pathways]
    ce = by_name(verdict, CE)
    assert ce.can_recertify_now
    assert ce.closes_on.isoformat() == "2020-06-30"
    assert "Reinstatement fee (late application)" not in [fee.label for fee in ce.fees]
    # Counted on from the extended date by the 31 March rule: the next expiry is unchanged.
    assert ce.next_expiry.isoformat() == "2022-03-31"


def test_education_through_30_june_2020_counted(registry):
    record = [*nccp_2016_record("2019-06-01", individual=9), hours("2020-06-30", 1, "individual")]
    verdict = evaluate(emt("2018-01-15"), record, as_of="2020-06-30", registry=registry)
    assert requirements(verdict)["Total"].met
    too_late = [hours("2020-07-01", 1, "individual")]
    verdict = evaluate(emt("2018-01-15"), too_late, as_of="2020-07-15", registry=registry)
    assert verdict.activities[0].refusals[0].reason is Reason.OUTSIDE_WINDOW


def test_the_year_before_the_extension_april_is_the_late_window_with_its_fee(registry):
    verdict = evaluate(emt("2017-01-15"), [], as_of="2019-04-15", registry=registry)
    late = by_name(verdict, LATE)
    assert late.is_open
    assert "Reinstatement fee (late application)" in [fee.label for fee in late.fees]
