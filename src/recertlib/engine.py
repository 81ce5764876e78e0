"""The evaluation: one credential, its activities and a date in, one :class:`Verdict` out."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import pendulum

from recertlib.credit import CreditWindow, assess, requirements
from recertlib.dates import Date, to_date
from recertlib.errors import InvalidInput, Problem
from recertlib.model import Activity, Credential
from recertlib.registry import Registry, default_registry
from recertlib.rules import (
    CredentialSpec,
    NextCycleFrom,
    Part,
    Pathway,
    PathwayKind,
    RuleSet,
    SelectBy,
)
from recertlib.verdict import (
    CycleWindow,
    DatedStep,
    PathwayResult,
    RequirementResult,
    Status,
    Verdict,
)


def evaluate(
    credential: Credential,
    activities: Iterable[Activity] = (),
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
) -> Verdict:
    """Where ``credential`` stands on ``as_of``, given the holder's ``activities``.

    :param as_of: the evaluation date (a date or ``YYYY-MM-DD``); today's local date when
        omitted. Activities completed after it never count.
    :param registry: where to find the credential's rules; :func:`default_registry` when
        omitted.
    :raises UnknownCredential: no plugin provides the credential.
    :raises InvalidInput: ``as_of`` is not a date or is before the certification date.
    :raises NoRuleSetInForce: the credential's rules say nothing for its dates.
    """
    on = _evaluation_date(as_of, credential)
    spec = (registry or default_registry()).get(credential.body, credential.credential)
    return evaluate_with_spec(spec, credential, activities, as_of=on)


def _evaluation_date(as_of: object, credential: Credential) -> Date:
    if as_of is None:
        return pendulum.today().date()
    try:
        on = to_date(as_of)
    except (TypeError, ValueError) as error:
        raise InvalidInput([Problem("as_of", as_of, str(error))], _record(credential)) from None
    if on < credential.certified_on:
        raise InvalidInput(
            [
                Problem(
                    "as_of", str(on), f"is before the certification date {credential.certified_on}"
                )
            ],
            _record(credential),
        )
    return on


def _record(credential: Credential) -> str:
    return f"holder {credential.holder!r} ({credential.body} {credential.credential})"


def evaluate_with_spec(
    spec: CredentialSpec, credential: Credential, activities: Iterable[Activity], *, as_of: Date
) -> Verdict:
    """:func:`evaluate` with the credential's rules already looked up."""
    notes: list[str] = []
    cycle_rules = spec.rule_set_for(Part.CYCLE, _pick(spec, Part.CYCLE, credential, None, as_of))
    assert cycle_rules.cycle is not None
    computed_expiry = cycle_rules.cycle.expiry(credential.certified_on)
    expiry = credential.expires_on or computed_expiry
    if expiry != computed_expiry:
        notes.append(
            f"The recorded expiry date {expiry} is used; the rules give {computed_expiry}."
        )

    education_rules = spec.rule_set_for(
        Part.CONTINUING_EDUCATION, _pick(spec, Part.CONTINUING_EDUCATION, credential, expiry, as_of)
    )
    pathway_rules = spec.rule_set_for(
        Part.PATHWAYS, _pick(spec, Part.PATHWAYS, credential, expiry, as_of)
    )
    education = education_rules.continuing_education
    pathways = pathway_rules.pathways
    assert education is not None
    assert pathways is not None

    credit_through = expiry
    if education.credit_after_expiry_counts:
        credit_through = max(
            [
                expiry,
                *(
                    _closes(pathway, expiry, as_of)
                    for pathway in pathways
                    if pathway.requires_credit
                ),
            ]
        )
    window = CycleWindow(credential.certified_on, expiry, credit_through)
    results = assess(activities, education, CreditWindow(window.starts_on, credit_through, as_of))
    earned = requirements(results, education)

    pathway_results = tuple(
        _pathway_result(spec, pathway, window, earned, as_of) for pathway in pathways
    )
    status = _status(as_of, expiry, pathway_results)
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
    )


def _pick(
    spec: CredentialSpec, part: Part, credential: Credential, expiry: Date | None, as_of: Date
) -> Date:
    select_by = spec.selection.for_part(part)
    if select_by is SelectBy.AS_OF:
        return as_of
    if select_by is SelectBy.EXPIRES_ON and expiry is not None:
        return expiry
    return credential.certified_on


def _closes(pathway: Pathway, expiry: Date, as_of: Date) -> Date:
    # A pathway that never closes takes credit up to the evaluation date.
    return pathway.closes_on(expiry) or max(expiry, as_of)


def _pathway_result(
    spec: CredentialSpec,
    pathway: Pathway,
    window: CycleWindow,
    earned: tuple[RequirementResult, ...],
    as_of: Date,
) -> PathwayResult:
    opens_on = pathway.opens_on(window.starts_on, window.expires_on)
    closes_on = pathway.closes_on(window.expires_on)
    is_open = opens_on <= as_of and (closes_on is None or as_of <= closes_on)
    return PathwayResult(
        kind=pathway.kind,
        name=pathway.name,
        opens_on=opens_on,
        closes_on=closes_on,
        is_open=is_open,
        requirements=earned if pathway.requires_credit else (),
        fees=pathway.fees,
        steps=pathway.steps,
        deadlines=tuple(
            DatedStep(deadline.label, deadline.on(window.expires_on))
            for deadline in pathway.deadlines
        ),
        next_expiry=_next_expiry(spec, pathway, window.expires_on, as_of) if is_open else None,
        notes=pathway.notes,
    )


def _next_expiry(spec: CredentialSpec, pathway: Pathway, expiry: Date, as_of: Date) -> Date:
    start = expiry if pathway.next_cycle_from is NextCycleFrom.PREVIOUS_EXPIRY else as_of
    cycle = spec.rule_set_for(Part.CYCLE, start).cycle
    assert cycle is not None
    return cycle.expiry(start)


def _status(as_of: Date, expiry: Date, pathways: tuple[PathwayResult, ...]) -> Status:
    if as_of <= expiry:
        return Status.CURRENT
    if any(
        pathway.is_open and pathway.kind is PathwayKind.CONTINUING_EDUCATION for pathway in pathways
    ):
        return Status.GRACE
    return Status.LAPSED


def _distinct(rule_sets: list[RuleSet]) -> list[RuleSet]:
    return list({rule_set.id: rule_set for rule_set in rule_sets}.values())
