"""The shapes real credentials need, each at its edges: fees on dates and facts (and a fee's title
that states its condition only while the fact is unknown), dues whose absence lapses a
credential mid-cycle, conditions combined, dates counted from other date rules, expiry rules
told whether they count a first or a next cycle, and the number of the cycle in the body's
series."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from attrs import frozen

from recertlib import (
    Credential,
    InvalidInput,
    MissingFact,
    Status,
    Verdict,
    evaluate,
    structure,
    unstructure,
)
from recertlib.errors import FieldValueError, InvalidRuleSet
from recertlib.rules import (
    CYCLE_NUMBER,
    AfterExpiry,
    AfterStart,
    And,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    CycleDates,
    CycleNumber,
    DayAfter,
    DayBeforeAnniversary,
    Dues,
    Extended,
    Extension,
    FactIs,
    FactKind,
    FactReader,
    FactSpec,
    Fee,
    FirstOfMonth,
    FixedDayOfYear,
    InFirstCycle,
    LastOfMonth,
    Minimum,
    NextCycleFrom,
    Not,
    Offset,
    OnOrAfter,
    Or,
    OuterCycle,
    Pathway,
    PathwayKind,
    RuleSet,
    Selector,
    Span,
)
from recertlib.rules.checks import spec_problems
from recertlib.testing import activity, registry_of

D = pendulum.date


def spec_of(
    *,
    cycle: Cycle | None = None,
    education: ContinuingEducation | None = None,
    pathways: tuple[Pathway, ...] | None = None,
    facts: tuple[FactSpec, ...] = (),
) -> CredentialSpec:
    return CredentialSpec(
        "TB",
        "S",
        "Shapes test",
        "Test body",
        (
            RuleSet(
                "tb.s",
                None,
                "the tests",
                Confidence.HIGH,
                cycle=cycle or Cycle(Span(months=24)),
                continuing_education=education
                or ContinuingEducation("hour", 10, (Conversion("contact_hour", 1),)),
                pathways=pathways or (renew(),),
            ),
        ),
        facts=facts,
    )


def renew(**fields: object) -> Pathway:
    arguments: dict[str, object] = {
        "closes": AfterExpiry(),
        "requires_credit": True,
        "next_cycle_from": NextCycleFrom.PREVIOUS_EXPIRY,
        **fields,
    }
    return Pathway(PathwayKind.CONTINUING_EDUCATION, "Renew", **arguments)  # type: ignore[arg-type]


def verdict(spec, certified_on, as_of, activities=(), **facts) -> Verdict:
    credential = Credential("TB", "S", "Tess", certified_on, facts=facts)
    return evaluate(credential, activities, as_of=as_of, registry=registry_of(spec))


# --- Fees on facts and dates ---------------------------------------------------------------

MEMBER_FEE = Fee("Member fee", 100, when=FactIs("member", True))
OTHER_FEE = Fee("Nonmember fee", 150, when=FactIs("member", False))


@pytest.mark.parametrize(
    ("facts", "titles"),
    [
        ({"member": True}, ["Member fee"]),
        ({"member": False}, ["Nonmember fee"]),
        ({}, ["Member fee (when member is true)", "Nonmember fee (when member is false)"]),
    ],
)
def test_a_fees_title_states_its_condition_only_while_the_fact_is_unknown(facts, titles):
    spec = spec_of(pathways=(renew(fees=(MEMBER_FEE, OTHER_FEE)),))
    found = verdict(spec, "2024-01-10", "2024-06-01", **facts).pathways[0].fees
    assert [fee.describe() for fee in found] == titles
    assert all(fee.when is None for fee in found) is bool(facts)


# "A $25 fee after the 1st of the expiry month": due from the 2nd.
LATE_FEE = Fee("Late fee", 25, when=OnOrAfter(DayAfter(FirstOfMonth(AfterExpiry()))))


@pytest.mark.parametrize(
    ("certified_on", "as_of", "late"),
    [
        ("2022-03-20", "2024-03-01", False),  # the 1st of the expiry month
        ("2022-03-20", "2024-03-02", True),
        ("2022-02-28", "2024-02-01", False),  # expiry 2024-02-28, in a leap year's February
        ("2022-02-28", "2024-02-02", True),
        ("2022-02-28", "2024-02-28", True),  # the expiry date itself
        ("2022-03-20", "2024-02-29", False),  # the month before
    ],
)
def test_a_late_fee_is_due_only_after_a_date(certified_on, as_of, late):
    spec = spec_of(pathways=(renew(fees=(Fee("Renewal fee", 60), LATE_FEE)),))
    found = verdict(spec, certified_on, as_of).pathways[0].fees
    assert [fee.describe() for fee in found] == ["Renewal fee", *(["Late fee"] if late else [])]


@pytest.mark.parametrize(
    ("as_of", "facts", "titles"),
    [
        ("2024-03-01", {}, []),  # before the date: no fact needed
        ("2024-03-02", {}, ["Late fee, nonmembers (when on or after"]),
        ("2024-03-02", {"member": True}, []),
        ("2024-03-02", {"member": False}, ["Late fee, nonmembers"]),
    ],
)
def test_a_fee_on_a_date_and_a_fact(as_of, facts, titles):
    late = OnOrAfter(DayAfter(FirstOfMonth(AfterExpiry())))
    fee = Fee("Late fee, nonmembers", 25, when=And(late, FactIs("member", False)))
    spec = spec_of(pathways=(renew(fees=(fee,)),))
    found = verdict(spec, "2022-03-20", as_of, **facts).pathways[0].fees
    assert len(found) == len(titles)
    for fee_found, title in zip(found, titles, strict=True):
        assert fee_found.describe().startswith(title)


# --- Conditions combined ------------------------------------------------------------------


def reader_on(as_of: str, **facts: object) -> FactReader:
    from recertlib.engine.credential import fact_reader
    from recertlib.rules.schedule import DatedFacts

    credential = Credential("TB", "S", "Tess", "2024-01-10", facts=facts)
    dates = CycleDates(D(2024, 1, 10), D(2026, 1, 10))
    plain = fact_reader(spec_of(), credential, dates.expires_on)
    return DatedFacts(plain, as_of=pendulum.parse(as_of).date(), dates=dates)


MEMBER = FactIs("member", True)
LATE = OnOrAfter(AfterStart(Span(months=12)))  # from 2025-01-10


@pytest.mark.parametrize(
    ("condition", "as_of", "member", "expected"),
    [
        (And(MEMBER, LATE), "2025-01-09", True, False),
        (And(MEMBER, LATE), "2025-01-10", True, True),
        (And(MEMBER, LATE), "2025-01-10", False, False),
        (Or(MEMBER, LATE), "2025-01-09", False, False),
        (Or(MEMBER, LATE), "2025-01-10", False, True),
        (Or(MEMBER, LATE), "2024-02-01", True, True),
        (Not(LATE), "2025-01-09", True, True),
        (Not(LATE), "2025-01-10", True, False),
        (Not(Or(MEMBER, LATE)), "2024-02-01", False, True),
    ],
)
def test_and_or_not_over_facts_and_dates(condition, as_of, member, expected):
    assert condition.holds(reader_on(as_of, member=member), None) is expected


def test_combined_conditions_say_themselves_in_words():
    assert And(MEMBER, Not(LATE)).describe() == (
        "member is true and not (on or after 12 months after the cycle's first day)"
    )
    assert Or(MEMBER, InFirstCycle()).describe() == "member is true or in the first cycle"


def test_a_combination_needs_two_conditions():
    with pytest.raises(FieldValueError, match="at least two conditions"):
        And(MEMBER)


def test_a_condition_on_a_date_outside_an_evaluation_says_so():
    with pytest.raises(TypeError, match="no evaluation date"):
        LATE.holds(FactReader(Credential("TB", "S", "T", "2024-01-10").facts, credential="TB S",
                              holder="T", first_cycle=None), None)  # fmt: skip


# --- Dates counted from other date rules ----------------------------------------------------

SIXTY_DAYS_BEFORE_THE_EXPIRY_MONTH = Offset(FirstOfMonth(AfterExpiry()), Span(days=60), before=True)


@pytest.mark.parametrize(
    ("expires_on", "on"),
    [
        (D(2026, 3, 31), D(2025, 12, 31)),
        (D(2024, 3, 15), D(2024, 1, 1)),  # 31 January and 29 February: 60 days exactly
        (D(2023, 3, 15), D(2022, 12, 31)),  # a common year's February is one day shorter
        (D(2025, 1, 1), D(2024, 11, 2)),
    ],
)
def test_60_days_before_the_first_day_of_the_expiry_month(expires_on, on):
    dates = CycleDates(D(2020, 1, 1), expires_on)
    assert SIXTY_DAYS_BEFORE_THE_EXPIRY_MONTH.on(dates) == on


@pytest.mark.parametrize(
    ("starts_on", "last"),
    [
        (D(2024, 2, 10), D(2024, 2, 29)),
        (D(2023, 2, 10), D(2023, 2, 28)),
        (D(2024, 12, 31), D(2024, 12, 31)),
    ],
)
def test_the_last_day_of_the_month_of_another_date(starts_on, last):
    assert LastOfMonth(AfterStart()).on(CycleDates(starts_on, D(2030, 1, 1))) == last


def test_an_offset_after_another_date_and_the_words():
    rule = Offset(LastOfMonth(AfterStart()), Span(months=1))
    assert rule.on(CycleDates(D(2024, 1, 10), D(2030, 1, 1))) == D(2024, 2, 29)
    assert SIXTY_DAYS_BEFORE_THE_EXPIRY_MONTH.describe() == (
        "60 days before the first day of the month of the day of expiry"
    )


def test_a_deadline_counted_from_another_date_rule_in_a_verdict():
    from recertlib.rules import Deadline

    spec = spec_of(
        pathways=(renew(deadlines=(Deadline("Apply", SIXTY_DAYS_BEFORE_THE_EXPIRY_MONTH),)),)
    )
    found = verdict(spec, "2022-03-15", "2023-06-01").pathways[0].deadlines
    assert [(step.label, step.due_on) for step in found if step.label == "Apply"] == [
        ("Apply", D(2024, 1, 1))
    ]


# --- Expiry rules told whether they count a first or a next cycle ---------------------------

FIVE_YEARS_LESS_A_DAY = DayBeforeAnniversary(Span(months=60))


@pytest.mark.parametrize(
    ("certified_on", "expires_on"),
    [
        ("2020-01-15", "2025-01-14"),
        ("2020-01-01", "2024-12-31"),
        ("2020-03-01", "2025-02-28"),
        ("2020-02-29", "2025-02-28"),  # the day before 1 March
        ("2019-03-01", "2024-02-29"),  # a leap day is the day before the anniversary
        ("2024-02-29", "2029-02-28"),
    ],
)
def test_five_years_less_a_day(certified_on, expires_on):
    spec = spec_of(cycle=Cycle(FIVE_YEARS_LESS_A_DAY))
    assert verdict(spec, certified_on, certified_on).expires_on == pendulum.parse(expires_on).date()


@pytest.mark.parametrize(
    ("next_cycle_from", "as_of", "next_start", "next_expiry"),
    [
        (NextCycleFrom.PREVIOUS_EXPIRY, "2025-01-14", D(2025, 1, 15), D(2030, 1, 14)),
        (NextCycleFrom.NEXT_IN_SERIES, "2025-01-14", D(2025, 1, 15), D(2030, 1, 14)),
        (NextCycleFrom.NEXT_IN_SERIES, "2030-01-14", D(2025, 1, 15), D(2030, 1, 14)),
        (NextCycleFrom.NEXT_IN_SERIES, "2030-01-15", D(2030, 1, 15), D(2035, 1, 14)),
        (NextCycleFrom.RECERTIFICATION_DATE, "2025-01-14", D(2025, 1, 14), D(2030, 1, 13)),
    ],
)
def test_the_next_cycle_of_a_period_less_a_day_keeps_the_series(
    next_cycle_from, as_of, next_start, next_expiry
):
    spec = spec_of(
        cycle=Cycle(FIVE_YEARS_LESS_A_DAY),
        pathways=(renew(closes=None, next_cycle_from=next_cycle_from),),
    )
    (pathway,) = verdict(spec, "2020-01-15", as_of).pathways
    assert (pathway.next_cycle_starts_on, pathway.next_expiry) == (next_start, next_expiry)


@frozen
class LessADay:
    """A plugin's own expiry rule, written before rules were told which cycle they count."""

    def expiry(self, counted_from, facts):
        return counted_from.add(years=5).subtract(days=1)

    def describe(self):
        return "five years less a day"


