"""Plans for the shipped plugins' credentials: before expiry, in grace and lapsed; their order,
and overdue actions on both sides of their dates."""

from __future__ import annotations

import pytest
from support import CCMA, CMA, Evaluate, ccma_credits, cma_points

from recertlib import Credential, InvalidInput, Registry, evaluate, unstructure
from recertlib.quantities import to_date
from recertlib.results.plan import Action, ActionKind, Plan, plan_for, plan_for_person

K = ActionKind


def rows(plan: Plan) -> list[tuple[str, ActionKind, bool]]:
    return [(str(action.due_on), action.kind, action.overdue) for action in plan.actions]


def one(plan: Plan, kind: ActionKind) -> Action:
    (action,) = (action for action in plan.actions if action.kind is kind)
    return action


def test_cma_before_expiry_earn_by_the_last_day_credit_counts(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CMA, cma_points(52), "2026-11-25"))

    assert plan.as_of == to_date("2026-11-25")
    assert rows(plan) == [
        ("2027-03-31", K.EARN_CREDIT, False),
        ("2027-03-31", K.EXPIRES, False),
        ("2027-06-30", K.APPLY, False),
        ("2027-06-30", K.PAY, False),
    ]
    earn = one(plan, K.EARN_CREDIT)
    assert earn.title == "Earn 8 points (Total) for CMA (AAMA)"
    assert earn.credential == "AAMA CMA"
    assert earn.holder == "Maria Lopez"
    assert earn.pathway == "Recertify by continuing education"
    assert "after 2027-03-31 does not count" in earn.detail
    assert one(plan, K.APPLY).title == "Apply for recertification"
    pay = one(plan, K.PAY)
    assert pay.title == "Pay the recertification fee: amount not published"
    assert "Due with the application, by 2027-06-30" in pay.detail
    expires = one(plan, K.EXPIRES)
    assert expires.pathway is None
    assert "stays open through 2027-06-30" in expires.detail
    assert plan.overdue == ()
    assert plan.upcoming == plan.actions


def test_cma_with_every_point_has_nothing_to_earn(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CMA, cma_points(60), "2026-11-25"))

    assert [action.kind for action in plan.actions] == [K.EXPIRES, K.APPLY, K.PAY]


def test_cma_in_grace_follows_the_exam_and_lists_only_what_can_still_be_done(
    verdict: Evaluate,
) -> None:
    # Expired on 2027-03-31 with no credit: credit can no longer count, the exam remains. The
    # exam's deadlines to avoid a lapse (2027-01-31, 2027-03-01) and the expiry are past: there
    # is no lapse left to avoid, so they are no actions.
    plan = plan_for(verdict(CMA, [], "2027-05-01"))

    assert rows(plan) == [
        ("2027-06-30", K.APPLY, False),
        ("2027-06-30", K.PAY, False),
        ("2027-06-30", K.PAY, False),
        ("2027-06-30", K.EXAM_WINDOW_CLOSES, False),
    ]
    assert {action.pathway for action in plan.actions} == {"Recertify by exam"}
    assert one(plan, K.EXAM_WINDOW_CLOSES).title == "Exam window closes"
    assert [a.title for a in plan.actions if a.kind is K.PAY] == [
        "Pay the exam fee, AAMA members (when member is true): $125",
        "Pay the exam fee, nonmembers (when member is false): $250",
    ]


def test_cma_lapsed_apply_for_the_reactivation_now(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CMA, [], "2027-08-01"))

    assert not any(a.kind is K.EXPIRES for a in plan.actions)  # long past
    assert {a.pathway for a in plan.actions} == {"Reactivate by exam"}
    apply = one(plan, K.APPLY)
    # The pathway never closes: apply from the plan's date.
    assert str(apply.due_on) == "2027-08-01"
    assert "does not close" in apply.detail
    assert not apply.overdue
    assert "Pay the reactivation fee: $50" in [a.title for a in plan.actions]
    assert not any(a.kind is K.EXAM_WINDOW_OPENS for a in plan.actions)  # already open


