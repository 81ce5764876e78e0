"""What :func:`recertlib.evaluate` answers: a :class:`Verdict` and the parts it is made of."""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

from recertlib.inputs import Activity, Credential
from recertlib.quantities.dates import Date, day_after, days_after
from recertlib.rules import Fee, PathwayKind
from recertlib.rules.results import RequirementResult


class Status(enum.Enum):
    """Where a credential stands on the evaluation date."""

    PENDING = "pending"
    """Certified after the evaluation date: not yet current."""
    CURRENT = "current"
    """On or before the expiry date: the holder may use the credential."""
    GRACE = "grace"
    """Expired, but recertifying by continuing education is still open."""
    LAPSED = "lapsed"
    """Expired, and continuing education no longer serves; another pathway may remain."""
    INACTIVE = "inactive"
    """Kept in an inactive status (the ``inactive`` fact): held, but not to be used."""


class Reason(enum.Enum):
    """Why an activity's credit did not count, in whole or in part."""

    AFTER_AS_OF = "after_as_of"
    """Completed after the evaluation date."""
    OUTSIDE_WINDOW = "outside_window"
    """Completed before the cycle began or after the window for earning credit closed."""
    UNKNOWN_UNIT = "unknown_unit"
    """Recorded in a unit the body does not convert."""
    NO_LONGER_ACCEPTED = "no_longer_accepted"
    """Completed after the last date on which the body accepted credit in its unit."""
    UNKNOWN_AREA = "unknown_area"
    """No content area, or one the body does not know, where the body sorts credit by area."""
    NOT_APPROVED = "not_approved"
    """Not approved by the body, which requires approval."""
    DUPLICATE = "duplicate"
    """The same activity (or course, where repeats do not count) already counted."""
    OVER_CAP = "over_cap"
    """Beyond the most the body counts of its kind."""
    TOO_SHORT = "too_short"
    """Shorter than the least the body counts for an activity of its kind."""
    COUNTED_ELSEWHERE = "counted_elsewhere"
    """Already counted toward another of the person's credentials (one listed earlier), and
    this body's rules forbid counting one activity for two credentials."""


@frozen
class Refusal:
    """Why (part of) an activity's credit was refused, with the detail a person needs."""

    reason: Reason
    detail: str


@frozen
class ActivityResult:
    """One activity and what became of it."""

    activity: Activity
    credit: Decimal
    """The activity's credit in the body's unit (zero when its unit is unknown)."""
    counted: Decimal
    """How much of ``credit`` counted."""
    area: str | None
    """The content area the credit counted in, after conversion."""
    approved: bool
    """Whether the credit counted as approved by the body."""
    refusals: tuple[Refusal, ...]

    @property
    def is_counted(self) -> bool:
        """Whether any of the credit counted."""
        return self.counted > 0


CREDIT_STEP = "Last day credit counts for this pathway"
"""The label of the step the engine adds to a pathway whose credit is not yet met: the last
day credit counts for it."""
OPENS_STEP = "Opens"
"""The label of the step the engine adds to a pathway not yet open: its first day."""
CLOSES_STEP = "Last day to recertify by this pathway"
"""The label of the step the engine adds to a pathway that closes: its last day."""


@frozen
class DatedStep:
    """Something to do by a date: a pathway's deadline, the last day credit counts for it, the
    last day it is open."""

    label: str
    due_on: Date
    overdue: bool = False
    """Whether ``due_on`` is before the evaluation date."""


@frozen
class PathwayResult:
    """One pathway on the evaluation date."""

    kind: PathwayKind
    name: str
    opens_on: Date
    closes_on: Date | None
    """The last day the pathway is open, or ``None`` when it does not close."""
    is_open: bool
    requirements: tuple[RequirementResult, ...]
    fees: tuple[Fee, ...]
    steps: tuple[str, ...]
    """What the holder must still do besides earning credit."""
    deadlines: tuple[DatedStep, ...]
    """Everything this pathway asks by a date, earliest first: the body's deadlines, the last
    day credit counts for it and the last day it is open; those already past are
    ``overdue``."""
    next_expiry: Date | None
    """The expiry date the holder gets by recertifying by this pathway on the evaluation date,
    when it is open."""
    next_cycle_starts_on: Date | None
    """The first day of that next cycle: the recertification date or the day after the
    previous expiry, as the pathway says; no day belongs to two cycles."""
    notes: tuple[str, ...]
    credit_until: Date | None = None
    """The last day credit counts for this pathway, when it requires any."""
    achievable: bool = True
    """Whether its requirements can still be met: ``False`` once the window for earning what
    is missing has closed (credit earned after expiry does not count, say)."""
    exam_passed: bool | None = None
    """For a pathway by exam: whether a passed exam is on record (``None`` for others)."""

    @property
    def requirements_met(self) -> bool:
        """Whether every requirement is met."""
        return all(requirement.met for requirement in self.requirements)

    @property
    def can_recertify_now(self) -> bool:
        """Whether the holder could recertify by this pathway today: it is open, every
        requirement is met and, for a pathway by exam, the exam is passed. What remains are
        the ``steps`` (applying, paying)."""
        return self.is_open and self.requirements_met and self.exam_passed is not False

    @property
    def missing(self) -> str:
        """What the requirements still lack, in words (empty when they are met)."""
        return ", ".join(r.missing for r in self.requirements if not r.met)


