"""The evaluation engine, on the test credential (see ``support.TEST_SPEC``): certified on
2020-01-15, it expires on 2021-01-15; credit stays open 30 days after, then only the exam."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from support import TEST_SPEC, InProcessPlugin, make_activity

from recertlib import (
    Activity,
    Credential,
    InvalidInput,
    Reason,
    Registry,
    Status,
    UnknownCredential,
    evaluate,
)
from recertlib.errors import NoRuleSetInForce
from recertlib.rules import (
    AfterExpiry,
    AfterStart,
    BeforeExpiry,
    Confidence,
    CredentialSpec,
    DayAfter,
    Pathway,
    PathwayKind,
    RuleSet,
    Span,
)

APPROVED = ("TB",)


def complete_record() -> list[Activity]:
    """Exactly the 20 credits required: 10 approved, 5 of theory and 5 of practice at least."""
    return [
        make_activity("2020-02-01", 5, area="theory", approved_by=APPROVED),
        make_activity("2020-03-01", 5, area="practice", approved_by=APPROVED),
        make_activity("2020-04-01", 10, area="theory"),
    ]


def credit_pathway(verdict):
    return verdict.pathways[0]


def requirement(verdict, name):
    return next(r for r in credit_pathway(verdict).requirements if r.name == name)


def test_exactly_the_requirements_can_recertify(tc, test_registry):
    verdict = evaluate(tc, complete_record(), as_of="2020-06-01", registry=test_registry)
    assert verdict.status is Status.CURRENT
    assert verdict.usable
    assert credit_pathway(verdict).can_recertify_now
    assert [r.earned for r in credit_pathway(verdict).requirements] == [20, 10, 15, 5]


def test_decimal_amounts_reach_the_threshold_exactly(tc, test_registry):
    activities = [
        *complete_record()[:2],
        make_activity("2020-04-01", 9.9, area="theory"),
        make_activity("2020-04-02", 0.1, area="theory"),
    ]
    verdict = evaluate(tc, activities, as_of="2020-06-01", registry=test_registry)
    total = requirement(verdict, "Total")
    assert total.earned == Decimal("20")
    assert total.met


def test_a_hundredth_below_the_threshold_is_short_by_a_hundredth(tc, test_registry):
    activities = [*complete_record()[:2], make_activity("2020-04-01", "9.99", area="theory")]
    verdict = evaluate(tc, activities, as_of="2020-06-01", registry=test_registry)
    total = requirement(verdict, "Total")
    assert not total.met
    assert total.shortfall == Decimal("0.01")
    assert not credit_pathway(verdict).can_recertify_now


@pytest.mark.parametrize(
    ("completed_on", "counts"),
    [
        ("2020-01-14", False),  # the day before the cycle began
        ("2020-01-15", True),  # the certification date
        ("2021-01-15", True),  # the expiry date
        ("2021-01-16", False),  # the day after expiry
    ],
)
def test_cycle_window_edges(tc, test_registry, completed_on, counts):
    activity = make_activity(completed_on, 3, area="theory")
    verdict = evaluate(tc, [activity], as_of="2021-02-01", registry=test_registry)
    (result,) = verdict.activities
    assert result.is_counted is counts
    if not counts:
        assert [r.reason for r in result.refusals] == [Reason.OUTSIDE_WINDOW]


def test_an_activity_after_the_evaluation_date_never_counts(tc, test_registry):
    verdict = evaluate(
        tc,
        [make_activity("2020-06-02", 3, area="theory")],
        as_of="2020-06-01",
        registry=test_registry,
    )
    (result,) = verdict.activities
    assert [r.reason for r in result.refusals] == [Reason.AFTER_AS_OF]
    assert result.counted == 0


@pytest.mark.parametrize(
    ("activity", "reason"),
    [
        (make_activity("2020-03-01", 3, "furlong", area="theory"), Reason.UNKNOWN_UNIT),
        (make_activity("2020-03-01", 3, area="cooking"), Reason.UNKNOWN_AREA),
        (make_activity("2020-03-01", 3, area=None), Reason.UNKNOWN_AREA),
    ],
)
def test_refusals_name_their_reason(tc, test_registry, activity, reason):
    verdict = evaluate(tc, [activity], as_of="2020-06-01", registry=test_registry)
    (result,) = verdict.refused
    assert [r.reason for r in result.refusals] == [reason]
    assert not result.is_counted


def test_area_and_unit_compare_without_regard_to_case(tc, test_registry):
    activity = make_activity("2020-03-01", 3, "HOUR", area="Theory", approved_by=("tb",))
    verdict = evaluate(tc, [activity], as_of="2020-06-01", registry=test_registry)
    (result,) = verdict.counted
    assert result.approved
    assert result.area == "theory"


def test_a_conversion_sets_area_and_approval(tc, test_registry):
    verdict = evaluate(
        tc, [make_activity("2020-03-01", 1, "card")], as_of="2020-06-01", registry=test_registry
    )
    (result,) = verdict.counted
    assert (result.credit, result.area, result.approved) == (2, "practice", True)


def test_the_same_certificate_counts_once(tc, test_registry):
    first = make_activity("2020-03-01", 3, area="theory", certificate_id="C-1")
    again = make_activity("2020-03-05", 3, area="theory", certificate_id="c-1", title="Other title")
    verdict = evaluate(tc, [again, first], as_of="2020-06-01", registry=test_registry)
    assert [r.activity for r in verdict.counted] == [first]
    (refused,) = verdict.refused
    assert refused.activity == again
    assert [r.reason for r in refused.refusals] == [Reason.DUPLICATE]


def test_the_same_course_on_the_same_day_counts_once(tc, test_registry):
    twice = make_activity("2020-03-01", 3, area="theory", title="Ethics")
    verdict = evaluate(tc, [twice, twice], as_of="2020-06-01", registry=test_registry)
    assert requirement(verdict, "Total").earned == 3
    assert [r.refusals[0].reason for r in verdict.refused] == [Reason.DUPLICATE]


def test_a_refused_activity_does_not_make_its_twin_a_duplicate(tc, test_registry):
    outside = make_activity("2019-03-01", 3, area="theory", certificate_id="C-1")
    inside = make_activity("2020-03-01", 3, area="theory", certificate_id="C-1")
    verdict = evaluate(tc, [outside, inside], as_of="2020-06-01", registry=test_registry)
    assert [r.activity for r in verdict.counted] == [inside]


def test_credit_over_a_cap_is_refused_for_the_excess(tc, test_registry):
    activities = [make_activity("2020-03-01", 12, area="theory")]
    verdict = evaluate(tc, activities, as_of="2020-06-01", registry=test_registry)
    (result,) = verdict.activities
    assert (result.credit, result.counted) == (12, 10)
    assert [r.reason for r in result.refusals] == [Reason.OVER_CAP]
    assert "Not approved" in result.refusals[0].detail


def test_card_cap(tc, test_registry):
    cards = [make_activity(f"2020-0{month}-01", 1, "card") for month in (3, 4, 5)]
    verdict = evaluate(tc, cards, as_of="2020-06-01", registry=test_registry)
    assert requirement(verdict, "Practice").earned == 4
    assert [r.counted for r in verdict.activities] == [2, 2, 0]


def test_capped_credit_goes_where_a_minimum_needs_it(tc, test_registry):
    # 10 not-approved credits may count. Counting the earlier theory course in full would
    # leave practice short; the engine counts the practice course first.
    activities = [
        make_activity("2020-02-01", 10, area="theory", approved_by=APPROVED),
        make_activity("2020-03-01", 10, area="theory"),
        make_activity("2020-04-01", 5, area="practice"),
    ]
    verdict = evaluate(tc, activities, as_of="2020-06-01", registry=test_registry)
    assert requirement(verdict, "Practice").met
    assert credit_pathway(verdict).can_recertify_now
    assert [r.counted for r in verdict.activities] == [10, 5, 5]


@pytest.mark.parametrize(
    ("as_of", "status", "open_pathways"),
    [
        ("2021-01-15", Status.CURRENT, ["By credit"]),  # the expiry date
        ("2021-01-16", Status.GRACE, ["By credit"]),  # the day after
        ("2021-02-14", Status.GRACE, ["By credit"]),  # the last day of the grace window
        ("2021-02-15", Status.LAPSED, ["By exam"]),  # the day after it
    ],
)
def test_status_edges(tc, test_registry, as_of, status, open_pathways):
    verdict = evaluate(tc, complete_record(), as_of=as_of, registry=test_registry)
    assert verdict.status is status
    assert verdict.usable is (status is Status.CURRENT)
    assert [p.name for p in verdict.open_pathways] == open_pathways
    assert verdict.continuing_education_closes_on.isoformat() == "2021-02-14"


def test_recommended_pathway_fee_and_next_expiry(tc, test_registry):
    verdict = evaluate(tc, complete_record(), as_of="2020-06-01", registry=test_registry)
    assert verdict.recommended is not None
    assert verdict.recommended.name == "By credit"
    assert [fee.amount for fee in verdict.fee_due] == [Decimal(10)]
    assert verdict.next_expiry.isoformat() == "2021-06-01"


def test_nothing_remains_without_an_open_pathway(tc, test_plugin):
    spec = CredentialSpec(
        "TB",
        "NOEXAM",
        "No exam",
        "Test Body",
        (
            RuleSet(
                "only",
                None,
                "tests",
                Confidence.LOW,
                cycle=TEST_SPEC.rule_sets[0].cycle,
                continuing_education=TEST_SPEC.rule_sets[0].continuing_education,
                pathways=TEST_SPEC.rule_sets[0].pathways[:1],
            ),
        ),
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    credential = Credential("TB", "NOEXAM", "Tess", "2020-01-15")
    verdict = evaluate(credential, [], as_of="2022-01-01", registry=registry)
    assert verdict.status is Status.LAPSED
    assert verdict.recommended is None
    assert verdict.fee_due == ()
    assert verdict.next_expiry is None


def test_a_recorded_expiry_date_wins_and_is_noted(test_registry):
    credential = Credential("TB", "TC", "Tess", "2020-01-15", expires_on="2021-03-31")
    verdict = evaluate(credential, [], as_of="2021-03-31", registry=test_registry)
    assert verdict.status is Status.CURRENT
    assert verdict.expires_on.isoformat() == "2021-03-31"
    assert any("2021-01-15" in note for note in verdict.notes)


def test_the_verdict_names_its_rule_sets(tc, test_registry):
    verdict = evaluate(tc, [], as_of="2020-06-01", registry=test_registry)
    assert verdict.rule_sets == ("tb.tc.2000",)


def test_the_order_of_activities_does_not_matter(tc, test_registry):
    activities = [*complete_record(), make_activity("2020-05-01", 4, "card")]
    forward = evaluate(tc, activities, as_of="2020-06-01", registry=test_registry)
    backward = evaluate(tc, activities[::-1], as_of="2020-06-01", registry=test_registry)
    assert forward == backward


def test_a_credential_certified_after_the_evaluation_date_is_not_yet_current(tc, test_registry):
    verdict = evaluate(tc, [], as_of="2020-01-14", registry=test_registry)
    assert verdict.status is Status.PENDING
    assert not verdict.usable
    assert verdict.summary.startswith("Not yet current: certified on 2020-01-15.")
    assert verdict.recommended is None
    on_the_day = evaluate(tc, [], as_of="2020-01-15", registry=test_registry)
    assert on_the_day.status is Status.CURRENT


def test_an_evaluation_date_that_is_no_date_is_bad_input(tc, test_registry):
    with pytest.raises(
        InvalidInput, match=r"as_of: expected a date as YYYY-MM-DD, got '2020-02-30'"
    ):
        evaluate(tc, [], as_of="2020-02-30", registry=test_registry)


def test_an_unknown_credential_lists_the_known_ones(test_registry):
    credential = Credential("TB", "XX", "Tess", "2020-01-15")
    with pytest.raises(UnknownCredential, match="'XX' of body 'TB'; known: TB TC"):
        evaluate(credential, [], as_of="2020-06-01", registry=test_registry)


def test_a_date_before_every_rule_set_is_an_error():
    rule_set = TEST_SPEC.rule_sets[0]
    spec = CredentialSpec(
        "TB",
        "LATE",
        "Late",
        "Test Body",
        (
            RuleSet(
                "late",
                "2010-01-01",
                "tests",
                Confidence.LOW,
                cycle=rule_set.cycle,
                continuing_education=rule_set.continuing_education,
                pathways=rule_set.pathways,
            ),
        ),
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    credential = Credential("TB", "LATE", "Tess", "2009-12-31")
    with pytest.raises(
        NoRuleSetInForce, match="TB LATE: no rule set states the cycle rules in force on 2009-12-31"
    ):
        evaluate(credential, [], as_of="2010-06-01", registry=registry)


def test_of_two_records_of_one_certificate_the_larger_counts(tc, test_registry):
    small = make_activity("2020-03-01", 2, area="theory", certificate_id="C-1")
    large = make_activity("2020-03-05", 3, area="theory", certificate_id="C-1")
    verdict = evaluate(tc, [small, large], as_of="2020-06-01", registry=test_registry)
    assert [r.activity for r in verdict.counted] == [large]


@pytest.mark.parametrize(
    ("closes", "credit_through"),
    [(AfterExpiry(Span(days=30)), "2021-02-14"), (None, "2021-06-01")],
)
def test_credit_after_expiry_counts_while_the_credit_pathway_is_open(closes, credit_through):
    rule_set = TEST_SPEC.rule_sets[0]
    education = attrs.evolve(rule_set.continuing_education, credit_after_expiry_counts=True)
    pathway = attrs.evolve(rule_set.pathways[0], closes=closes)
    spec = attrs.evolve(
        TEST_SPEC,
        code="LATE",
        rule_sets=(attrs.evolve(rule_set, continuing_education=education, pathways=(pathway,)),),
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    late = make_activity("2021-02-14", 3, area="theory")
    verdict = evaluate(
        Credential("TB", "LATE", "Tess", "2020-01-15"),
        [late],
        as_of="2021-06-01",
        registry=registry,
    )
    assert verdict.cycle.credit_through.isoformat() == credit_through
    assert verdict.activities[0].is_counted


@pytest.mark.parametrize(
    ("as_of", "activities", "summary"),
    [
        (
            "2020-06-01",
            [],
            "Current until 2021-01-15. By credit (open through 2021-02-14): still missing"
            " 20 credits (Total), 10 credits (Approved), 5 credits (Theory), 5 credits (Practice).",
        ),
        (
            "2021-01-16",
            complete_record(),
            "Expired on 2021-01-15; recertifying by continuing education stays open through"
            " 2021-02-14. By credit (open through 2021-02-14): every requirement is met.",
        ),
        (
            "2021-02-15",
            complete_record(),
            "Lapsed: expired on 2021-01-15, and continuing education is no longer possible."
            " Remaining: By exam (open).",
        ),
    ],
)
def test_the_summary_says_where_the_holder_stands(tc, test_registry, as_of, activities, summary):
    assert evaluate(tc, activities, as_of=as_of, registry=test_registry).summary == summary


def test_where_approval_is_required_unapproved_credit_is_refused():
    rule_set = TEST_SPEC.rule_sets[0]
    education = attrs.evolve(rule_set.continuing_education, approval_required=True)
    spec = attrs.evolve(
        TEST_SPEC,
        code="STRICT",
        rule_sets=(attrs.evolve(rule_set, continuing_education=education),),
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    activities = [
        make_activity("2020-03-01", 3, area="theory"),
        make_activity("2020-03-02", 3, area="theory", approved_by=APPROVED),
    ]
    verdict = evaluate(
        Credential("TB", "STRICT", "Tess", "2020-01-15"),
        activities,
        as_of="2020-06-01",
        registry=registry,
    )
    (refused,) = verdict.refused
    assert [r.reason for r in refused.refusals] == [Reason.NOT_APPROVED]
    assert refused.refusals[0].detail == "not approved by TB"
    assert [r.activity for r in verdict.counted] == [activities[1]]


@pytest.mark.parametrize(("repeats_count", "earned"), [(True, 6), (False, 3)])
def test_a_body_may_refuse_repeating_a_course_in_a_cycle(repeats_count, earned):
    rule_set = TEST_SPEC.rule_sets[0]
    education = attrs.evolve(rule_set.continuing_education, repeated_courses_count=repeats_count)
    spec = attrs.evolve(
        TEST_SPEC, code="ONCE", rule_sets=(attrs.evolve(rule_set, continuing_education=education),)
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    course = [
        make_activity(day, 3, area="theory", title="Ethics") for day in ("2020-03-01", "2020-09-01")
    ]
    verdict = evaluate(
        Credential("TB", "ONCE", "Tess", "2020-01-15"),
        course,
        as_of="2020-12-01",
        registry=registry,
    )
    assert requirement(verdict, "Total").earned == earned


@pytest.mark.parametrize(
    ("completed_on", "counted", "reasons"),
    [
        ("2020-06-30", Decimal(2), []),  # the last day the unit is accepted
        ("2020-07-01", Decimal(0), [Reason.NO_LONGER_ACCEPTED]),
    ],
)
def test_a_unit_the_body_stopped_accepting_counts_only_up_to_its_date(
    completed_on, counted, reasons
):
    rule_set = TEST_SPEC.rule_sets[0]
    education = rule_set.continuing_education
    day = next(c for c in education.conversions if c.unit == "day")
    retired = attrs.evolve(day, factor=Decimal(2), counts_through="2020-06-30")
    conversions = tuple(retired if c is day else c for c in education.conversions)
    spec = attrs.evolve(
        TEST_SPEC,
        code="RETIRED",
        rule_sets=(
            attrs.evolve(
                rule_set,
                continuing_education=attrs.evolve(education, conversions=conversions),
            ),
        ),
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    verdict = evaluate(
        Credential("TB", "RETIRED", "Tess", "2020-01-15"),
        [make_activity(completed_on, 1, unit="day", area="theory")],
        as_of="2020-12-01",
        registry=registry,
    )
    (result,) = verdict.activities
    assert result.counted == counted
    assert [refusal.reason for refusal in result.refusals] == reasons
    if reasons:
        assert result.refusals[0].detail == (
            f"completed {completed_on}; credit in 'day' counts only when completed by 2020-06-30"
        )


def _season_registry(*, exam_first: bool = False) -> Registry:
    """The test credential renewed by credit only in the last 90 days of the cycle, or by exam
    at any time: the body prefers credit unless ``exam_first``."""
    rule_set = TEST_SPEC.rule_sets[0]
    credit, exam = rule_set.pathways
    credit = attrs.evolve(credit, opens=BeforeExpiry(Span(days=90)))
    exam = attrs.evolve(exam, opens=AfterStart(), closes=None, exam_units=frozenset({"exam"}))
    pathways = (exam, credit) if exam_first else (credit, exam)
    spec = attrs.evolve(
        TEST_SPEC, code="SEASON", rule_sets=(attrs.evolve(rule_set, pathways=pathways),)
    )
    return Registry.from_plugins(InProcessPlugin(spec))


SEASON = Credential("TB", "SEASON", "Tess", "2020-01-15")  # expires 2021-01-15


@pytest.mark.parametrize(
    ("as_of", "recommended", "waiting_for"),
    [
        ("2020-10-16", None, "By credit"),  # the day before the credit pathway opens
        ("2020-10-17", "By credit", None),  # the day it opens: 90 days before expiry
        ("2021-01-15", "By credit", None),  # the day of expiry
    ],
)
def test_a_holder_whose_credit_is_complete_waits_for_the_preferred_pathway_to_open(
    as_of, recommended, waiting_for
):
    verdict = evaluate(SEASON, complete_record(), as_of=as_of, registry=_season_registry())
    assert (verdict.recommended.name if verdict.recommended else None) == recommended
    assert (verdict.waiting_for.name if verdict.waiting_for else None) == waiting_for
    assert verdict.chosen_pathway.name == "By credit"
    if waiting_for is not None:
        assert verdict.summary == (
            "Current until 2021-01-15. By credit opens on 2020-10-17: every requirement is met."
        )
        assert verdict.next_step_words == "By credit opens on 2020-10-17"
        assert verdict.fee_due == ()


def test_credit_a_little_short_of_complete_leaves_the_open_exam_recommended():
    short = [*complete_record()[:2], make_activity("2020-04-01", Decimal("9.99"), area="theory")]
    verdict = evaluate(SEASON, short, as_of="2020-10-16", registry=_season_registry())
    assert verdict.recommended.name == "By exam"
    assert verdict.waiting_for is None
    assert verdict.summary.endswith("Remaining: By exam (open).")


def test_a_body_that_prefers_its_exam_keeps_it_recommended_while_credit_waits():
    verdict = evaluate(
        SEASON, complete_record(), as_of="2020-10-16", registry=_season_registry(exam_first=True)
    )
    assert verdict.recommended.name == "By exam"
    assert verdict.waiting_for is None


def test_a_passed_exam_is_taken_now_rather_than_waiting_for_credit():
    exam = make_activity("2020-06-01", 1, unit="exam")
    verdict = evaluate(
        SEASON, [*complete_record(), exam], as_of="2020-10-16", registry=_season_registry()
    )
    assert verdict.recommended.name == "By exam"
    assert verdict.recommended.can_recertify_now
    assert verdict.waiting_for is None
    assert verdict.summary.endswith("By exam (open): the exam is passed.")


def test_a_pathway_that_opens_only_after_expiry_is_not_waited_for_while_current():
    rule_set = TEST_SPEC.rule_sets[0]
    credit, exam = rule_set.pathways
    late = attrs.evolve(credit, opens=DayAfter(AfterExpiry(Span())), closes=None)
    exam = attrs.evolve(exam, opens=AfterStart(), closes=None)
    spec = attrs.evolve(
        TEST_SPEC, code="LATE", rule_sets=(attrs.evolve(rule_set, pathways=(late, exam)),)
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    holder = Credential("TB", "LATE", "Tess", "2020-01-15")
    current = evaluate(holder, complete_record(), as_of="2021-01-15", registry=registry)
    assert current.recommended.name == "By exam"
    assert current.waiting_for is None


@pytest.mark.parametrize(
    ("area", "detail"),
    [
        ("cooking", "area 'cooking' is not one of: practice, theory"),
        (None, "recorded without an area; credit counts only in an area of: practice, theory"),
    ],
)
def test_an_area_the_rules_do_not_name_is_refused_in_words(tc, test_registry, area, detail):
    activity = make_activity("2020-03-01", 3, area=area)
    verdict = evaluate(tc, [activity], as_of="2020-06-01", registry=test_registry)
    assert [r.detail for r in verdict.activities[0].refusals] == [detail]


def test_a_holder_whose_credit_is_complete_waits_rather_than_renew_into_inactive_status():
    rule_set = TEST_SPEC.rule_sets[0]
    credit, _ = rule_set.pathways
    credit = attrs.evolve(credit, opens=BeforeExpiry(Span(days=90)))
    inactive = Pathway(PathwayKind.INACTIVE, "Go inactive", requires_credit=False)
    spec = attrs.evolve(
        TEST_SPEC,
        code="IDLE",
        rule_sets=(attrs.evolve(rule_set, pathways=(credit, inactive)),),
    )
    registry = Registry.from_plugins(InProcessPlugin(spec))
    holder = Credential("TB", "IDLE", "Tess", "2020-01-15")
    waiting = evaluate(holder, complete_record(), as_of="2020-10-16", registry=registry)
    assert waiting.recommended is None
    assert waiting.waiting_for.name == "By credit"
    short = evaluate(holder, complete_record()[:2], as_of="2020-10-16", registry=registry)
    assert short.recommended.name == "Go inactive"
    assert short.waiting_for is None
