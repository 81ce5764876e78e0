"""Rules that can never be satisfied are refused when registered, naming the plugin, the rule
set and the field."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest
from support import TEST_EDUCATION, TEST_SPEC, InProcessPlugin

from recertlib import Registry
from recertlib.errors import FieldValueError, InvalidRuleSet
from recertlib.rules import (
    AfterExpiry,
    AfterStart,
    AllOf,
    AnyOf,
    BeforeExpiry,
    Cap,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    CycleDates,
    DayAfter,
    Earliest,
    FactIs,
    FixedDayOfYear,
    Latest,
    Measure,
    Minimum,
    OnDate,
    Pathway,
    PathwayKind,
    Selector,
    Span,
)
from recertlib.rules.requirements import MAX_ALTERNATIVES

RULE_SET = TEST_SPEC.rule_sets[0]


def spec_with(**changes: object) -> CredentialSpec:
    rule_set = attrs.evolve(RULE_SET, id="bad", **changes)
    return CredentialSpec("TB", "BAD", "Bad", "Test Body", (rule_set,))


def education(**changes: object) -> ContinuingEducation:
    return attrs.evolve(TEST_EDUCATION, **changes)


def refused(spec: CredentialSpec) -> str:
    with pytest.raises(InvalidRuleSet) as caught:
        Registry().register(InProcessPlugin(spec), origin="tb-rules 1.0")
    message = str(caught.value)
    assert message.startswith("plugin tb-rules 1.0: TB BAD: rule set 'bad': "), message
    return message


def accepted(spec: CredentialSpec) -> None:
    Registry().register(InProcessPlugin(spec), origin="tb-rules 1.0")


# Minimums and caps


def test_a_minimum_on_a_unit_no_conversion_takes():
    minimums = (*TEST_EDUCATION.minimums, Minimum("Webinars", Selector(units={"webinar"}), 2))
    message = refused(spec_with(continuing_education=education(minimums=minimums)))
    assert (
        "continuing_education.minimums[3]: minimum 'Webinars' selects units ['webinar'] that no"
        " conversion takes (the conversions take ['card', 'day', 'hour'])" in message
    )
    assert "minimum 'Webinars' can never be met" in message


def test_a_minimum_in_a_group_on_a_unit_no_conversion_takes():
    group = AnyOf(
        "Either",
        Minimum("Hours", Selector(units={"hour"}), 2),
        Minimum("Webinars", Selector(units={"webinar", "hour"}), 2),
    )
    message = refused(spec_with(continuing_education=education(requirements=(group,))))
    assert (
        "continuing_education.requirements[0].members[1]: minimum 'Webinars' selects units"
        " ['webinar']" in message
    )


def test_a_cap_on_a_unit_no_conversion_takes():
    caps = (*TEST_EDUCATION.caps, Cap("Webinars", Selector(units={"webinar"}), 2))
    message = refused(spec_with(continuing_education=education(caps=caps)))
    assert "continuing_education.caps[2]: cap 'Webinars' selects units ['webinar']" in message


def test_a_minimum_in_an_area_no_conversion_gives():
    rules = education(
        conversions=(Conversion("card", 2, area="practice", approved=True),),
        minimums=(Minimum("Theory", Selector(areas={"theory"}), 5),),
        caps=(),
    )
    message = refused(spec_with(continuing_education=rules))
    assert (
        "continuing_education.minimums[0]: minimum 'Theory' can never be met: no conversion"
        " gives credit in theory" in message
    )


def test_a_minimum_of_unapproved_credit_when_approval_is_required():
    rules = education(
        minimums=(Minimum("Elsewhere", Selector(approved=False), 1),), approval_required=True
    )
    assert "minimum 'Elsewhere' can never be met" in refused(spec_with(continuing_education=rules))


def test_a_cap_below_a_minimum_that_only_capped_credit_can_fill():
    minimums = (*TEST_EDUCATION.minimums, Minimum("Cards", Selector(units={"card"}), 5))
    message = refused(spec_with(continuing_education=education(minimums=minimums)))
    assert (
        "continuing_education.minimums[3]: minimum 'Cards' (5) can never be met: every credit it"
        " counts is under cap 'Cards' (4), at most 4 in all" in message
    )


def test_caps_that_together_hold_a_minimum_below_its_amount():
    rules = education(
        minimums=(Minimum("Practice", Selector(areas={"practice"}), 9),),
        caps=(
            Cap("Practice hours", Selector(areas={"practice"}, units={"hour", "day"}), 4),
            Cap("Cards", Selector(units={"card"}), 4),
        ),
    )
    message = refused(spec_with(continuing_education=rules))
    assert "under cap 'Practice hours' (4) and 'Cards' (4), at most 8 in all" in message
    minimums = (Minimum("Practice", Selector(areas={"practice"}), 8),)
    accepted(spec_with(continuing_education=attrs.evolve(rules, minimums=minimums)))


def test_a_total_that_the_caps_hold_below_it():
    rules = education(
        total=Decimal(20),
        minimums=(),
        caps=(Cap("Everything", Selector(), Decimal("19.5")),),
    )
    message = refused(spec_with(continuing_education=rules))
    assert "continuing_education.total: minimum 'Total' (20) can never be met" in message


def test_a_cap_that_leaves_some_credit_free_does_not_refuse_a_minimum():
    # Cards are capped at 4, but hours in practice fill the rest of the 5.
    accepted(spec_with(continuing_education=TEST_EDUCATION))
    minimums = (Minimum("Approved practice", Selector(areas={"practice"}, approved=True), 5),)
    accepted(spec_with(continuing_education=education(minimums=minimums)))


def test_a_tagged_cap_holds_only_a_minimum_of_the_same_tags():
    caps = (Cap("Ethics", Selector(tags={"ethics"}), 2),)
    ethics = Minimum("Ethics", Selector(tags={"ethics"}), 3)
    message = refused(spec_with(continuing_education=education(caps=caps, minimums=(ethics,))))
    assert "minimum 'Ethics' (3) can never be met: every credit it counts is under cap" in message
    untagged = Minimum("Any", Selector(), 3)
    accepted(spec_with(continuing_education=education(caps=caps, minimums=(untagged,))))


def test_a_conversion_worth_nothing_gives_no_credit():
    rules = education(
        conversions=(Conversion("hour", 1), Conversion("card", 0, area="practice")),
        minimums=(Minimum("Cards", Selector(units={"card"}), 1),),
        caps=(),
    )
    assert "minimum 'Cards' can never be met" in refused(spec_with(continuing_education=rules))


def test_a_minimum_of_nothing_is_never_unsatisfiable():
    rules = education(minimums=(Minimum("Nothing", Selector(approved=False, units={"card"}), 0),))
    accepted(spec_with(continuing_education=rules))


# Empty sets


def test_an_empty_area_set_is_refused_when_built():
    with pytest.raises(FieldValueError, match="areas: an empty set matches nothing"):
        education(areas=frozenset(), minimums=(Minimum("Approved", Selector(approved=True), 10),))


def test_a_measure_of_no_units_is_refused_when_built():
    with pytest.raises(FieldValueError, match="units: an empty set matches nothing"):
        Measure("Exam", 1, frozenset(), unit_name="exam")


# Cycles


@pytest.mark.parametrize(
    ("cycle", "field"),
    [
        (Cycle(Span()), "cycle.expiry (the day of certification)"),
        (Cycle(FixedDayOfYear(3, 31, years=0)), "cycle.expiry (31 March, 0 years on)"),
        (Cycle(FixedDayOfYear(12, 31, years=0)), "cycle.expiry (31 December, 0 years on)"),
        (Cycle(Span(months=12), first=Cycle(Span())), "cycle.first.expiry"),
    ],
)
def test_a_zero_length_cycle_is_refused(cycle, field):
    message = refused(spec_with(cycle=cycle))
    assert f"{field}" in message
    assert "gives a cycle counted from" in message
    assert "no length" in message


def test_a_one_year_cycle_counted_from_any_day_is_accepted():
    accepted(spec_with(cycle=Cycle(FixedDayOfYear(12, 31, years=1))))


def test_credit_that_starts_after_the_expiry_is_refused():
    cycle = Cycle(Span(months=12), credit_from=AfterExpiry(Span(days=1)))
    assert "cycle.credit_from (1 day after expiry) is after the expiry" in refused(
        spec_with(cycle=cycle)
    )


class RaisingExpiry:
    """A plugin's own expiry rule with a bug on 29 February."""

    def expiry(self, counted_from, facts):
        return counted_from.replace(year=counted_from.year + 1)

    def describe(self):
        return "a year on, naively"


