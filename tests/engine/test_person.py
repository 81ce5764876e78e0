"""A person: one history of activities, in common units, offered to every credential they hold.

Maria holds a CMA (AAMA, certified 2022-03-10, current through 2027-03-31) and a CCMA (NHA,
certified 2024-06-01, current through 2026-06-01); she is evaluated on 2025-06-01.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from support import make_activity

import recertlib
import recertlib.errors
import recertlib.quantities
import recertlib.rules
from recertlib import (
    Activity,
    Credential,
    InvalidInput,
    MissingFact,
    Outcome,
    Person,
    PersonCredential,
    PersonVerdict,
    Reason,
    Registry,
    Status,
    UnknownCredential,
    Verdict,
    evaluate,
)
from recertlib.rules import (
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    Pathway,
    PathwayKind,
    RuleSet,
    Selector,
    Span,
)
from recertlib.testing import SpecPlugin, registry_of

AS_OF = "2025-06-01"


def history() -> list[Activity]:
    """Five activities, each in a common unit, each completed within both credentials' cycles."""
    return [
        make_activity("2024-09-01", 2, "contact_hour", area="clinical", approved_by=("AAMA",)),
        make_activity("2024-10-01", 1, "iacet_ceu", area="administrative", approved_by=("AAMA",)),
        make_activity("2025-01-15", 6, "contact_hour", area="general"),
        make_activity("2025-02-01", 90, "minute", area="clinical"),
        make_activity("2025-03-01", 3, "clock_hour", area="clinical"),
    ]


def maria(*credentials: PersonCredential | Credential, **changes: object) -> Person:
    fields: dict[str, object] = {
        "name": "Maria Lopez",
        "credentials": credentials or (CMA, CCMA),
        "activities": history(),
        **changes,
    }
    return Person("E-1001", **fields)  # type: ignore[arg-type]


CMA = PersonCredential("AAMA", "CMA", "2022-03-10")
CCMA = PersonCredential("NHA", "CCMA", "2024-06-01")


def credits(verdict: Verdict) -> list[tuple[str, Decimal]]:
    return [(result.activity.unit, result.counted) for result in verdict.activities]


def test_one_history_counts_for_both_credentials_at_each_bodys_values(installed):
    found = evaluate(maria(), as_of=AS_OF, registry=installed)
    assert isinstance(found, PersonVerdict)
    assert found.errors == ()
    cma, ccma = found.verdicts
    assert cma.credential.holder == ccma.credential.holder == "E-1001"
    # AAMA: a contact hour is a point; an IACET CEU ten contact hours; its contact hour is 50
    # minutes, so 90 minutes are 1.8 points, 3 clock hours 3.6.
    assert credits(cma) == [
        ("contact_hour", 2),
        ("iacet_ceu", 10),
        ("contact_hour", 6),
        ("minute", Decimal("1.8")),
        ("clock_hour", Decimal("3.6")),
    ]
    # NHA: 2 hours = 1 CE credit; an IACET CEU is 10 contact hours.
    assert credits(ccma) == [
        ("contact_hour", 1),
        ("iacet_ceu", 5),
        ("contact_hour", 3),
        ("minute", Decimal("0.75")),
        ("clock_hour", Decimal("1.5")),
    ]
    assert all(not result.refusals for v in (cma, ccma) for result in v.activities)
    assert ccma.recommended.requirements[0].earned == Decimal("11.25")
    assert found.usable
    assert [o.value.usable for o in found.outcomes] == [True, True]


def test_a_common_unit_one_body_values_and_another_refuses_says_why(installed):
    college = make_activity("2025-01-15", 1, "semester_credit", area="general")
    cma, ccma = evaluate(maria(activities=[college]), as_of=AS_OF, registry=installed).verdicts
    # AAMA: a semester credit is 15 points, not AAMA-approved; the NHA's sources say nothing of
    # college credit, and its refusal says so.
    assert credits(cma) == [("semester_credit", 15)]
    ((refusal,),) = [result.refusals for result in ccma.activities]
    assert refusal.reason is Reason.UNKNOWN_UNIT
    assert refusal.detail.startswith("unit 'semester_credit' is not taken: NHA's renewal sources")


def test_the_same_history_as_holder_records_gives_the_same_verdicts(installed):
    person = maria()
    found = evaluate(person, as_of=AS_OF, registry=installed)
    for held, verdict in zip(person.held(), found.verdicts, strict=True):
        alone = evaluate(held, person.activities, as_of=AS_OF, registry=installed)
        assert alone == verdict


