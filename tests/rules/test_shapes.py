"""The standard shapes of the rules model at their edges: expiry rules, date rules, facts,
conditions, requirement groups, measures, tiers, lengths, spans and overflows."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pendulum
import pytest

from recertlib import (
    Activity,
    Credential,
    Facts,
    MissingFact,
    Reason,
    evaluate,
    structure,
    unstructure,
)
from recertlib.engine.credential import fact_reader
from recertlib.rules import (
    BIRTH_DATE,
    AfterBirthdays,
    AfterExpiry,
    AnyOf,
    AtLeast,
    BeforeExpiry,
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    CycleDates,
    DayAfter,
    Earliest,
    FactIs,
    FactKind,
    FactSpec,
    Fee,
    FixedDayOfYear,
    InFirstCycle,
    Latest,
    Measure,
    Minimum,
    MinimumLength,
    NextCycleFrom,
    OnDate,
    OuterCycle,
    Overflow,
    Pathway,
    PathwayKind,
    RuleSet,
    Selector,
    Span,
    Spanning,
    Tier,
    YearsFromMonth,
)
from recertlib.testing import registry_of

D = pendulum.date


def reader(**facts: object):
    spec = make_spec()
    return fact_reader(spec, Credential("TB", "T", "Tess", "2020-01-01", facts=facts))


def make_spec(
    *,
    cycle: Cycle | None = None,
    education: ContinuingEducation | None = None,
    pathways: tuple[Pathway, ...] | None = None,
    facts: tuple[FactSpec, ...] = (),
) -> CredentialSpec:
    return CredentialSpec(
        "TB",
        "T",
        "Test credential",
        "Test body",
        (
            RuleSet(
                "tb.t",
                None,
                "the tests",
                Confidence.HIGH,
                cycle=cycle or Cycle(Span(months=24)),
                continuing_education=education
                or ContinuingEducation("hour", 10, (Conversion("hour", 1),)),
                pathways=pathways
                or (
                    Pathway(
                        PathwayKind.CONTINUING_EDUCATION,
                        "Renew",
                        closes=AfterExpiry(),
                        requires_credit=True,
                        next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
                    ),
                ),
            ),
        ),
        facts=facts,
    )


def verdict_of(spec, activities=(), *, certified_on="2020-04-01", as_of="2021-01-01", **facts):
    credential = Credential("TB", "T", "Tess", certified_on, facts=facts)
    return evaluate(credential, activities, as_of=as_of, registry=registry_of(spec))


NREMT_LIKE = FixedDayOfYear(3, 31, years=2, longer=(YearsFromMonth(7, 3),))


@pytest.mark.parametrize(
    ("counted_from", "expiry"),
    [
        ("2024-01-01", "2026-03-31"),
        ("2024-06-30", "2026-03-31"),
        ("2024-07-01", "2027-03-31"),
        ("2024-12-31", "2027-03-31"),
        ("2026-03-31", "2028-03-31"),  # a later cycle, counted from the previous expiry
    ],
)
def test_a_fixed_day_of_the_year_two_or_three_years_on(counted_from, expiry):
    assert NREMT_LIKE.expiry(D(*map(int, counted_from.split("-"))), reader()) == D(
        *map(int, expiry.split("-"))
    )


def test_29_february_as_the_fixed_day_is_28_february_in_a_common_year():
    rule = FixedDayOfYear(2, 29, years=1)
    assert rule.expiry(D(2023, 5, 1), reader()) == D(2024, 2, 29)
    assert rule.expiry(D(2024, 5, 1), reader()) == D(2025, 2, 28)


@pytest.mark.parametrize(
    ("issued", "born", "on_start_counts", "expiry"),
    [
        ("2024-03-10", "1990-05-05", False, "2025-06-30"),  # two birthdays, not two years
        ("2024-05-04", "1990-05-05", False, "2025-06-30"),  # the day before the birthday
        ("2024-05-05", "1990-05-05", False, "2026-06-30"),  # on it: not "following"
        ("2024-05-05", "1990-05-05", True, "2025-06-30"),
        ("2024-05-06", "1990-05-05", False, "2026-06-30"),
        ("2024-03-10", "1990-12-15", False, "2026-01-31"),  # December: 31 January next year
        ("2024-03-10", "1992-02-29", False, "2026-03-31"),  # 28 Feb in common years
        ("2025-06-30", "1990-05-05", False, "2027-06-30"),  # a later cycle, from the expiry
    ],
)
def test_the_end_of_the_month_after_the_birth_month_after_two_birthdays(
    issued, born, on_start_counts, expiry
):
    rule = AfterBirthdays(2, months_after_birth_month=1, birthday_on_start_counts=on_start_counts)
    assert (
        rule.expiry(pendulum.parse(issued).date(), reader(birth_date=born))
        == pendulum.parse(expiry).date()
    )


def test_a_rule_that_needs_a_fact_names_the_fact_the_credential_and_the_holder():
    spec = make_spec(cycle=Cycle(AfterBirthdays(2, months_after_birth_month=1)))
    with pytest.raises(MissingFact) as raised:
        verdict_of(spec)
    message = str(raised.value)
    assert "birth_date" in message
    assert "TB T" in message
    assert "Tess" in message
    assert raised.value.fact == BIRTH_DATE


DATES = CycleDates(D(2024, 4, 1), D(2026, 3, 31))


@pytest.mark.parametrize(
    ("rule", "on"),
    [
        (AfterExpiry(), D(2026, 3, 31)),
        (DayAfter(BeforeExpiry(Span(months=6))), D(2025, 10, 1)),  # NREMT's season opens
        (DayAfter(BeforeExpiry(Span(months=12))), D(2025, 4, 1)),
        (AfterExpiry(Span(days=30)), D(2026, 4, 30)),
        (Earliest(AfterExpiry(Span(months=60)), OnDate("2020-03-30")), D(2020, 3, 30)),
        (Latest(AfterExpiry(), OnDate("2020-03-30")), D(2026, 3, 31)),
    ],
)
def test_date_rules_count_from_the_cycle(rule, on):
    assert rule.on(DATES) == on


def test_dec_31_less_32_months_is_30_april_so_the_window_opens_on_1_may():
    assert DayAfter(BeforeExpiry(Span(months=32))).on(
        CycleDates(D(2019, 1, 1), D(2020, 12, 31))
    ) == D(2018, 5, 1)


def test_facts_from_a_mapping_keep_plugin_facts_beside_the_standard_ones():
    facts = Facts.from_mapping({"member": True, "board_region": "north"})
    assert facts.member is True
    assert facts.get("board_region") == "north"
    assert facts.get("birth_date") is None


def test_a_plugin_fact_is_read_as_its_declared_kind():
    spec = make_spec(
        facts=(FactSpec("licensed_on", FactKind.DATE, "the date of the state licence"),),
    )
    credential = Credential("TB", "T", "Tess", "2020-01-01", facts={"licensed_on": "2019-05-01"})
    assert fact_reader(spec, credential).get("licensed_on") == D(2019, 5, 1)


def test_a_fee_on_a_fact_applies_by_the_fact_and_lists_both_when_it_is_unknown():
    fees = (
        Fee("Members", 125, when=FactIs("member", True)),
        Fee("Others", 250, when=FactIs("member", False)),
    )
    spec = make_spec(
        pathways=(
            Pathway(PathwayKind.CONTINUING_EDUCATION, "Renew", requires_credit=True, fees=fees),
        )
    )
    assert [f.label for f in verdict_of(spec, member=True).fee_due] == ["Members"]
    assert [f.label for f in verdict_of(spec, member=False).fee_due] == ["Others"]
    assert [f.label for f in verdict_of(spec).fee_due] == ["Members", "Others"]


def test_the_first_cycle_follows_its_own_rule_and_later_ones_the_others():
    cycle = Cycle(Span(months=24), first=Cycle(Span(months=12)))
    spec = make_spec(cycle=cycle)
    assert verdict_of(spec, first_renewal=True).expires_on == D(2021, 4, 1)
    assert verdict_of(spec, first_renewal=False).expires_on == D(2022, 4, 1)
    issued_then = verdict_of(spec, originally_issued_on="2020-04-01")
    assert issued_then.expires_on == D(2021, 4, 1)
    with pytest.raises(MissingFact, match="first_renewal"):
        verdict_of(spec)


def hours(day: str, amount: object, *, area: str | None = None, **more: object) -> Activity:
    return Activity(f"Course {day} {area}", day, amount, "hour", area=area, **more)


def test_any_of_is_met_by_one_member_and_at_least_counts_members():
    education = ContinuingEducation(
        "hour",
        None,
        (Conversion("hour", 1),),
        areas={"a", "b", "c"},
        requirements=(
            AnyOf(
                "One area in depth",
                Minimum("A", Selector(areas={"a"}), 5),
                Minimum("B", Selector(areas={"b"}), 5),
            ),
            AtLeast(
                2,
                "Breadth",
                Minimum("A1", Selector(areas={"a"}), 1),
                Minimum("B1", Selector(areas={"b"}), 1),
                Minimum("C1", Selector(areas={"c"}), 1),
            ),
        ),
    )
    spec = make_spec(education=education)
    met = verdict_of(spec, [hours("2020-05-01", 5, area="b"), hours("2020-05-02", 1, area="c")])
    assert met.recommended.requirements_met
    short = verdict_of(spec, [hours("2020-05-01", "4.9", area="b")])
    depth, breadth = short.recommended.requirements
    assert not depth.met
    assert [child.met for child in depth.children] == [False, False]
    assert breadth.earned == 1
    assert breadth.required == 2


def test_a_measure_counts_what_is_not_credit_and_only_when_its_condition_holds():
    education = ContinuingEducation(
        "credit",
        10,
        (Conversion("hour", 1),),
        requirements=(
            Measure("Pass the exam", 1, {"exam"}, unit_name="exam", when=InFirstCycle(False)),
        ),
    )
    spec = make_spec(education=education)
    exam = Activity("Recertification exam", "2020-06-01", 1, "exam")
    verdict = verdict_of(spec, [hours("2020-05-01", 10), exam], first_renewal=False)
    total, passed = verdict.recommended.requirements
    assert total.earned == 10  # the exam is no credit
    assert passed.met
    assert passed.unit == "exam"
    first = verdict_of(spec, [hours("2020-05-01", 10)], first_renewal=True)
    assert [r.name for r in first.recommended.requirements] == ["Total"]


@pytest.mark.parametrize(
    ("recorded", "credit"),
    [(["15"], "30"), (["15", "10"], "45"), (["20", "1"], "41"), (["25"], "45")],
)
def test_the_first_tier_of_a_cycle_counts_at_its_factor_and_the_rest_at_the_base(recorded, credit):
    education = ContinuingEducation("credit", 100, (Conversion("pi_cme", 1, tiers=(Tier(20, 2),)),))
    activities = [
        Activity(f"PI {index}", f"2020-05-0{index + 1}", amount, "pi_cme")
        for index, amount in enumerate(recorded)
    ]
    verdict = verdict_of(make_spec(education=education), activities)
    assert sum(r.credit for r in verdict.activities) == Decimal(credit)


@pytest.mark.parametrize(("amount", "counts"), [("1", True), ("0.99", False)])
def test_a_minimum_length_refuses_a_shorter_activity(amount, counts):
    education = ContinuingEducation(
        "hour", 10, (Conversion("hour", 1),), minimum_lengths=(MinimumLength(Selector(), 1),)
    )
    verdict = verdict_of(make_spec(education=education), [hours("2020-05-01", amount)])
    assert verdict.activities[0].is_counted is counts
    if not counts:
        assert verdict.activities[0].refusals[0].reason is Reason.TOO_SHORT


@pytest.mark.parametrize(
    ("spanning", "started_on", "completed_on", "counts"),
    [
        (Spanning.WHERE_IT_ENDS, "2020-03-30", "2020-04-02", True),
        (Spanning.WHERE_IT_ENDS, "2022-03-30", "2022-04-02", False),
        (Spanning.WHERE_IT_STARTS, "2020-03-30", "2020-04-02", False),
        (Spanning.WHERE_IT_STARTS, "2022-03-30", "2022-04-02", True),
        (Spanning.WHOLLY_WITHIN, "2020-03-31", "2020-04-02", False),
        (Spanning.WHOLLY_WITHIN, "2020-04-01", "2022-04-01", True),
    ],
)
def test_a_course_over_two_periods_counts_where_the_rules_say(
    spanning, started_on, completed_on, counts
):
    education = ContinuingEducation("hour", 10, (Conversion("hour", 1),), spanning=spanning)
    activity = Activity("Long course", completed_on, 3, "hour", started_on=started_on)
    verdict = verdict_of(make_spec(education=education), [activity], as_of="2022-05-01")
    assert verdict.expires_on == D(2022, 4, 1)
    assert verdict.activities[0].is_counted is counts


def test_credit_beyond_a_component_flows_into_the_area_that_takes_it():
    education = ContinuingEducation(
        "hour",
        30,
        (Conversion("hour", 1),),
        areas={"national", "local", "individual"},
        minimums=(
            Minimum("National", Selector(areas={"national"}), 20),
            Minimum("Local", Selector(areas={"local"}), 5),
            Minimum("Individual", Selector(areas={"individual"}), 5),
        ),
        caps=(Cap("Distributive national", Selector(areas={"national"}, tags={"online"}), 7),),
        overflows=(Overflow({"national", "local"}, "individual"),),
    )
    activities = [
        hours("2020-05-01", 20, area="national"),
        hours("2020-05-02", 5, area="local"),
        hours("2020-05-03", 5, area="national", tags=["online"]),
    ]
    verdict = verdict_of(make_spec(education=education), activities)
    assert verdict.recommended.requirements_met
    earned = {r.name: r.earned for r in verdict.recommended.requirements}
    assert earned == {"Total": 30, "National": 20, "Local": 5, "Individual": 5}


def test_an_outer_cycle_places_the_holder_in_its_inner_cycles():
    cycle = Cycle(FixedDayOfYear(12, 31, years=2), outer=OuterCycle("maintenance cycle", 5))
    spec = make_spec(cycle=cycle)
    for number, certified_on, expiry in [
        (1, "2020-07-15", "2022-12-31"),
        (2, "2022-11-01", "2024-12-31"),
        (5, "2028-10-01", "2030-12-31"),
        (1, "2030-10-01", "2032-12-31"),
    ]:
        verdict = verdict_of(
            spec, certified_on=certified_on, as_of=certified_on, originally_issued_on="2020-07-15"
        )
        assert verdict.expires_on.isoformat() == expiry
        assert verdict.outer.inner_number == number
    last = verdict_of(
        spec, certified_on="2028-10-01", as_of="2029-01-01", originally_issued_on="2020-07-15"
    )
    assert (last.outer.starts_on, last.outer.expires_on) == (D(2020, 7, 15), D(2030, 12, 31))
    assert last.outer.is_last_inner
    with pytest.raises(MissingFact, match="originally_issued_on"):
        verdict_of(spec)


def test_the_next_cycle_starts_the_day_after_the_previous_expiry_and_follows_its_anchor():
    spec = make_spec(cycle=Cycle(NREMT_LIKE))
    verdict = verdict_of(spec, certified_on="2023-10-02", as_of="2025-11-01")
    assert verdict.expires_on == D(2026, 3, 31)
    renew = verdict.recommended
    assert (renew.next_cycle_starts_on, renew.next_expiry) == (D(2026, 4, 1), D(2028, 3, 31))


def test_exact_arithmetic_whatever_the_callers_decimal_context():
    # The longest amount allowed (recertlib.quantities.amounts.MAX_PLACES): a 3-digit context
    # would make it 10.0.
    activities = [hours("2020-05-01", "9.999999"), hours("2020-05-02", 0)]
    spec = make_spec()
    with decimal.localcontext(decimal.Context(prec=3)):
        verdict = verdict_of(spec, activities)
    total = verdict.recommended.requirements[0]
    assert total.earned == Decimal("9.999999")
    assert not total.met


def test_a_spec_with_every_shape_round_trips_through_json():
    spec = make_spec(
        cycle=Cycle(
            NREMT_LIKE,
            credit_from=DayAfter(BeforeExpiry(Span(months=32))),
            first=Cycle(AfterBirthdays(2, months_after_birth_month=1)),
        ),
        education=ContinuingEducation(
            "hour",
            None,
            (Conversion("hour", 1, tiers=(Tier(20, 2),)),),
            requirements=(
                AnyOf("Either", Minimum("M", Selector(tags={"x"}), 1, when=InFirstCycle())),
                Measure("Exam", 1, {"exam"}, unit_name="exam"),
            ),
        ),
        pathways=(
            Pathway(
                PathwayKind.CONTINUING_EDUCATION,
                "Renew",
                closes=Earliest(AfterExpiry(Span(days=30)), OnDate("2030-01-01")),
                requires_credit=True,
                fees=(Fee("F", 1, when=FactIs("member", True)),),
            ),
        ),
    )
    assert structure(unstructure(spec), CredentialSpec) == spec


def test_a_pathway_on_a_fact_is_offered_by_the_fact_and_listed_when_it_is_unknown():
    licensed = Pathway(
        PathwayKind.REINSTATEMENT, "Re-enter with a state licence", when=FactIs("licensed", True)
    )
    spec = make_spec(
        pathways=(
            Pathway(PathwayKind.CONTINUING_EDUCATION, "Renew", requires_credit=True),
            licensed,
        )
    )
    assert [p.name for p in verdict_of(spec, licensed=False).pathways] == ["Renew"]
    shown = verdict_of(spec, licensed=True).pathways[1]
    assert shown.name == "Re-enter with a state licence"
    assert shown.notes == ("Offered only when licensed is true.",)
    assert len(verdict_of(spec).pathways) == 2


def test_a_pathway_that_looks_back_from_the_evaluation_date_counts_credit_there():
    spec = make_spec(
        pathways=(
            Pathway(PathwayKind.CONTINUING_EDUCATION, "Renew", requires_credit=True),
            Pathway(
                PathwayKind.REINSTATEMENT,
                "Reinstate",
                requires_credit=True,
                credit_within=Span(months=24),
            ),
        )
    )
    old = hours("2020-05-01", 10)
    # Two years back from 2024-05-01 starts on 2022-05-02: the 2020 course is too old.
    renew, reinstate = verdict_of(spec, [old], as_of="2024-05-01").pathways
    assert renew.requirements_met
    assert not reinstate.requirements_met
    recent = hours("2022-05-02", 10)
    assert verdict_of(spec, [recent], as_of="2024-05-01").pathways[1].requirements_met
    too_old = hours("2022-05-01", 10)
    assert not verdict_of(spec, [too_old], as_of="2024-05-01").pathways[1].requirements_met


def test_the_next_cycle_in_series_is_the_first_that_ends_after_recertifying():
    spec = make_spec(
        cycle=Cycle(NREMT_LIKE),
        pathways=(
            Pathway(
                PathwayKind.REINSTATEMENT,
                "Reinstate",
                opens=DayAfter(AfterExpiry()),
                next_cycle_from=NextCycleFrom.NEXT_IN_SERIES,
            ),
        ),
    )
    verdict = verdict_of(spec, certified_on="2020-04-01", as_of="2025-06-01")
    assert verdict.expires_on == D(2022, 3, 31)
    reinstate = verdict.pathways[0]
    # 2024-03-31 has passed; the series goes on to 2026-03-31.
    assert (reinstate.next_cycle_starts_on, reinstate.next_expiry) == (
        D(2024, 4, 1),
        D(2026, 3, 31),
    )


def test_a_recorded_expiry_stands_when_the_rules_lack_a_fact_to_compute_one():
    spec = make_spec(cycle=Cycle(AfterBirthdays(2, months_after_birth_month=1)))
    credential = Credential("TB", "T", "Tess", "2024-03-10", expires_on="2025-06-30")
    verdict = evaluate(credential, [], as_of="2024-06-01", registry=registry_of(spec))
    assert verdict.expires_on == D(2025, 6, 30)
    assert verdict.notes == ()
    renew = verdict.pathways[0]
    assert renew.next_expiry is None
    assert renew.notes == (
        "The next expiry needs the birth_date fact: the expiry is counted from the birth month.",
    )
    differs = Credential(
        "TB", "T", "Tess", "2024-03-10", expires_on="2025-07-31", facts={"birth_date": "1990-05-05"}
    )
    noted = evaluate(differs, [], as_of="2024-06-01", registry=registry_of(spec))
    assert noted.notes == (
        "The recorded expiry date 2025-07-31 is used; the rules give 2025-06-30.",
    )