@frozen
class LessADayTold(LessADay):
    """The same rule, told when it counts a next cycle."""

    def next_expiry(self, previous_expiry, facts):
        return previous_expiry.add(years=5)


def test_an_expiry_rule_without_next_expiry_is_counted_from_the_previous_expiry_as_before():
    spec = spec_of(cycle=Cycle(LessADay()))
    (pathway,) = verdict(spec, "2020-01-15", "2025-01-14").pathways
    assert pathway.next_expiry == D(2030, 1, 13)  # a day early each cycle: the old behaviour


def test_a_plugins_own_expiry_rule_told_a_next_cycle_is_asked_for_it():
    spec = spec_of(cycle=Cycle(LessADayTold()))
    (pathway,) = verdict(spec, "2020-01-15", "2025-01-14").pathways
    assert pathway.next_expiry == D(2030, 1, 14)


def test_an_outer_cycle_is_counted_on_the_series_of_next_expiries():
    spec = spec_of(cycle=Cycle(FIVE_YEARS_LESS_A_DAY, outer=OuterCycle("period", 2)))
    found = verdict(spec, "2030-01-15", "2031-01-01", originally_issued_on="2020-01-15")
    assert found.outer is not None
    assert (found.outer.inner_number, found.outer.starts_on, found.outer.expires_on) == (
        1,
        D(2030, 1, 15),
        D(2040, 1, 14),
    )
    assert not any("not one of the cycles" in note for note in found.notes)