def test_a_plugins_own_expiry_rule_that_raises_on_a_leap_day_is_refused():
    message = refused(spec_with(cycle=Cycle(RaisingExpiry())))
    assert "cycle.expiry (RaisingExpiry) raised ValueError for a cycle counted from" in message
    assert "2024-02-29" in message


# Pathways


def exam(opens=None, closes=None) -> tuple[Pathway, ...]:
    return (
        RULE_SET.pathways[0],
        Pathway(PathwayKind.EXAM, "By exam", opens=opens, closes=closes),
    )


def test_a_pathway_never_open_for_some_month_end_is_refused():
    # 30 days after expiry is later than a month after a 31 January expiry.
    pathways = exam(opens=DayAfter(AfterExpiry(Span(days=29))), closes=AfterExpiry(Span(months=1)))
    message = refused(spec_with(pathways=pathways))
    assert "pathways[1]: pathway 'By exam' closes before it opens, so it is never open" in message
    assert "to an expiry on 2023-01-31" in message


def test_a_pathway_never_open_only_after_a_leap_day_is_refused():
    class NaiveYearAfter:
        """The same day a year after expiry, as a naive plugin computes it."""

        def on(self, dates: CycleDates):
            expiry = dates.expires_on
            if (expiry.month, expiry.day) == (2, 29):
                return pendulum.date(expiry.year + 1, 2, 27)  # a leap-day bug
            return expiry.add(years=1)

        def describe(self):
            return "a year after expiry"

    pathways = exam(opens=AfterExpiry(Span(months=12)), closes=NaiveYearAfter())
    message = refused(spec_with(pathways=pathways))
    assert "to an expiry on 2024-02-29" in message


