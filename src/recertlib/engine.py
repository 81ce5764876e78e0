"""The evaluation: one credential, its activities and a date in, one :class:`Verdict` out."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import overload

from recertlib.allocation import CreditWindow, assess
from recertlib.amounts import exact_arithmetic
from recertlib.dates import Date, Span, day_after, evaluation_date
from recertlib.errors import InvalidInput, MissingFact, Problem
from recertlib.model import Activity, Credential
from recertlib.people import Person, PersonVerdict, evaluate_person
from recertlib.registry import Registry, default_registry
from recertlib.rules import (
    ORIGINALLY_ISSUED_ON,
    ContinuingEducation,
    CredentialSpec,
    Cycle,
    CycleDates,
    FactReader,
    Facts,
    Fee,
    NextCycleFrom,
    Part,
    Pathway,
    PathwayKind,
    RequirementResult,
    RuleSet,
    SelectBy,
)
from recertlib.verdict import (
    CycleWindow,
    DatedStep,
    OuterStanding,
    PathwayResult,
    Status,
    Verdict,
)

SERIES_LIMIT = 1000
"""The most cycles walked to place a cycle in its outer cycle."""


@overload
def evaluate(
    credential: Credential,
    activities: Iterable[Activity] = (),
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
) -> Verdict: ...


@overload
def evaluate(
    person: Person,
    /,
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
) -> PersonVerdict: ...


def evaluate(
    credential: Credential | Person,
    activities: Iterable[Activity] = (),
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
) -> Verdict | PersonVerdict:
    """Where ``credential`` stands on ``as_of``, given the holder's ``activities``; or, given a
    :class:`~recertlib.Person`, where each of the person's credentials stands, from the
    person's own history (a :class:`~recertlib.PersonVerdict`, in which one credential's error
    never hides the others' verdicts).

    :param as_of: the evaluation date: a date, ``YYYY-MM-DD``, or a timezone-aware datetime
        taken in its own zone; today when omitted. Activities completed after it never count.
    :param tz: the time zone "today" is taken in when ``as_of`` is omitted
        (``"America/New_York"``); the machine's local zone when omitted.
    :param registry: where to find the credential's rules; :func:`default_registry` when
        omitted.
    :raises UnknownCredential: no plugin provides the credential (for a person: kept in the
        credential's outcome, as are the errors below).
    :raises InvalidInput: ``as_of`` is not a date. A credential certified after ``as_of``
        gets a verdict, :attr:`~recertlib.Status.PENDING`.
    :raises MissingFact: the rules need a fact about the holder that the credential lacks.
    :raises NoRuleSetInForce: the credential's rules say nothing for its dates.
    """
    if isinstance(credential, Person):
        if tuple(activities):
            raise TypeError("a person's activities are its own: give them in Person.activities")
        return evaluate_person(credential, as_of=as_of, registry=registry, tz=tz)
    on = checked_evaluation_date(as_of, tz, _record(credential))
    spec = (registry or default_registry()).get(credential.body, credential.credential)
    return evaluate_with_spec(spec, credential, activities, as_of=on)


def checked_evaluation_date(as_of: object, tz: str | None, record: str) -> Date:
    """:func:`~recertlib.dates.evaluation_date`, an error an :class:`InvalidInput` of
    ``record`` naming ``as_of`` or ``tz``."""
    try:
        return evaluation_date(as_of, tz=tz)
    except (TypeError, ValueError) as error:
        field = "tz" if tz is not None and "time zone" in str(error) else "as_of"
        value = tz if field == "tz" else as_of
        raise InvalidInput([Problem(field, value, str(error))], record) from None


def _record(credential: Credential) -> str:
    return f"holder {credential.holder!r} ({credential.body} {credential.credential})"


def _first_cycle(facts: Facts, certified_on: Date) -> bool | None:
    if facts.first_renewal is not None:
        return facts.first_renewal
    if facts.originally_issued_on is not None:
        return facts.originally_issued_on == certified_on
    return None


def fact_reader(spec: CredentialSpec, credential: Credential) -> FactReader:
    """The credential's facts as ``spec``'s rules read them."""
    return FactReader(
        credential.facts,
        credential=spec.label,
        holder=credential.holder,
        first_cycle=_first_cycle(credential.facts, credential.certified_on),
        kinds={fact.name: fact.kind for fact in spec.facts},
    )


def evaluate_with_spec(
    spec: CredentialSpec, credential: Credential, activities: Iterable[Activity], *, as_of: Date
) -> Verdict:
    """:func:`evaluate` with the credential's rules already looked up."""
    with exact_arithmetic():
        try:
            return _evaluate(spec, credential, activities, as_of)
        except OverflowError:
            # A date past the calendar's end from a plugin's own rule: the dates given are
            # too near its end for the rules to count from.
            raise InvalidInput(
                [
                    Problem(
                        "certified_on",
                        str(credential.certified_on),
                        "the rules count dates from it beyond the calendar's end",
                    )
                ],
                _record(credential),
            ) from None


def _evaluate(
    spec: CredentialSpec, credential: Credential, activities: Iterable[Activity], as_of: Date
) -> Verdict:
    facts = fact_reader(spec, credential)
    notes: list[str] = []
    cycle_rules = spec.rule_set_for(Part.CYCLE, _pick(spec, Part.CYCLE, credential, None, as_of))
    assert cycle_rules.cycle is not None
    cycle = cycle_rules.cycle.for_holder(facts)
    computed_expiry = cycle.expiry.expiry(credential.certified_on, facts)
    expiry = credential.expires_on or computed_expiry
    if expiry != computed_expiry:
        notes.append(
            f"The recorded expiry date {expiry} is used; the rules give {computed_expiry}."
        )
    dates = CycleDates(credential.certified_on, expiry)
    outer = None
    if cycle_rules.cycle.outer is not None:
        outer = _outer_standing(spec, cycle_rules.cycle, credential, expiry, facts, notes)
    inner = outer.inner_number if outer else None

    education_rules = spec.rule_set_for(
        Part.CONTINUING_EDUCATION, _pick(spec, Part.CONTINUING_EDUCATION, credential, expiry, as_of)
    )
    pathway_rules = spec.rule_set_for(
        Part.PATHWAYS, _pick(spec, Part.PATHWAYS, credential, expiry, as_of)
    )
    education = education_rules.continuing_education
    assert education is not None
    assert pathway_rules.pathways is not None
    pathways = tuple(p for p in pathway_rules.pathways if _offered(p, facts, inner))

    credit_through = expiry
    if education.credit_after_expiry_counts:
        credit_through = max(
            [expiry, *(_closes(p, dates, as_of) for p in pathways if p.requires_credit)]
        )
    window = CycleWindow(
        credential.certified_on, expiry, credit_through, cycle.credit_starts(dates)
    )
    activities = tuple(activities)
    results, earned = assess(
        activities,
        education,
        CreditWindow(window.credit_from, credit_through, as_of, dates),
        facts,
        inner,
    )
    pathway_results = tuple(
        _pathway_result(
            spec,
            pathway,
            dates,
            earned
            if pathway.credit_within is None
            else _earned_within(
                pathway.credit_within, activities, education, facts, inner, as_of, dates
            ),
            as_of,
            facts,
            inner,
            activities,
            credit_through if pathway.credit_within is None else None,
        )
        for pathway in pathways
    )
    status = _status(as_of, credential.certified_on, expiry, pathway_results, facts)
    used = _distinct([cycle_rules, education_rules, pathway_rules])
    notes.extend(note for rule_set in used for note in rule_set.notes)
    return Verdict(
        credential=credential,
        credential_name=spec.name,
        as_of=as_of,
        status=status,
        usable=status is Status.CURRENT,
        cycle=window,
        pathways=pathway_results,
        activities=results,
        rule_sets=tuple(rule_set.id for rule_set in used),
        notes=tuple(notes),
        outer=outer,
    )


def _earned_within(
    span: Span,
    activities: tuple[Activity, ...],
    education: ContinuingEducation,
    facts: FactReader,
    inner: int | None,
    as_of: Date,
    dates: CycleDates,
) -> tuple[RequirementResult, ...]:
    # A pathway that looks back from the evaluation date has a window of its own.
    window = CreditWindow(day_after(span.before(as_of)), as_of, as_of, dates)
    return assess(activities, education, window, facts, inner)[1]


def _pick(
    spec: CredentialSpec, part: Part, credential: Credential, expiry: Date | None, as_of: Date
) -> Date:
    select_by = spec.selection.for_part(part)
    if select_by is SelectBy.AS_OF:
        return as_of
    if select_by is SelectBy.EXPIRES_ON and expiry is not None:
        return expiry
    return credential.certified_on


def cycle_series(spec: CredentialSpec, first_day: Date, facts: FactReader) -> Iterable[CycleDates]:
    """The cycles a credential first issued on ``first_day`` runs through, each starting the
    day after the one before expires, its expiry counted from that previous expiry."""
    rules = spec.rule_set_for(Part.CYCLE, first_day).cycle
    assert rules is not None
    cycle: Cycle = rules.first or rules
    current = cycle.dates(first_day, facts)
    while True:
        yield current
        rules = spec.rule_set_for(Part.CYCLE, day_after(current.expires_on)).cycle
        assert rules is not None
        counted_from = current.expires_on
        current = CycleDates(day_after(counted_from), rules.expiry.expiry(counted_from, facts))


def _outer_standing(
    spec: CredentialSpec,
    cycle: Cycle,
    credential: Credential,
    expiry: Date,
    facts: FactReader,
    notes: list[str],
) -> OuterStanding:
    assert cycle.outer is not None
    count = cycle.outer.inner_cycles
    issued = facts.require(
        ORIGINALLY_ISSUED_ON, f"the {cycle.outer.name} is counted from the original issue date"
    )
    assert isinstance(issued, Date)
    walked: list[CycleDates] = []
    for dates in cycle_series(spec, issued, facts):
        walked.append(dates)
        if dates.expires_on >= expiry or len(walked) >= SERIES_LIMIT:
            break
    if walked[-1].expires_on != expiry:
        notes.append(
            f"The expiry {expiry} is not one of the cycles counted from {issued}; the"
            f" {cycle.outer.name} is placed by the cycle ending {walked[-1].expires_on}."
        )
    index = len(walked) - 1
    number = index % count + 1
    first = walked[index - number + 1]
    ends = walked[-1].expires_on
    later = iter(cycle_series(spec, issued, facts))
    for _ in range(index + count - number + 1):
        ends = next(later).expires_on
    return OuterStanding(cycle.outer.name, first.starts_on, ends, number, count)


def _closes(pathway: Pathway, dates: CycleDates, as_of: Date) -> Date:
    # A pathway that never closes takes credit up to the evaluation date.
    return pathway.closes.on(dates) if pathway.closes else max(dates.expires_on, as_of)


def _pathway_result(
    spec: CredentialSpec,
    pathway: Pathway,
    dates: CycleDates,
    earned: tuple[RequirementResult, ...],
    as_of: Date,
    facts: FactReader,
    inner: int | None,
    activities: tuple[Activity, ...],
    credit_through: Date | None,
) -> PathwayResult:
    opens_on = pathway.opens.on(dates) if pathway.opens else dates.starts_on
    closes_on = pathway.closes.on(dates) if pathway.closes else None
    is_open = opens_on <= as_of and (closes_on is None or as_of <= closes_on)
    next_start, next_expiry = (
        _next_cycle(spec, pathway, dates, as_of, facts) if is_open else (None, None)
    )
    requirements = earned if pathway.requires_credit else ()
    # Credit for a pathway that looks back from the evaluation date counts until it closes.
    credit_until = None
    if pathway.requires_credit:
        ends = [day for day in (credit_through, closes_on) if day is not None]
        credit_until = min(ends) if ends else None
    met = all(requirement.met for requirement in requirements)
    achievable = met or credit_until is None or credit_until >= as_of
    exam_passed = None
    if pathway.kind is PathwayKind.EXAM:
        exam_passed = any(
            activity.unit.casefold() in pathway.exam_units
            and opens_on <= activity.completed_on <= as_of
            and (closes_on is None or activity.completed_on <= closes_on)
            for activity in activities
        )
    steps = [DatedStep(d.label, d.due.on(dates)) for d in pathway.deadlines]
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
        notes=pathway.notes + _offered_only(pathway),
        credit_until=credit_until,
        achievable=achievable,
        exam_passed=exam_passed,
    )