def test_an_extended_expiry_extends_a_next_cycle_too():
    rule = Extended(FixedDayOfYear(3, 31, years=2), Extension("2022-03-31", "2022-06-30"))
    facts = reader_on("2021-01-01")
    assert rule.expiry(D(2020, 1, 10), facts) == D(2022, 6, 30)
    assert rule.expiry(D(2021, 1, 10), facts) == D(2023, 3, 31)
    assert rule.next_expiry(D(2020, 3, 31), facts) == D(2022, 6, 30)
    assert rule.next_expiry(D(2022, 6, 30), facts) == D(2024, 3, 31)


def test_a_rule_whose_next_cycle_has_no_length_is_refused():
    @frozen
    class Stuck(LessADay):
        def next_expiry(self, previous_expiry, facts):
            return previous_expiry

    problems = spec_problems(spec_of(cycle=Cycle(Stuck())))
    assert any("gives the cycle after one ending on" in problem for problem in problems)


def test_a_period_of_no_length_is_refused():
    with pytest.raises(FieldValueError, match="no length"):
        DayBeforeAnniversary(Span())


# --- The number of the cycle in the body's series --------------------------------------------

EVERY_THIRD = Minimum(
    "Every third renewal", Selector(tags={"violence"}), 2, when=CycleNumber(3, every=3)
)
FIRST_ONLY = Minimum("First renewal", Selector(tags={"orientation"}), 1, when=CycleNumber(1))