def test_a_fixed_date_does_not_excuse_a_pathway_never_open_on_its_own_schedule():
    closes = Earliest(OnDate("2030-12-31"), AfterExpiry(Span(days=10)))
    pathways = exam(opens=DayAfter(AfterExpiry(Span(days=30))), closes=closes)
    assert "pathway 'By exam' closes before it opens" in refused(spec_with(pathways=pathways))


def test_a_pathway_closed_for_good_by_a_transition_is_accepted():
    closes = Earliest(OnDate("2024-06-30"), AfterExpiry(Span(months=3)))
    accepted(spec_with(pathways=exam(opens=DayAfter(AfterExpiry()), closes=closes)))


def test_a_pathway_opened_by_a_transition_is_accepted():
    opens = Latest(OnDate("2025-01-01"), DayAfter(AfterExpiry()))
    accepted(spec_with(pathways=exam(opens=opens, closes=AfterExpiry(Span(months=3)))))


def test_a_pathway_open_before_expiry_is_accepted():
    pathways = exam(opens=BeforeExpiry(Span(months=6)), closes=AfterExpiry(Span(days=0)))
    accepted(spec_with(pathways=pathways))
    accepted(spec_with(pathways=exam(opens=AfterStart(), closes=AfterExpiry())))


# Alternatives


def anyof(name: str, count: int, **when: object) -> object:
    members = [Minimum(f"{name} {n}", Selector(units={"hour"}), 1) for n in range(count)]
    return AnyOf(name, *members, **when)


def test_a_requirement_tree_with_too_many_alternatives_is_refused():
    tree = AllOf("Breadth", anyof("A", 17), anyof("B", 17))
    message = refused(spec_with(continuing_education=education(requirements=(tree,))))
    assert (
        f"continuing_education requirements offer more than {MAX_ALTERNATIVES} alternatives"
        in message
    )


def test_as_many_alternatives_as_allowed_are_accepted():
    tree = AllOf("Breadth", anyof("A", 16), anyof("B", 16))
    accepted(spec_with(continuing_education=education(requirements=(tree,))))


@pytest.mark.parametrize("member", [True, False])
def test_alternatives_are_counted_whichever_way_a_condition_goes(member):
    # Too many only when the holder is (or is not) a member: a fact nobody has given.
    tree = AllOf(
        "Breadth",
        anyof("A", 17, when=FactIs("member", member)),
        anyof("B", 17),
        anyof("C", 1, when=FactIs("member", not member)),
    )
    message = refused(spec_with(continuing_education=education(requirements=(tree,))))
    assert "more than 256 alternatives" in message


def test_conditions_on_one_fact_are_taken_consistently():
    # The member and non-member branches are never both taken, so 16 * 16 at most.
    tree = AllOf(
        "Breadth",
        anyof("A", 16, when=FactIs("member", True)),
        anyof("B", 16, when=FactIs("member", False)),
        anyof("C", 16),
    )
    accepted(spec_with(continuing_education=education(requirements=(tree,))))


def test_the_installed_plugins_pass_every_check(installed):
    assert installed.failures == ()
    assert len(installed.credentials()) == 5


def test_caps_combined_as_covers_are_tried_up_to_a_limit(monkeypatch):
    # Neither cap alone holds all the practice credit; together they hold it below 9. Found
    # among the first combinations tried; with only the single caps tried, the minimum is
    # left to the evaluation, never refused on a cover that was not found.
    from recertlib.rules.checks import credit

    rules = education(
        minimums=(Minimum("Practice", Selector(areas={"practice"}), 9),),
        caps=(
            Cap("Practice hours", Selector(areas={"practice"}, units={"hour", "day"}), 4),
            Cap("Cards", Selector(units={"card"}), 4),
        ),
    )
    assert credit.COVERS_TRIED == 100_000
    assert "at most 8 in all" in refused(spec_with(continuing_education=rules))
    monkeypatch.setattr(credit, "COVERS_TRIED", 2)
    accepted(spec_with(continuing_education=rules))
    monkeypatch.setattr(credit, "COVERS_TRIED", 3)
    assert "at most 8 in all" in refused(spec_with(continuing_education=rules))


def test_thirty_caps_over_a_total_are_checked_within_the_limit():
    # Thirty caps, one per area, and a total: every combination of up to ten caps would be 53
    # million covers to try. With one area under no cap, the caps never cover the total and no
    # combination is tried; with every area capped, only a cover of all thirty would do, past
    # the ten combined, and the combinations tried stop at the limit.
    names = [f"area {number:02d}" for number in range(31)]
    rules = ContinuingEducation(
        unit="credit",
        total=Decimal(31),
        conversions=(Conversion("hour", 1),),
        caps=tuple(Cap(f"Cap {i}", Selector(areas={names[i]}), 1) for i in range(30)),
        areas=frozenset(names),
    )
    accepted(spec_with(continuing_education=rules))
    accepted(spec_with(continuing_education=attrs.evolve(rules, areas=frozenset(names[:30]))))