def _offered(pathway: Pathway, facts: FactReader, inner: int | None) -> bool:
    # Like a fee, a pathway on a fact the caller did not give stays listed; its result says
    # on what condition it is offered.
    try:
        return pathway.when is None or pathway.when.holds(facts, inner)
    except MissingFact:
        return True


def _offered_only(pathway: Pathway) -> tuple[str, ...]:
    if pathway.when is None:
        return ()
    return (f"Offered only when {pathway.when.describe()}.",)


def _fees(fees: tuple[Fee, ...], facts: FactReader, inner: int | None) -> tuple[Fee, ...]:
    # A fee on a fact the caller did not give stays listed with its condition, beside its
    # alternatives: a fee never stops a verdict.
    kept = []
    for fee in fees:
        try:
            applies = fee.when is None or fee.when.holds(facts, inner)
        except MissingFact:
            applies = True
        if applies:
            kept.append(fee)
    return tuple(kept)


def _next_cycle(
    spec: CredentialSpec, pathway: Pathway, dates: CycleDates, as_of: Date, facts: FactReader
) -> tuple[Date, Date]:
    # A next cycle is never a first one, so ``cycle.first`` never applies to it.
    if pathway.next_cycle_from is NextCycleFrom.RECERTIFICATION_DATE:
        return as_of, _later_cycle(spec, as_of).expiry.expiry(as_of, facts)
    counted_from = dates.expires_on
    while True:
        starts = day_after(counted_from)
        expires = _later_cycle(spec, starts).expiry.expiry(counted_from, facts)
        if pathway.next_cycle_from is NextCycleFrom.PREVIOUS_EXPIRY or expires >= as_of:
            return starts, expires
        counted_from = expires


def _later_cycle(spec: CredentialSpec, starts: Date) -> Cycle:
    cycle = spec.rule_set_for(Part.CYCLE, starts).cycle
    assert cycle is not None
    return cycle


def _status(
    as_of: Date,
    certified_on: Date,
    expiry: Date,
    pathways: tuple[PathwayResult, ...],
    facts: FactReader,
) -> Status:
    if as_of < certified_on:
        return Status.PENDING
    if as_of <= expiry:
        return Status.INACTIVE if facts.facts.inactive else Status.CURRENT
    if any(
        pathway.is_open and pathway.kind is PathwayKind.CONTINUING_EDUCATION for pathway in pathways
    ):
        return Status.GRACE
    return Status.LAPSED


def _distinct(rule_sets: list[RuleSet]) -> list[RuleSet]:
    return list({rule_set.id: rule_set for rule_set in rule_sets}.values())