def numbered(certified_on: str, **facts: object) -> list[str]:
    education = ContinuingEducation(
        "hour", None, (Conversion("contact_hour", 1),), requirements=(EVERY_THIRD, FIRST_ONLY)
    )
    spec = spec_of(
        education=education,
        facts=(FactSpec(CYCLE_NUMBER, FactKind.DECIMAL, "the cycle's number"),),
    )
    found = verdict(spec, certified_on, certified_on, **facts)
    return [requirement.name for requirement in found.pathways[0].requirements]


@pytest.mark.parametrize(
    ("certified_on", "required"),
    [
        ("2018-01-10", ["First renewal"]),  # cycle 1: the original issue
        ("2020-01-10", []),  # 2
        ("2022-01-10", ["Every third renewal"]),  # 3
        ("2024-01-10", []),  # 4
        ("2026-01-10", []),  # 5
        ("2028-01-10", ["Every third renewal"]),  # 6
        ("2034-01-10", ["Every third renewal"]),  # 9
    ],
)
def test_the_cycles_number_is_counted_from_the_original_issue(certified_on, required):
    assert numbered(certified_on, originally_issued_on="2018-01-10") == required


def test_the_first_renewal_fact_says_the_first_cycle_without_the_issue_date():
    assert numbered("2024-01-10", first_renewal=True) == ["First renewal"]