def test_credential_facts_override_the_persons(installed):
    person = Person(
        "N-7",
        facts={"birth_date": "1990-05-05", "first_renewal": True},
        credentials=[
            PersonCredential("CA-BRN", "RN", "2024-05-20", facts={"first_renewal": False}),
        ],
    )
    (credential,) = person.held()
    assert credential.facts.birth_date == recertlib.quantities.to_date("1990-05-05")
    assert credential.facts.first_renewal is False
    (verdict,) = evaluate(person, as_of=AS_OF, registry=installed).verdicts
    assert verdict.credential.facts.first_renewal is False


def test_one_bad_credential_is_reported_while_the_others_are_evaluated(installed):
    person = maria(
        PersonCredential("XYZ", "CMA", "2022-03-10"),
        CMA,
        PersonCredential("CA-BRN", "RN", "2024-05-20"),  # no birth date: a missing fact
        CCMA,
    )
    found = evaluate(person, as_of=AS_OF, registry=installed)
    unknown, cma, rn, ccma = found.outcomes
    assert isinstance(unknown.error, UnknownCredential)
    assert unknown.value is None
    assert isinstance(rn.error, MissingFact)
    assert rn.error.holder == "E-1001"
    assert [o.value.status for o in (cma, ccma)] == [Status.CURRENT, Status.CURRENT]
    assert found.errors == (unknown.error, rn.error)
    assert len(found.verdicts) == 2
    assert not found.usable


def test_a_bad_date_is_the_whole_evaluations_error(installed):
    with pytest.raises(InvalidInput, match="person 'E-1001'"):
        evaluate(maria(), as_of="2025-13-01", registry=installed)


def test_a_person_brings_their_own_activities(installed):
    with pytest.raises(TypeError, match=r"Person\.activities"):
        evaluate(maria(), history(), as_of=AS_OF, registry=installed)  # type: ignore[call-overload]


def test_a_person_without_credentials_is_usable(installed):
    found = evaluate(Person("E-2"), as_of=AS_OF, registry=installed)
    assert found.outcomes == ()
    assert found.usable