def test_ccma_before_expiry(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CCMA, ccma_credits(6), "2025-01-01"))

    assert rows(plan) == [
        ("2025-05-01", K.EARN_CREDIT, False),
        ("2025-05-01", K.EXPIRES, False),
        ("2025-07-30", K.APPLY, False),
        ("2025-07-30", K.PAY, False),
    ]
    name = "Certified Clinical Medical Assistant (CCMA)"
    assert one(plan, K.EARN_CREDIT).title == f"Earn 4 CE credits (Total) for {name}"
    pay = one(plan, K.PAY)
    assert pay.title == "Pay the renewal fee (2-year option, CE included): $159 (unconfirmed)"
    assert "Due with the application, by 2025-07-30" in pay.detail
    assert "Pay the renewal fee" in one(plan, K.APPLY).detail  # the body's own steps


def test_ccma_in_grace_with_the_credit_renews_by_the_last_day(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CCMA, ccma_credits(10), "2025-06-01"))

    assert rows(plan) == [
        ("2025-07-30", K.APPLY, False),
        ("2025-07-30", K.PAY, False),
    ]


def test_ccma_in_grace_without_credit_waits_for_the_exam(verdict: Evaluate) -> None:
    # No pathway is recommended: renewal and reinstatement lack credit that can no longer
    # count; the exam opens on 2026-05-02.
    v = verdict(CCMA, [], "2025-06-01")
    assert v.recommended is None
    plan = plan_for(v)

    assert rows(plan) == [
        ("2026-05-02", K.EXAM_WINDOW_OPENS, False),
        ("2026-05-02", K.APPLY, False),
        ("2026-05-02", K.PAY, False),
    ]
    assert one(plan, K.EXAM_WINDOW_OPENS).title == "Exam window opens"
    assert one(plan, K.EXAM_WINDOW_OPENS).pathway == "Take the CCMA exam again"


def test_ccma_lapsed(verdict: Evaluate) -> None:
    plan = plan_for(verdict(CCMA, [], "2026-08-01"))

    assert rows(plan) == [
        ("2026-08-01", K.APPLY, False),
        ("2026-08-01", K.PAY, False),
    ]
    assert one(plan, K.APPLY).title == "Apply for recertification by exam"


@pytest.mark.parametrize(("as_of", "listed"), [("2025-05-01", True), ("2025-05-02", False)])
def test_the_expiry_is_listed_through_its_day_and_not_after(
    verdict: Evaluate, as_of: str, listed: bool
) -> None:
    plan = plan_for(verdict(CCMA, ccma_credits(10), as_of))

    expiries = [a for a in plan.actions if a.kind is K.EXPIRES]
    assert [(str(a.due_on), a.overdue) for a in expiries] == (
        [("2025-05-01", False)] if listed else []
    )
    # In grace the renewal is still open: applying is what is left to do.
    assert str(one(plan, K.APPLY).due_on) == "2025-07-30"


@pytest.mark.parametrize(("plan_on", "overdue"), [("2025-07-30", False), ("2025-07-31", True)])
def test_a_deadline_is_overdue_from_the_day_after(
    verdict: Evaluate, plan_on: str, overdue: bool
) -> None:
    # The verdict of the renewal's last day, planned on that day and on the next.
    plan = plan_for(verdict(CCMA, ccma_credits(10), "2025-07-30"), as_of=plan_on)

    assert str(plan.as_of) == plan_on
    assert str(one(plan, K.APPLY).due_on) == "2025-07-30"
    assert one(plan, K.APPLY).overdue is overdue
    assert one(plan, K.PAY).overdue is overdue
    assert not any(a.kind is K.EXPIRES for a in plan.actions)  # past on the verdict's date


def test_earn_credit_is_overdue_from_the_day_after_credit_stops_counting(
    verdict: Evaluate,
) -> None:
    on_the_day = plan_for(verdict(CCMA, ccma_credits(6), "2025-05-01"))
    assert not one(on_the_day, K.EARN_CREDIT).overdue
    late = plan_for(verdict(CCMA, ccma_credits(6), "2025-05-01"), as_of="2025-05-02")
    assert one(late, K.EARN_CREDIT).overdue


