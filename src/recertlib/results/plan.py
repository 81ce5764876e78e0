"""A plan: the dated actions that keep a holder's credentials usable, earliest first.

:func:`plan_for` reads verdicts (of one credential, of a person's credentials, of many people)
and lists, for each credential, what its recommended pathway still asks and by when: the
credit still missing by the last day credit counts, the body's own deadlines, the exam window,
the application and its fees by the pathway's last day, and the expiry itself. Nothing is
looked up again: a plan is made from the verdicts alone.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import cast

import pendulum
from attrs import field, frozen

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.inputs import Person
from recertlib.quantities.amounts import format_amount
from recertlib.quantities.dates import NEVER, Date, to_date
from recertlib.results.outcome import Outcome
from recertlib.results.person import PersonVerdict
from recertlib.results.queries import Evaluated, credential_label, verdicts_in
from recertlib.results.verdict import (
    CLOSES_STEP,
    CREDIT_STEP,
    OPENS_STEP,
    PathwayResult,
    Verdict,
)
from recertlib.rules import Fee, PathwayKind


class ActionKind(enum.Enum):
    """What an action asks."""

    EARN_CREDIT = "earn_credit"
    """Earn the continuing-education credit still missing, by the last day it counts."""
    APPLY = "apply"
    """Apply to the body (for recertification, reinstatement, ...) by the pathway's last day."""
    PAY = "pay"
    """Pay a fee of the pathway, with the application."""
    EXAM_WINDOW_OPENS = "exam_window_opens"
    """The first day the exam counts for the pathway."""
    EXAM_WINDOW_CLOSES = "exam_window_closes"
    """The last day the exam counts for the pathway."""
    EXPIRES = "expires"
    """The credential's expiry: the last day it may be used unless recertified."""
    DEADLINE = "deadline"
    """Another dated step of the pathway, as the body states it."""


# Within one day and one credential: what opens, what to do, then what ends.
_RANK = {
    ActionKind.EXAM_WINDOW_OPENS: 0,
    ActionKind.EARN_CREDIT: 1,
    ActionKind.DEADLINE: 2,
    ActionKind.APPLY: 3,
    ActionKind.PAY: 4,
    ActionKind.EXAM_WINDOW_CLOSES: 5,
    ActionKind.EXPIRES: 6,
}


@frozen
class Action:
    """One thing to do (or to know) by a date, for one credential."""

    due_on: Date
    title: str
    """What to do, for a person: ``"Apply for recertification"``."""
    credential: str
    """The credential as ``"AAMA CMA"``."""
    holder: str
    pathway: str | None
    """The name of the pathway the action serves; ``None`` for the expiry."""
    kind: ActionKind
    overdue: bool
    """Whether ``due_on`` is before the plan's date."""
    detail: str
    """More on the action: why this date, what the pathway asks besides."""
    name: str = field(default="", kw_only=True)
    """The holder's name, when the holder is a person who has one (the holder is then the
    person's id)."""
    attributes: dict[str, str] = field(factory=dict, kw_only=True, hash=False)
    """The person's :attr:`~recertlib.Person.attributes` (a manager, a department), carried
    through so that a plan can be sent by them (:meth:`Plan.grouped
    <recertlib.Plan.grouped>`)."""

    @property
    def who(self) -> str:
        """The holder, with the person's name when there is one: ``E-1001 (Maria Lopez)``."""
        return f"{self.holder} ({self.name})" if self.name else self.holder


@frozen
class Plan:
    """The dated actions for some credentials on one date, earliest first."""

    as_of: Date
    actions: tuple[Action, ...]
    """Earliest first; on one day by holder, credential, then what opens before what is done
    before what ends."""

    @property
    def overdue(self) -> tuple[Action, ...]:
        """The actions due before ``as_of``."""
        return tuple(action for action in self.actions if action.overdue)

    @property
    def upcoming(self) -> tuple[Action, ...]:
        """The actions due on or after ``as_of``."""
        return tuple(action for action in self.actions if not action.overdue)

    def grouped(self, by: str, *, missing: str = "") -> dict[str, Plan]:
        """The plan split by the value of the people's attribute ``by`` (a column kept from an
        HR export, such as ``manager``): one plan per value, sorted by value, each with its
        actions in this plan's order. Actions of a holder without the attribute are grouped
        under ``missing``."""
        groups: dict[str, list[Action]] = {}
        for action in self.actions:
            groups.setdefault(action.attributes.get(by, missing), []).append(action)
        return {value: Plan(self.as_of, tuple(groups[value])) for value in sorted(groups)}