def test_a_plugins_cycle_number_fact_wins_over_the_series():
    assert numbered("2024-01-10", originally_issued_on="2018-01-10", cycle_number=6) == [
        "Every third renewal"
    ]


@pytest.mark.parametrize("number", [0, "1.5"])
def test_a_cycle_number_that_is_no_cycle_is_refused(number):
    with pytest.raises(InvalidInput, match="cycle_number"):
        numbered("2024-01-10", cycle_number=number)


def test_without_the_issue_date_the_missing_fact_says_why():
    with pytest.raises(MissingFact) as raised:
        numbered("2024-01-10")
    assert raised.value.fact == "originally_issued_on"
    assert "cycle 3 of the series or every 3rd cycle after it" in str(raised.value)


def test_cycle_numbers_say_themselves_in_words():
    assert CycleNumber(1).describe() == "in cycle 1 of the series"
    assert CycleNumber(2, every=1).describe() == "in cycle 2 of the series or any cycle after it"
    assert (
        CycleNumber(2, every=2).describe() == "in cycle 2 of the series or every 2nd cycle after it"
    )


# --- Dues: a payment whose absence lapses the credential mid-cycle ---------------------------

ANNUAL_FEE = Dues(
    "Annual fee",
    (AfterStart(Span(months=12)), AfterStart(Span(months=24))),
    units={"annual_fee"},
    payable_for=Span(days=30),
    fee=Fee("Annual fee", 40, confirmed=True),
)
DUES_SPEC = spec_of(cycle=Cycle(Span(months=36), dues=(ANNUAL_FEE,)))


def paid(*days: str):
    return [activity(day, 1, "annual_fee") for day in days]