def test_many_credentials_one_order(verdict: Evaluate) -> None:
    verdicts = [
        verdict(CMA, cma_points(52), "2025-01-01"),
        verdict(CCMA, ccma_credits(6), "2025-01-01"),
        verdict(Credential("NHA", "CCMA", "Abe Adams", "2023-05-01"), [], "2025-01-01"),
    ]
    plan = plan_for(verdicts)
    keys = [(a.due_on, a.holder) for a in plan.actions]

    assert keys == sorted(keys)
    assert plan == plan_for(reversed(verdicts))
    assert plan == plan_for(iter(verdicts))  # any iterable, read once
    # On 2025-05-01 Abe's actions come before Nia's, each credential's in the order of kinds.
    on_the_day = [(a.holder, a.kind) for a in plan.actions if str(a.due_on) == "2025-05-01"]
    assert on_the_day == [
        ("Abe Adams", K.EARN_CREDIT),
        ("Abe Adams", K.EXPIRES),
        ("Nia Brown", K.EARN_CREDIT),
        ("Nia Brown", K.EXPIRES),
    ]


def test_the_engine_steps_are_not_repeated_as_deadlines(verdict: Evaluate) -> None:
    # The engine's "Last day credit counts", "Opens" and "Last day to recertify" are the
    # plan's own EARN_CREDIT, EXAM_WINDOW_OPENS and APPLY actions.
    for v in (
        verdict(CMA, cma_points(52), "2026-11-25"),
        verdict(CCMA, ccma_credits(6), "2025-01-01"),
        verdict(CCMA, [], "2025-06-01"),
    ):
        assert not [a for a in plan_for(v).actions if a.kind is K.DEADLINE]


def test_a_plan_for_a_person(installed: Registry) -> None:
    from recertlib import Person

    person = Person(
        "E-1001",
        name="Maria Lopez",
        credentials=[
            Credential("AAMA", "CMA", "ignored", "2022-03-10"),
            Credential("NHA", "CCMA", "ignored", "2023-05-01"),
        ],
    )
    evaluated = evaluate(person, as_of="2025-01-01", registry=installed)
    plan = plan_for_person(evaluated)

    assert plan.as_of == evaluated.as_of
    assert {a.holder for a in plan.actions} == {"E-1001"}
    assert {a.credential for a in plan.actions} == {"AAMA CMA", "NHA CCMA"}
    assert plan.actions[0].credential == "NHA CCMA"  # its expiry comes first
    assert plan == plan_for(evaluated)
    assert {(a.name, a.who) for a in plan.actions} == {("Maria Lopez", "E-1001 (Maria Lopez)")}
    # The verdicts alone do not know the person's name.
    assert {a.name for a in plan_for(evaluated.verdicts).actions} == {""}


def test_plan_for_takes_a_verdict_or_many(verdict: Evaluate) -> None:
    v = verdict(CCMA, [], "2025-01-01")
    assert plan_for(v) == plan_for([v])
    assert plan_for([], as_of="2025-01-01") == Plan(to_date("2025-01-01"), ())


def test_verdicts_of_different_dates_need_the_plan_date(verdict: Evaluate) -> None:
    verdicts = [verdict(CCMA, [], "2025-01-01"), verdict(CCMA, [], "2025-01-02")]
    with pytest.raises(InvalidInput, match="different dates"):
        plan_for(verdicts)
    assert plan_for(verdicts, as_of="2025-01-02").as_of == to_date("2025-01-02")
    with pytest.raises(InvalidInput, match="as_of"):
        plan_for(verdicts, as_of="tomorrow")


def test_a_plan_is_json_ready(verdict: Evaluate) -> None:
    data = unstructure(plan_for(verdict(CCMA, [], "2025-04-01")))

    assert data["as_of"] == "2025-04-01"
    expiry = next(action for action in data["actions"] if action["kind"] == "expires")
    assert expiry == {
        "due_on": "2025-05-01",
        "title": "Certified Clinical Medical Assistant (CCMA) expires",
        "credential": "NHA CCMA",
        "holder": "Nia Brown",
        "pathway": None,
        "kind": "expires",
        "overdue": False,
        "detail": expiry["detail"],
        "name": "",
        "attributes": {},
    }