def test_a_credential_given_whole_is_held_by_the_person():
    person = Person("E-3", credentials=[Credential("AAMA", "CMA", "someone", "2022-03-10")])
    assert person.credentials == (CMA,)
    assert person.held()[0].holder == "E-3"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": None}, "id"),
        ({"name": 3}, "name"),
        ({"credentials": "AAMA CMA"}, "credentials"),
        ({"credentials": [("AAMA", "CMA")]}, "credentials[0]"),
        ({"activities": [{"title": "x"}]}, "activities[0]"),
    ],
)
def test_bad_people_are_refused_naming_the_field(changes, field):
    arguments: dict[str, object] = {"id": "E-1", **changes}
    with pytest.raises(recertlib.errors.FieldValueError) as raised:
        Person(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_a_credential_cannot_expire_before_it_was_certified():
    with pytest.raises(recertlib.errors.FieldValueError, match="before certified_on"):
        PersonCredential("AAMA", "CMA", "2022-03-10", expires_on="2022-03-09")


def test_a_person_verdict_says_which_credential_each_outcome_is(installed):
    found = evaluate(
        maria(PersonCredential("XYZ", "Q", "2022-03-10")), as_of=AS_OF, registry=installed
    )
    (outcome,) = found.outcomes
    assert outcome == Outcome.failed("XYZ Q", outcome.error)
    (credential,) = found.credentials
    assert (credential.body, credential.credential, credential.holder) == ("XYZ", "Q", "E-1001")
    assert "XYZ" in str(outcome.error)


# --- One activity, one credential, where a body says so ----------------------------------------


def _unshared(spec: recertlib.rules.CredentialSpec) -> recertlib.rules.CredentialSpec:
    rule_sets = tuple(
        attrs.evolve(
            rule_set,
            continuing_education=attrs.evolve(
                rule_set.continuing_education, shared_credit_counts=False
            ),
        )
        if rule_set.continuing_education is not None
        else rule_set
        for rule_set in spec.rule_sets
    )
    return attrs.evolve(spec, rule_sets=rule_sets)


@pytest.fixture
def ccma_unshared(installed: Registry) -> Registry:
    """The real CMA, and a CCMA whose rules forbid counting an activity for two credentials."""
    return registry_of(installed.get("AAMA", "CMA"), _unshared(installed.get("NHA", "CCMA")))


def test_a_body_that_forbids_sharing_refuses_what_counted_earlier(ccma_unshared):
    cma, ccma = evaluate(maria(), as_of=AS_OF, registry=ccma_unshared).verdicts
    assert len(cma.counted) == 5
    assert ccma.counted == ()
    for result in ccma.activities:
        (refusal,) = result.refusals
        assert refusal.reason is Reason.COUNTED_ELSEWHERE
        assert "AAMA CMA" in refusal.detail
        assert result.credit > 0
        assert result.counted == 0
    assert ccma.recommended.requirements[0].earned == 0


def test_what_did_not_count_earlier_still_counts_for_a_body_that_forbids_sharing(ccma_unshared):
    extra = make_activity("2024-07-01", 4, "clock_hour", area="clinical")
    # An activity the AAMA refuses (no content area) still counts for the NHA.
    no_area = make_activity("2024-07-02", 4, "clock_hour")
    person = maria(activities=[*history(), extra, no_area])
    cma, ccma = evaluate(person, as_of=AS_OF, registry=ccma_unshared).verdicts
    assert [r.reason for r in cma.activities[1].refusals] == [Reason.UNKNOWN_AREA]
    assert cma.activities[1].activity == no_area
    assert [(r.activity, r.counted) for r in ccma.counted] == [(no_area, 2)]
    assert ccma.activities[0].activity == extra
    assert ccma.activities[0].refusals[0].reason is Reason.COUNTED_ELSEWHERE


def test_the_order_of_credentials_decides_which_counts_an_unshared_activity(ccma_unshared):
    ccma, cma = evaluate(maria(CCMA, CMA), as_of=AS_OF, registry=ccma_unshared).verdicts
    # The CCMA comes first and counts everything; the AAMA allows sharing, so it does too.
    assert len(ccma.counted) == 5
    assert len(cma.counted) == 5


def test_bodies_that_allow_sharing_count_an_activity_for_both(installed):
    cma, ccma = evaluate(maria(), as_of=AS_OF, registry=installed).verdicts
    assert {r.activity for r in cma.counted} == {r.activity for r in ccma.counted}


def test_an_unshared_activity_refused_everywhere_else_counts_in_a_persons_evaluation_alone(
    ccma_unshared,
):
    # Evaluated as a credential on its own, nothing counted elsewhere: everything counts.
    person = maria(CCMA)
    (ccma,) = evaluate(person, as_of=AS_OF, registry=ccma_unshared).verdicts
    assert len(ccma.counted) == 5


def capped_spec(code: str, *, shared: bool) -> CredentialSpec:
    education = ContinuingEducation(
        "hour",
        10,
        (Conversion("contact_hour", 1),),
        areas={"a", "b"},
        caps=(Cap("a cap", Selector(areas={"a"}), 5),),
        shared_credit_counts=shared,
    )
    return CredentialSpec(
        "TB",
        code,
        f"Test {code}",
        "Test body",
        (
            RuleSet(
                f"tb.{code}",
                None,
                "the tests",
                Confidence.HIGH,
                cycle=Cycle(Span(months=24)),
                continuing_education=education,
                pathways=(
                    Pathway(PathwayKind.CONTINUING_EDUCATION, "Renew", requires_credit=True),
                ),
            ),
        ),
    )


def test_an_activity_refused_over_a_cap_does_not_count_twice_where_sharing_is_forbidden():
    registry = Registry.from_plugins(
        SpecPlugin(capped_spec("A", shared=True), capped_spec("B", shared=False))
    )
    person = Person(
        "P-1",
        credentials=[
            PersonCredential("TB", "A", "2024-01-01"),
            PersonCredential("TB", "B", "2024-01-01"),
        ],
        activities=[
            Activity("X", "2024-02-01", 5, "contact_hour", area="a"),
            Activity("Y", "2024-02-02", 5, "contact_hour", area="a"),
            Activity("Z", "2024-02-03", 5, "contact_hour", area="b"),
        ],
    )
    first, second = evaluate(person, as_of="2024-06-01", registry=registry).verdicts
    counted_first = {result.activity.title for result in first.counted}
    assert counted_first == {"X", "Z"}  # Y over A's cap
    refused = {
        result.activity.title
        for result in second.activities
        if any(r.reason is Reason.COUNTED_ELSEWHERE for r in result.refusals)
    }
    # Y counted nowhere, so B may count it; X and Z counted toward A.
    assert refused == {"X", "Z"}
    assert {result.activity.title for result in second.counted} == {"Y"}


def test_a_persons_fact_for_another_credential_is_no_note_on_this_one(installed):
    person = Person(
        "E-7",
        facts={"state_licensed": True},
        credentials=[
            PersonCredential("AAMA", "CMA", "2022-03-10", facts={"aama_membr": True}),
            PersonCredential("NREMT", "EMT", "2024-01-15"),
        ],
    )
    cma, emt = evaluate(person, as_of="2026-11-25", registry=installed).verdicts
    assert not any("state_licensed" in note for note in cma.notes)
    # A fact given on the credential itself that its rules do not read is likely a typo.
    assert any("'aama_membr' is not one the AAMA CMA rules read" in note for note in cma.notes)
    assert emt.credential.facts.get("state_licensed") is True
