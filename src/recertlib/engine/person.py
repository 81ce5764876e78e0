"""The evaluation of a person: every credential they hold, from their one history.

Every activity in the history is offered to every credential: an activity recorded once counts
toward each credential whose rules accept it (in a common unit,
:mod:`recertlib.quantities.units`, it needs no translation per body). Where a body forbids
counting one activity for two credentials
(:attr:`~recertlib.rules.ContinuingEducation.shared_credit_counts` is ``False``), an activity
that already counted toward a credential listed *earlier* is refused for that body's
credential with :attr:`~recertlib.Reason.COUNTED_ELSEWHERE`. The order of
:attr:`~recertlib.Person.credentials` is therefore a priority: list first the credential an
activity should serve when only one may.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import attrs

from recertlib.engine.credential import checked_evaluation_date, evaluate_with_spec
from recertlib.errors import RecertlibError
from recertlib.inputs import Activity, Credential, Person, PersonCredential
from recertlib.plugins import Registry, default_registry
from recertlib.quantities.amounts import ZERO
from recertlib.results import ActivityResult, Outcome, PersonVerdict, Reason, Refusal, Verdict
from recertlib.rules import ContinuingEducation, CredentialSpec
from recertlib.rules.compiled import CompiledCredential


def evaluate_person(
    person: Person,
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
) -> PersonVerdict:
    """Every credential of ``person`` on ``as_of``, from the person's one history.

    :raises InvalidInput: ``as_of`` is not a date. Every other error is one credential's and
        is kept in its outcome.
    """
    if not isinstance(person, Person):
        raise TypeError(f"expected a Person, got {person!r}")
    on = checked_evaluation_date(as_of, tz, f"person {person.id!r}")
    rules = registry or default_registry()
    counted_toward: dict[Activity, str] = {}
    outcomes: list[Outcome[Verdict]] = []
    for own, credential in zip(person.credentials, person.held(), strict=True):
        try:
            spec = rules.get(credential.body, credential.credential)
            origin = rules.origin_of(spec)
            credential = _without_others_facts(credential, own, spec)
            compiled = rules.compiled(spec)
            verdict = evaluate_with_spec(
                spec, credential, person.activities, as_of=on, origin=origin, compiled=compiled
            )
            verdict = _unshared(
                compiled, credential, verdict, person.activities, counted_toward, origin
            )
        except RecertlibError as error:
            outcomes.append(Outcome.failed(spec_label(credential), error))
            continue
        outcomes.append(Outcome.of(spec_label(credential), verdict))
        for result in verdict.counted:
            counted_toward.setdefault(result.activity, spec.label)
    return PersonVerdict(person, on, tuple(outcomes))


def _without_others_facts(
    credential: Credential, own: PersonCredential, spec: CredentialSpec
) -> Credential:
    # A person's plugin facts serve all their credentials; one that these rules do not read
    # is meant for another credential, not a misspelling to point out on this one.
    read = {fact.name for fact in spec.facts} | {name for name, _ in own.facts.other}
    other = tuple((name, value) for name, value in credential.facts.other if name in read)
    if other == credential.facts.other:
        return credential
    return attrs.evolve(credential, facts=attrs.evolve(credential.facts, other=other))


def education_rules(spec: CredentialSpec, verdict: Verdict) -> ContinuingEducation | None:
    """The continuing-education rules ``verdict`` was given by."""
    for rule_set in spec.rule_sets:
        if rule_set.id in verdict.rule_sets and rule_set.continuing_education is not None:
            return rule_set.continuing_education
    return None


def _unshared(
    compiled: CompiledCredential,
    credential: Credential,
    verdict: Verdict,
    activities: tuple[Activity, ...],
    counted_toward: Mapping[Activity, str],
    origin: str,
) -> Verdict:
    """``verdict`` again without the activities that counted toward an earlier credential,
    when ``spec``'s rules forbid counting one activity for two; each of those is reported as
    refused (:attr:`~recertlib.Reason.COUNTED_ELSEWHERE`) with the credit it would have had."""
    spec = compiled.spec
    rules = education_rules(spec, verdict)
    if rules is None or rules.shared_credit_counts:
        return verdict
    # Every activity that counted earlier is withheld, not only those counting here: one
    # refused here (over a cap, say) could count once the others are gone.
    withheld = {
        result.activity: result
        for result in verdict.activities
        if result.activity in counted_toward
    }
    if not withheld:
        return verdict
    kept = [activity for activity in activities if activity not in withheld]
    again = evaluate_with_spec(
        spec, credential, kept, as_of=verdict.as_of, origin=origin, compiled=compiled
    )
    refused = [
        _counted_elsewhere(result, counted_toward[activity], spec)
        for activity, result in withheld.items()
    ]
    results = sorted([*again.activities, *refused], key=lambda r: r.activity.sort_key())
    return attrs.evolve(again, activities=tuple(results))


def _counted_elsewhere(result: ActivityResult, other: str, spec: CredentialSpec) -> ActivityResult:
    refusal = Refusal(
        Reason.COUNTED_ELSEWHERE,
        f"counted toward {other}, listed before {spec.label}; the {spec.body} rules do not"
        " count one activity for two credentials",
    )
    return attrs.evolve(result, counted=ZERO, refusals=(refusal,))


def spec_label(credential: Credential) -> str:
    """How a person's outcome for ``credential`` is labelled: ``AAMA CMA``."""
    return f"{credential.body} {credential.credential}"