def plan_for(
    verdicts: Evaluated | Iterable[Evaluated],
    *,
    as_of: datetime.date | str | None = None,
) -> Plan:
    """The plan that keeps the holders of ``verdicts`` usable: for each credential, the dated
    actions of the pathway it follows (:attr:`~recertlib.Verdict.chosen_pathway`: the
    recommended one, else the one the holder waits for, else the first that remains: one
    still open or yet to open whose requirements can still be met), and its expiry. An
    action dated before ``as_of`` is marked ``overdue`` and kept.

    :param verdicts: a :class:`~recertlib.Verdict`, an evaluated person (an object with
        ``verdicts``), or an iterable of either (or of :class:`~recertlib.Outcome`\\ s, whose
        errors are skipped).
    :param as_of: the plan's date, against which actions are overdue; the verdicts' own date
        when omitted (today's when there are none).
    :raises InvalidInput: ``as_of`` is not a date, or it is omitted and the verdicts are of
        different dates.
    """
    items: Iterable[Evaluated]
    if isinstance(verdicts, Verdict | Outcome) or hasattr(verdicts, "verdicts"):
        items = [cast(Evaluated, verdicts)]
    else:
        items = verdicts
    found = [(verdict, _person_of(item)) for item, verdict in verdicts_in(items)]
    on = _plan_date(as_of, [verdict for verdict, _ in found])
    actions = [action for verdict, person in found for action in _actions(verdict, on, person)]
    actions.sort(key=_order)
    return Plan(on, tuple(actions))


def _person_of(item: object) -> Person | None:
    """The person an evaluated item is of, when it is a person's."""
    value = item.value if isinstance(item, Outcome) else item
    person = getattr(value, "person", None)
    return person if isinstance(person, Person) else None


def plan_for_person(person: PersonVerdict, *, as_of: datetime.date | str | None = None) -> Plan:
    """The plan for one evaluated person: :func:`~recertlib.plan_for` over every credential
    they hold that could be evaluated (those that could not are in ``person.errors``), on the
    person's date unless ``as_of`` says otherwise. The actions name the person by their id as
    holder, and carry the person's name and attributes. Any object with ``verdicts`` and
    ``as_of`` will do."""
    return plan_for([person], as_of=person.as_of if as_of is None else as_of)


def _plan_date(as_of: object, verdicts: list[Verdict]) -> Date:
    if as_of is not None:
        try:
            return to_date(as_of)
        except (TypeError, ValueError) as error:
            raise InvalidInput([Problem("as_of", as_of, str(error))], "plan") from None
    dates = {verdict.as_of for verdict in verdicts}
    if len(dates) > 1:
        listed = ", ".join(str(day) for day in sorted(dates))
        problem = Problem(
            "as_of",
            MISSING,
            f"the verdicts are of different dates ({listed}): give the plan's date",
        )
        raise InvalidInput([problem], "plan")
    return dates.pop() if dates else pendulum.today().date()


def _order(action: Action) -> tuple[object, ...]:
    return (
        action.due_on,
        action.holder,
        action.credential,
        _RANK[action.kind],
        action.pathway or "",
        action.title,
        action.detail,
    )


def chosen_pathway(verdict: Verdict) -> PathwayResult | None:
    """The pathway a plan follows: :attr:`Verdict.chosen_pathway
    <recertlib.Verdict.chosen_pathway>`."""
    return verdict.chosen_pathway


class _Builder:
    def __init__(self, verdict: Verdict, as_of: Date, person: Person | None) -> None:
        self.verdict = verdict
        self.as_of = as_of
        self.name = person.name if person is not None else ""
        self.attributes = person.attributes if person is not None else {}
        self.actions: list[Action] = []

    def add(
        self, due_on: Date, kind: ActionKind, title: str, detail: str, pathway: str | None
    ) -> None:
        if due_on >= NEVER:  # "never": nothing to put in a calendar
            return
        self.actions.append(
            Action(
                due_on=due_on,
                title=title,
                credential=credential_label(self.verdict),
                holder=self.verdict.credential.holder,
                pathway=pathway,
                kind=kind,
                overdue=due_on < self.as_of,
                detail=detail,
                name=self.name,
                attributes=self.attributes,
            )
        )


def _actions(verdict: Verdict, as_of: Date, person: Person | None) -> list[Action]:
    build = _Builder(verdict, as_of, person)
    pathway = verdict.chosen_pathway
    if pathway is not None:
        _pathway_actions(build, pathway)
    if verdict.expires_on >= verdict.as_of:  # an expiry already past is nothing to act on
        build.add(
            verdict.expires_on,
            ActionKind.EXPIRES,
            f"{verdict.credential_name} expires",
            _expiry_detail(verdict, pathway),
            None,
        )
    return build.actions