@frozen
class DueResult:
    """One payment due in the cycle (a :class:`~recertlib.rules.Dues`), and whether it was
    recorded as paid."""

    label: str
    due_on: Date
    payable_through: Date
    """The last day it may be paid without a lapse."""
    paid_on: Date | None
    """The day the payment that pays it was recorded, or ``None``."""
    fee: Fee | None = None
    missed: bool = False
    """Whether it was not paid by :attr:`payable_through` and that day is before the
    evaluation date: the credential lapsed the day after."""


@frozen
class CycleWindow:
    """The cycle the verdict speaks of: from its first day through the expiry date."""

    starts_on: Date
    expires_on: Date
    credit_through: Date
    """The last day on which credit earned counts (the expiry date, unless the rules let
    credit earned after it count)."""
    credit_from: Date
    """The first day on which credit earned counts (the cycle's first day, unless the rules
    count it from another date)."""


@frozen
class OuterStanding:
    """Where the holder stands in an outer cycle made of inner ones (NCCPA: the 10-year
    certification maintenance cycle of five 2-year CME cycles)."""

    name: str
    starts_on: Date
    expires_on: Date
    inner_number: int
    """Which inner cycle the verdict's cycle is, from 1."""
    inner_count: int

    @property
    def is_last_inner(self) -> bool:
        """Whether the verdict's cycle is the outer cycle's last."""
        return self.inner_number == self.inner_count


