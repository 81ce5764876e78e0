""":func:`evaluate`: one entry for one credential or one person."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import overload

from recertlib.engine.credential import checked_evaluation_date, evaluate_with_spec, record_of
from recertlib.engine.person import evaluate_person
from recertlib.inputs import Activity, Credential, Person
from recertlib.plugins import Registry, default_registry
from recertlib.results import PersonVerdict, Verdict


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
    on = checked_evaluation_date(as_of, tz, record_of(credential))
    rules = registry or default_registry()
    spec = rules.get(credential.body, credential.credential)
    return evaluate_with_spec(
        spec,
        credential,
        activities,
        as_of=on,
        origin=rules.origin_of(spec),
        compiled=rules.compiled(spec),
    )
