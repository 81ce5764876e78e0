"""Each pathway on the evaluation date: when it is open, what it asks and by when, whether it
can still be completed, and where it leads."""

from __future__ import annotations

import attrs

from recertlib.engine.allocation import CreditWindow
from recertlib.engine.cycles import next_cycle
from recertlib.errors import MissingFact
from recertlib.inputs import Activity
from recertlib.quantities.dates import Date, Span, day_after
from recertlib.results.verdict import DatedStep, PathwayResult
from recertlib.rules import (
    CredentialSpec,
    CycleDates,
    FactReader,
    Fee,
    Pathway,
    PathwayKind,
    RequirementResult,
)
from recertlib.rules.calls import described
from recertlib.rules.compiled import CompiledEducation
from recertlib.rules.facts import holds
from recertlib.rules.schedule import date_on


def look_back(span: Span, as_of: Date, dates: CycleDates) -> CreditWindow:
    """The window of a pathway that counts the credit of ``span`` before the evaluation date,
    whatever the cycle's own window."""
    return CreditWindow(day_after(span.before(as_of)), as_of, as_of, dates)


def closes(pathway: Pathway, dates: CycleDates, as_of: Date) -> Date:
    # A pathway that never closes takes credit up to the evaluation date.
    return date_on(pathway.closes, dates) if pathway.closes else max(dates.expires_on, as_of)


def pathway_result(
    spec: CredentialSpec,
    pathway: Pathway,
    dates: CycleDates,
    earned: tuple[RequirementResult, ...],
    as_of: Date,
    facts: FactReader,
    inner: int | None,
    activities: tuple[Activity, ...],
    credit_through: Date | None,
    education: CompiledEducation,
) -> PathwayResult:
    """``pathway`` on ``as_of``, ``earned`` being its requirements' results under
    ``education``, the rules it is assessed by."""
    opens_on = date_on(pathway.opens, dates) if pathway.opens else dates.starts_on
    closes_on = date_on(pathway.closes, dates) if pathway.closes else None
    is_open = opens_on <= as_of and (closes_on is None or as_of <= closes_on)
    next_start: Date | None = None
    next_expiry: Date | None = None
    notes = pathway.notes + offered_only(pathway)
    if pathway.requires_credit and pathway.credit_within is not None:
        since = day_after(pathway.credit_within.before(as_of))
        notes += (
            f"Counts the credit completed from {since} through {as_of}; the activities listed"
            " are judged for the cycle's own window.",
        )
    if is_open:
        try:
            next_start, next_expiry = next_cycle(spec, pathway, dates, as_of, facts)
        except MissingFact as missing:
            # The verdict stands on a recorded expiry; only the next one needs the fact.
            notes += (f"The next expiry needs the {missing.fact} fact: {missing.why}.",)
    requirements = earned if pathway.requires_credit else ()
    # Credit for a pathway that looks back from the evaluation date counts until it closes.
    credit_until = None
    if pathway.requires_credit:
        ends = [day for day in (credit_through, closes_on) if day is not None]
        credit_until = min(ends) if ends else None
    met = all(requirement.met for requirement in requirements)
    # Once the window for credit has closed, only what a measure counts through the evaluation
    # date (an exam passed after a lapse) can still be done.
    late = education.open_ended if pathway.requires_credit else frozenset()
    achievable = (
        met
        or credit_until is None
        or credit_until >= as_of
        or all(r.met or (r.name, r.unit) in late for r in requirements)
    )
    exam_passed = None
    if pathway.kind is PathwayKind.EXAM:
        exam_passed = any(
            activity.unit.casefold() in pathway.exam_units
            # The exam that began the cycle is no recertification.
            and dates.starts_on < activity.completed_on
            and opens_on <= activity.completed_on <= as_of
            and (closes_on is None or activity.completed_on <= closes_on)
            for activity in activities
        )
    steps = [DatedStep(d.label, date_on(d.due, dates)) for d in pathway.deadlines]
    if credit_until is not None and not met:
        steps.append(DatedStep("Last day credit counts for this pathway", credit_until))
    if opens_on > as_of:
        steps.append(DatedStep("Opens", opens_on))
    if closes_on is not None and all(step.due_on != closes_on for step in steps):
        steps.append(DatedStep("Last day to recertify by this pathway", closes_on))
    deadlines = tuple(
        sorted(
            (DatedStep(step.label, step.due_on, step.due_on < as_of) for step in steps),
            key=lambda step: step.due_on,
        )
    )
    return PathwayResult(
        kind=pathway.kind,
        name=pathway.name,
        opens_on=opens_on,
        closes_on=closes_on,
        is_open=is_open,
        requirements=requirements,
        fees=_fees(pathway.fees, facts, inner),
        steps=pathway.steps,
        deadlines=deadlines,
        next_expiry=next_expiry,
        next_cycle_starts_on=next_start,
        notes=notes,
        credit_until=credit_until,
        achievable=achievable,
        exam_passed=exam_passed,
    )


def offered(pathway: Pathway, facts: FactReader, inner: int | None) -> bool:
    # Like a fee, a pathway on a fact the caller did not give stays listed; its result says
    # on what condition it is offered.
    try:
        return pathway.when is None or holds(pathway.when, facts, inner)
    except MissingFact:
        return True


def offered_only(pathway: Pathway) -> tuple[str, ...]:
    if pathway.when is None:
        return ()
    return (f"Offered only when {described(pathway.when)}.",)


def _fees(fees: tuple[Fee, ...], facts: FactReader, inner: int | None) -> tuple[Fee, ...]:
    # A fee on a fact the caller did not give stays listed with its condition, beside its
    # alternatives: a fee never stops a verdict. A fee whose condition is known to hold is
    # simply due, and says no condition.
    kept = []
    for fee in fees:
        if fee.when is None:
            kept.append(fee)
            continue
        try:
            if holds(fee.when, facts, inner):
                kept.append(attrs.evolve(fee, when=None))
        except MissingFact:
            kept.append(fee)
    return tuple(kept)