def _expiry_detail(verdict: Verdict, pathway: PathwayResult | None) -> str:
    said = (
        f"The last day {verdict.credential_name} may be used unless it is recertified"
        f" ({verdict.status.value} on {verdict.as_of})."
    )
    if (
        pathway is not None
        and pathway.closes_on is not None
        and pathway.closes_on > (verdict.expires_on)
    ):
        said += (
            f" {pathway.name} stays open through {pathway.closes_on}, but the credential may not"
            " be used between its expiry and the recertification."
        )
    return f"{said} {verdict.summary}"


def _pathway_actions(build: _Builder, pathway: PathwayResult) -> None:
    verdict, as_of = build.verdict, build.as_of
    name = pathway.name
    credential = verdict.credential_name
    # The application's date: the pathway's last day; for one that never closes, as soon as
    # it is open.
    apply_on = pathway.closes_on or max(pathway.opens_on, as_of)
    if pathway.closes_on is not None:
        apply_when = f"by {apply_on}, the last day of {name}"
    else:
        apply_when = f"from {apply_on}: {name} does not close, and the sooner the better"
    steps = f" Still to do: {'; '.join(pathway.steps)}." if pathway.steps else ""

    if not pathway.requirements_met:
        earn_by = pathway.credit_until or pathway.closes_on or max(verdict.expires_on, as_of)
        lines = "; ".join(
            f"{r.name}, {format_amount(r.earned)} of {format_amount(r.required)}"
            for r in pathway.requirements
            if not r.met
        )
        build.add(
            earn_by,
            ActionKind.EARN_CREDIT,
            f"Earn {pathway.missing} for {credential}",
            f"Credit earned after {earn_by} does not count toward {name}. Earned so far: {lines}.",
            name,
        )

    is_exam = pathway.kind is PathwayKind.EXAM and pathway.exam_passed is not True
    if is_exam and pathway.opens_on >= as_of:
        build.add(
            pathway.opens_on,
            ActionKind.EXAM_WINDOW_OPENS,
            "Exam window opens",
            f"The first day an exam passed counts for {name} ({credential}).{steps}",
            name,
        )
    elif not is_exam and pathway.opens_on > as_of:
        build.add(
            pathway.opens_on,
            ActionKind.DEADLINE,
            f"{name}: opens",
            f"The first day {name} ({credential}) may be taken.{steps}",
            name,
        )
    if is_exam and pathway.closes_on is not None:
        build.add(
            pathway.closes_on,
            ActionKind.EXAM_WINDOW_CLOSES,
            "Exam window closes",
            f"The last day an exam passed counts for {name} ({credential}).{steps}",
            name,
        )

    for step in verdict.actionable(pathway):
        if _restated(step.label, step.due_on, pathway):
            continue
        build.add(step.due_on, ActionKind.DEADLINE, step.label, f"{name} ({credential}).", name)

    build.add(
        apply_on,
        ActionKind.APPLY,
        _apply_title(pathway),
        f"Apply {apply_when} ({credential}).{steps}",
        name,
    )
    for fee in pathway.fees:
        build.add(
            apply_on,
            ActionKind.PAY,
            f"Pay the {_fee_title(fee)}",
            f"Due with the application, {apply_when} ({credential}).{_fee_detail(fee)}",
            name,
        )


def _restated(label: str, due_on: Date, pathway: PathwayResult) -> bool:
    """Whether a deadline is one the plan states in an action of its own."""
    return (
        (label == CREDIT_STEP and due_on == pathway.credit_until)
        or (label == OPENS_STEP and due_on == pathway.opens_on)
        or (label == CLOSES_STEP and due_on == pathway.closes_on)
    )


_APPLY_TITLES = {
    PathwayKind.CONTINUING_EDUCATION: "Apply for recertification",
    PathwayKind.EXAM: "Apply for recertification by exam",
    PathwayKind.REINSTATEMENT: "Apply for reinstatement",
    PathwayKind.INACTIVE: "Apply for inactive status",
}


def _apply_title(pathway: PathwayResult) -> str:
    return _APPLY_TITLES.get(pathway.kind, "Apply")


def _fee_title(fee: Fee) -> str:
    label = fee.describe()
    # "Renewal fee" reads "the renewal fee"; "CE fee" stays as it is.
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        label = label[0].lower() + label[1:]
    if fee.amount is None:
        return f"{label}: amount not published"
    amount = format_amount(fee.amount)
    shown = f"${amount}" if fee.currency == "USD" else f"{amount} {fee.currency}"
    return f"{label}: {shown}{'' if fee.confirmed else ' (unconfirmed)'}"


def _fee_detail(fee: Fee) -> str:
    if fee.amount is None:
        return " The body publishes no amount for it."
    if not fee.confirmed:
        return " The amount is not confirmed by the body's own published material."
    return ""