@frozen
class Verdict:
    """Everything to say of one credential on one date, with no other lookup needed."""

    credential: Credential
    credential_name: str
    as_of: Date
    status: Status
    usable: bool
    """Whether the holder may use the credential on ``as_of``."""
    cycle: CycleWindow
    pathways: tuple[PathwayResult, ...]
    """Every pathway the rules offer, in the order the body prefers them."""
    activities: tuple[ActivityResult, ...]
    """Every activity given, in date order, counted or not."""
    rule_sets: tuple[str, ...]
    """The ids of the rule sets used, for the cycle, the requirements and the pathways."""
    notes: tuple[str, ...]
    outer: OuterStanding | None = None
    """Where the holder stands in the outer cycle, for a credential with nested cycles."""
    dues: tuple[DueResult, ...] = ()
    """The payments due in the cycle that keep the credential, earliest first, with those
    paid; one missed lapses the credential before its expiry."""

    @property
    def lapsed_on(self) -> Date | None:
        """The day the credential lapsed before its expiry because a payment due was not
        recorded (the day after the first missed one could be paid), or ``None``."""
        missed = [due.payable_through for due in self.dues if due.missed]
        return day_after(min(missed)) if missed else None

    @property
    def expires_on(self) -> Date:
        """The last day the credential is (or was) current."""
        return self.cycle.expires_on

    @property
    def open_pathways(self) -> tuple[PathwayResult, ...]:
        """The pathways open on ``as_of``: what remains to the holder."""
        return tuple(pathway for pathway in self.pathways if pathway.is_open)

    @property
    def recommended(self) -> PathwayResult | None:
        """The pathway to take now: the first, in the body's order of preference, by which the
        holder can recertify today (an exam already passed, say); else the first open one
        whose requirements can still be met, unless the body prefers a pathway the holder
        has only to wait for (:attr:`waiting_for`): then ``None``, there being nothing to
        take now. A renewal into inactive status comes after every pathway that keeps the
        credential usable, the one waited for included."""
        ready, chosen = self._open_choice()
        if ready is not None:
            return ready
        if self._waiting_before(chosen) is not None:
            return None
        if chosen is not None:
            return chosen
        # A renewal into inactive status keeps the credential but not its use: last resort.
        inactive = [p for p in self.open_pathways if p.kind is PathwayKind.INACTIVE]
        ready = next((p for p in inactive if p.can_recertify_now), None)
        return ready or next((p for p in inactive if p.achievable), None)

    @property
    def waiting_for(self) -> PathwayResult | None:
        """The pathway the holder has only to wait for: when no open pathway lets them
        recertify today, the first pathway, in the body's order of preference and before any
        open one they could still complete, that is yet to open (before the credential
        expires, while it is current) and whose requirements are all met. Recertifying early
        by another pathway (an exam open a year before expiry, say), or renewing into
        inactive status, would only cost what the holder has already earned the right to
        avoid. ``None`` otherwise."""
        ready, chosen = self._open_choice()
        return None if ready is not None else self._waiting_before(chosen)

    def _open_choice(self) -> tuple[PathwayResult | None, PathwayResult | None]:
        """Of the open pathways that keep the credential usable, in the body's order: the
        first by which the holder can recertify today, and the first that can still be
        completed."""
        usable = [p for p in self.open_pathways if p.kind is not PathwayKind.INACTIVE]
        ready = next((p for p in usable if p.can_recertify_now), None)
        return ready, next((p for p in usable if p.achievable), None)

    def _waiting_before(self, chosen: PathwayResult | None) -> PathwayResult | None:
        # An exam is counted only while its pathway is open, so a pathway yet to open is
        # waited for on its requirements alone.
        for pathway in self.pathways:
            if pathway is chosen:
                return None
            if (
                pathway.kind is not PathwayKind.INACTIVE
                and pathway.opens_on > self.as_of
                and (pathway.opens_on <= self.expires_on or self.as_of > self.expires_on)
                and pathway.achievable
                and pathway.requirements
                and pathway.requirements_met
            ):
                return pathway
        return None

    @property
    def continuing_education_closes_on(self) -> Date | None:
        """The last day recertifying by continuing education is possible: that of the open
        continuing-education pathway, or else of the first one; ``None`` when it never
        closes."""
        pathways = [p for p in self.pathways if p.kind is PathwayKind.CONTINUING_EDUCATION]
        chosen = next((p for p in pathways if p.is_open), pathways[0] if pathways else None)
        return chosen.closes_on if chosen else None

    @property
    def chosen_pathway(self) -> PathwayResult | None:
        """The pathway plans, due dates and the summary follow: the recommended one, or else
        the first pathway still open or yet to open whose requirements can still be met,
        earliest opening first (in the body's order on one day); ``None`` when none
        remains."""
        if self.recommended is not None:
            return self.recommended
        if (waiting := self.waiting_for) is not None:
            return waiting
        remaining = [
            pathway
            for pathway in self.pathways
            if pathway.achievable and (pathway.closes_on is None or pathway.closes_on >= self.as_of)
        ]
        return min(remaining, key=lambda pathway: pathway.opens_on) if remaining else None

    def actionable(self, pathway: PathwayResult) -> tuple[DatedStep, ...]:
        """The steps of ``pathway`` the holder can still take, earliest first: none of a
        pathway closed, or one whose requirements can no longer be met. Of the others, every
        step on or after ``as_of``, but for the last day credit counts once the credit is met
        (nothing is left to earn) and the first day of a pathway already open; and a body's
        own deadline already past while the credential has not yet expired (late, it can
        still be met before the lapse it is there to avoid), which stays ``overdue``."""
        if not pathway.achievable or (
            pathway.closes_on is not None and pathway.closes_on < self.as_of
        ):
            return ()
        return tuple(step for step in pathway.deadlines if self._can_take(pathway, step))

    def _can_take(self, pathway: PathwayResult, step: DatedStep) -> bool:
        if step.label == CREDIT_STEP:
            return step.due_on >= self.as_of and not pathway.requirements_met
        if step.label == OPENS_STEP:
            return step.due_on > self.as_of
        if step.label == CLOSES_STEP:
            return step.due_on >= self.as_of
        return step.due_on >= self.as_of or self.as_of <= self.expires_on

    @property
    def next_step(self) -> DatedStep | None:
        """The first step of :attr:`chosen_pathway` the holder can still take
        (:meth:`actionable`): an overdue one first, else the next to come; ``None`` when there
        is none."""
        pathway = self.chosen_pathway
        steps = self.actionable(pathway) if pathway is not None else ()
        return steps[0] if steps else None

    def due_within(self, days: int) -> tuple[tuple[PathwayResult, DatedStep], ...]:
        """Every step the holder can still take (:meth:`actionable`) of
        :attr:`chosen_pathway`, due within ``days`` of ``as_of``, earliest first: an overdue
        one that can still be taken first."""
        pathway = self.chosen_pathway
        if pathway is None:
            return ()
        until = days_after(self.as_of, days)
        return tuple((pathway, step) for step in self.actionable(pathway) if step.due_on <= until)

    @property
    def fee_due(self) -> tuple[Fee, ...]:
        """The fees of the recommended pathway."""
        return self.recommended.fees if self.recommended else ()

    @property
    def next_expiry(self) -> Date | None:
        """The expiry date after recertifying by the recommended pathway on ``as_of``."""
        return self.recommended.next_expiry if self.recommended else None

    @property
    def summary(self) -> str:
        """The verdict in a sentence or two, for a person: where the credential stands, then
        the pathway to take (or, when none can be taken now, what opens next). The next date
        that matters is :attr:`next_step`."""
        expiry = self.expires_on
        if self.status is Status.PENDING:
            said = f"Not yet current: certified on {self.cycle.starts_on}."
        elif self.status is Status.CURRENT:
            said = f"Current until {expiry}."
        elif self.status is Status.INACTIVE:
            said = f"Inactive: held until {expiry}, but not to be used."
        elif self.status is Status.GRACE:
            education = [
                p for p in self.open_pathways if p.kind is PathwayKind.CONTINUING_EDUCATION
            ]
            closes = self.continuing_education_closes_on
            if education and not any(p.achievable for p in education):
                said = (
                    f"Expired on {expiry}; continuing education stays open through {closes},"
                    " but can no longer be completed."
                )
            else:
                said = (
                    f"Expired on {expiry}; recertifying by continuing education stays open"
                    f" through {closes}."
                )
        elif (lapsed := self.lapsed_on) is not None and self.as_of <= expiry:
            missed = next(due for due in self.dues if due.missed)
            said = (
                f"Lapsed on {lapsed}: {missed.label} due on {missed.due_on} is not recorded as"
                f" paid."
            )
        elif any(p.requirements and p.achievable for p in self.open_pathways):
            said = f"Lapsed: expired on {expiry}."
        else:
            said = f"Lapsed: expired on {expiry}, and continuing education is no longer possible."
        pathway = self.recommended
        if pathway is None and (waiting := self.waiting_for) is not None:
            return f"{said} {waiting.name} opens on {waiting.opens_on}: every requirement is met."
        if pathway is None:
            unachievable = [p.name for p in self.open_pathways if not p.achievable]
            if unachievable:
                said += (
                    f" No open pathway can still be completed"
                    f" ({', '.join(unachievable)}: the window for earning credit has closed)."
                )
                remaining = self.chosen_pathway
                if remaining is not None and remaining.opens_on > self.as_of:
                    said += f" {remaining.name} opens on {remaining.opens_on}."
                return said
            coming = [p for p in self.pathways if p.opens_on > self.as_of]
            if coming:
                first = min(coming, key=lambda p: p.opens_on)
                return f"{said} {first.name} opens on {first.opens_on}."
            return f"{said} No pathway remains."
        if pathway.missing:
            return (
                f"{said} {pathway.name} ({_open_until(pathway)}): still missing {pathway.missing}."
            )
        if pathway.requirements or pathway.exam_passed:
            return f"{said} {pathway.name} ({_open_until(pathway)}): {_ready(pathway)}."
        return f"{said} Remaining: {pathway.name} ({_open_until(pathway)})."

    @property
    def next_step_words(self) -> str | None:
        """:attr:`next_step` as a person reads it: ``earn the missing credit by 2027-03-31``,
        ``by 2026-09-01: apply (overdue)``, ``Reinstate the certification opens on
        2026-12-10``; ``None`` when there is none."""
        step = self.next_step
        if step is None:
            return None
        pathway = self.chosen_pathway
        if step.label == OPENS_STEP and pathway is not None:
            return f"{pathway.name} opens on {step.due_on}"
        return _step_words(step)

    @property
    def counted(self) -> tuple[ActivityResult, ...]:
        """The activities whose credit counted, in whole or in part."""
        return tuple(result for result in self.activities if result.is_counted)

    @property
    def refused(self) -> tuple[ActivityResult, ...]:
        """The activities any of whose credit was refused."""
        return tuple(result for result in self.activities if result.refusals)


def _ready(pathway: PathwayResult) -> str:
    """What makes an open pathway one the holder can recertify by."""
    if not pathway.exam_passed:
        return "every requirement is met"
    if pathway.requirements:
        return "every requirement is met and the exam is passed"
    return "the exam is passed"


def _open_until(pathway: PathwayResult) -> str:
    return f"open through {pathway.closes_on}" if pathway.closes_on else "open"


def _step_words(step: DatedStep) -> str:
    """A step as the summary says it: what to do by when."""
    if step.label == CREDIT_STEP:
        said = f"earn the missing credit by {step.due_on}"
    elif step.label == CLOSES_STEP:
        said = f"apply by {step.due_on}"
    else:
        label = step.label
        # "Apply for the exam" reads "apply for the exam"; "PANRE ..." stays as it is.
        if len(label) > 1 and label[0].isupper() and label[1].islower():
            label = label[0].lower() + label[1:]
        said = f"by {step.due_on}: {label}"
    return f"{said} (overdue)" if step.overdue else said