@pytest.mark.parametrize(
    ("as_of", "payments", "status"),
    [
        ("2025-02-09", (), Status.CURRENT),  # the last day the first fee may be paid
        ("2025-02-10", (), Status.LAPSED),
        ("2025-02-10", ("2025-02-09",), Status.CURRENT),  # paid late, within 30 days
        ("2025-02-10", ("2025-02-10",), Status.LAPSED),  # one day too late
        ("2025-02-10", ("2024-01-10",), Status.CURRENT),  # on the cycle's first day
        ("2025-02-10", ("2024-01-09",), Status.LAPSED),  # before the cycle began
        ("2026-02-10", ("2025-01-01",), Status.LAPSED),  # one payment pays one fee
        ("2026-02-10", ("2025-01-01", "2025-01-11"), Status.CURRENT),
        ("2026-02-10", ("2025-01-01", "2025-01-10"), Status.LAPSED),  # not after the 1st date
        ("2026-02-09", ("2025-01-01",), Status.CURRENT),
    ],
)
def test_an_unpaid_annual_fee_lapses_the_credential_the_day_after_it_could_be_paid(
    as_of, payments, status
):
    found = verdict(DUES_SPEC, "2024-01-10", as_of, paid(*payments))
    assert found.status is status
    assert found.usable is (status is Status.CURRENT)
    assert found.expires_on == D(2027, 1, 10)


def test_a_payment_recorded_after_the_evaluation_date_does_not_count_yet():
    found = verdict(DUES_SPEC, "2024-01-10", "2025-02-10", paid("2025-02-11"))
    assert found.status is Status.LAPSED


def test_the_verdict_lists_the_dues_and_says_when_the_credential_lapsed():
    found = verdict(DUES_SPEC, "2024-01-10", "2026-03-01", paid("2025-01-05"))
    assert [(due.due_on, due.paid_on, due.missed) for due in found.dues] == [
        (D(2025, 1, 10), D(2025, 1, 5), False),
        (D(2026, 1, 10), None, True),
    ]
    assert found.dues[1].payable_through == D(2026, 2, 9)
    assert found.dues[1].fee == ANNUAL_FEE.fee
    assert found.lapsed_on == D(2026, 2, 10)
    assert unstructure(found)["lapsed_on"] == "2026-02-10"
    on_time = verdict(DUES_SPEC, "2024-01-10", "2026-02-09", paid("2025-01-05"))
    assert unstructure(on_time)["lapsed_on"] is None  # the last day the fee may be paid
    assert found.summary.startswith(
        "Lapsed on 2026-02-10: Annual fee due on 2026-01-10 is not recorded as paid."
    )
    assert (
        "Annual fee due on 2026-01-10 is not recorded as paid by 2026-02-09: the credential"
        " lapsed on 2026-02-10." in found.notes
    )
    (payment,) = found.activities
    assert payment.refusals == ()
    assert structure(unstructure(found), Verdict) == found


def test_a_payment_is_no_credit():
    found = verdict(DUES_SPEC, "2024-01-10", "2024-06-01", paid("2024-05-01"))
    assert found.pathways[0].requirements[0].earned == 0


def test_dues_need_a_date_and_units():
    with pytest.raises(FieldValueError, match="due"):
        Dues("Annual fee", (), units={"annual_fee"})
    with pytest.raises(FieldValueError, match="units"):
        Dues("Annual fee", (AfterExpiry(),), units=set())


def test_dues_say_themselves_in_words():
    assert ANNUAL_FEE.describe() == (
        "Annual fee, due on 12 months after the cycle's first day; 24 months after the cycle's"
        " first day, payable up to 30 days after the due date (recorded in annual_fee)"
    )
    assert "Annual fee, due on" in DUES_SPEC.rule_sets[0].cycle.describe()


def test_a_due_date_that_raises_is_refused_when_registered():
    @frozen
    class Broken:
        def on(self, dates):
            raise ValueError("no such day")

        def describe(self):
            return "a broken date"

    bad = spec_of(cycle=Cycle(Span(months=36), dues=(Dues("Fee", (Broken(),), units={"f"}),)))
    with pytest.raises(
        InvalidRuleSet, match=r"cycle.dues\[0\] \('Fee'\) raised .*ValueError: no such day"
    ):
        registry_of(bad)


def test_amounts_stay_exact():
    assert ANNUAL_FEE.fee is not None
    assert ANNUAL_FEE.fee.amount == Decimal(40)
