"""A person: their facts, every credential they hold, and one history of activities.

Integrators track people, not credentials. :func:`recertlib.evaluate` on a :class:`Person`
gives a :class:`PersonVerdict`: one outcome per credential, in the person's order, each a
verdict or the error that kept it from one, so that one bad credential never hides the others.

Every activity in the history is offered to every credential: an activity recorded once counts
toward each credential whose rules accept it (in a common unit, :mod:`recertlib.units`, it
needs no translation per body). Where a body forbids counting one activity for two credentials
(:attr:`~recertlib.ContinuingEducation.shared_credit_counts` is ``False``), an activity that
already counted toward a credential listed *earlier* is refused for that body's credential
with :attr:`~recertlib.Reason.COUNTED_ELSEWHERE`. The order of :attr:`Person.credentials` is
therefore a priority: list first the credential an activity should serve when only one may.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs
from attrs import field, frozen

from recertlib.amounts import ZERO
from recertlib.checks import non_empty_text, text
from recertlib.dates import Date
from recertlib.errors import FieldValueError, RecertlibError
from recertlib.model import Activity, Credential, certified_on_date, expires_on_date, facts_of
from recertlib.rules import ContinuingEducation, CredentialSpec, Facts
from recertlib.verdict import ActivityResult, Reason, Refusal, Verdict

if TYPE_CHECKING:
    from recertlib.registry import Registry


@frozen
class PersonCredential:
    """A credential a person holds: a :class:`~recertlib.Credential` without a holder, since
    the person is the holder.

    ``facts`` are this credential's own (membership of its body, its original issue date);
    they override the person's facts of the same name.
    """

    body: str = field(validator=non_empty_text)
    """The certifying body's code, as its plugin registers it (``"AAMA"``)."""
    credential: str = field(validator=non_empty_text)
    """The credential's code within that body (``"CMA"``)."""
    certified_on: Date = field(converter=certified_on_date)
    expires_on: Date | None = field(default=None, converter=expires_on_date, kw_only=True)
    facts: Facts = field(factory=Facts, converter=facts_of, kw_only=True)

    @expires_on.validator
    def _expires_after_certification(self, attribute: object, value: Date | None) -> None:
        if value is not None and value < self.certified_on:
            raise FieldValueError(
                "expires_on", str(value), f"is before certified_on {self.certified_on}"
            )

    @classmethod
    def of(cls, credential: Credential) -> PersonCredential:
        """The credential without its holder."""
        return cls(
            credential.body,
            credential.credential,
            credential.certified_on,
            expires_on=credential.expires_on,
            facts=credential.facts,
        )

    def held_by(self, holder: str, facts: Facts | None = None) -> Credential:
        """The :class:`~recertlib.Credential` as ``holder`` holds it, with ``facts`` (the
        person's) under this credential's own."""
        return Credential(
            self.body,
            self.credential,
            holder,
            self.certified_on,
            expires_on=self.expires_on,
            facts=self.facts if facts is None else merged_facts(facts, self.facts),
        )


def merged_facts(person: Facts, own: Facts) -> Facts:
    """``person``'s facts with ``own`` (a credential's) over them: a fact ``own`` gives wins,
    one it leaves out is the person's."""
    standard = {
        attribute.name: getattr(own, attribute.name)
        if getattr(own, attribute.name) is not None
        else getattr(person, attribute.name)
        for attribute in attrs.fields(Facts)
        if attribute.name != "other"
    }
    return Facts(**standard, other={**dict(person.other), **dict(own.other)})


def _credentials(values: Iterable[PersonCredential | Credential]) -> tuple[PersonCredential, ...]:
    if isinstance(values, str | bytes | Mapping):
        raise FieldValueError("credentials", values, "expected a list of credentials")
    return tuple(
        PersonCredential.of(value) if isinstance(value, Credential) else value for value in values
    )


def _activities(values: Iterable[Activity]) -> tuple[Activity, ...]:
    if isinstance(values, str | bytes | Mapping):
        raise FieldValueError("activities", values, "expected a list of activities")
    return tuple(values)


@frozen
class Person:
    """One person: their facts, the credentials they hold, and one history of activities.

    A :class:`~recertlib.Credential` given among ``credentials`` is taken without its holder:
    the person holds it. Verdicts name the person by :attr:`id` as the credential's holder.
    """

    id: str = field(validator=non_empty_text)
    """The caller's identifier for the person (an employee id), unique among the caller's
    people."""
    name: str = field(default="", validator=text, kw_only=True)
    facts: Facts = field(factory=Facts, converter=facts_of, kw_only=True)
    """What the caller knows of the person (birth date, ...); a credential's own facts
    override these."""
    credentials: tuple[PersonCredential, ...] = field(
        default=(), converter=_credentials, kw_only=True
    )
    """Every credential the person holds, in order of priority (see the module's note on
    activities that may count for one credential only)."""
    activities: tuple[Activity, ...] = field(default=(), converter=_activities, kw_only=True)
    """The person's one history, offered to every credential."""

    @credentials.validator
    def _only_credentials(self, attribute: object, value: tuple[object, ...]) -> None:
        for index, item in enumerate(value):
            if not isinstance(item, PersonCredential):
                raise FieldValueError(
                    f"credentials[{index}]", item, "expected a PersonCredential or a Credential"
                )

    @activities.validator
    def _only_activities(self, attribute: object, value: tuple[object, ...]) -> None:
        for index, item in enumerate(value):
            if not isinstance(item, Activity):
                raise FieldValueError(f"activities[{index}]", item, "expected an Activity")

    def held(self) -> tuple[Credential, ...]:
        """Every credential as the person holds it: with :attr:`id` as the holder and the
        person's facts under each credential's own."""
        return tuple(credential.held_by(self.id, self.facts) for credential in self.credentials)


@frozen
class CredentialOutcome:
    """One of a person's credentials evaluated: its verdict, or the error that kept it from
    one (:class:`~recertlib.UnknownCredential`, :class:`~recertlib.MissingFact`,
    :class:`~recertlib.InvalidInput`, :class:`~recertlib.NoRuleSetInForce`)."""

    credential: Credential
    """The credential as evaluated: the person's id as its holder, the facts merged."""
    verdict: Verdict | None
    error: RecertlibError | None

    @property
    def usable(self) -> bool:
        """Whether there is a verdict and it says the credential is usable."""
        return self.verdict is not None and self.verdict.usable


@frozen
class PersonVerdict:
    """Everything to say of one person's credentials on one date."""

    person: Person
    as_of: Date
    outcomes: tuple[CredentialOutcome, ...]
    """One per credential, in the person's order."""

    @property
    def usable(self) -> bool:
        """Whether every credential is usable on ``as_of``: ``False`` when any is not, or
        could not be evaluated; ``True`` for a person who holds none."""
        return all(outcome.usable for outcome in self.outcomes)

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """The verdicts of the credentials that could be evaluated, in order."""
        return tuple(o.verdict for o in self.outcomes if o.verdict is not None)

    @property
    def errors(self) -> tuple[RecertlibError, ...]:
        """The errors of the credentials that could not be, in order."""
        return tuple(o.error for o in self.outcomes if o.error is not None)


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
    # The engine imports this module for its types; its functions are imported here.
    from recertlib.engine import checked_evaluation_date, evaluate_with_spec
    from recertlib.registry import default_registry

    if not isinstance(person, Person):
        raise TypeError(f"expected a Person, got {person!r}")
    on = checked_evaluation_date(as_of, tz, f"person {person.id!r}")
    rules = registry or default_registry()
    counted_toward: dict[Activity, str] = {}
    outcomes = []
    for own, credential in zip(person.credentials, person.held(), strict=True):
        try:
            spec = rules.get(credential.body, credential.credential)
            credential = _without_others_facts(credential, own, spec)
            verdict = evaluate_with_spec(spec, credential, person.activities, as_of=on)
            verdict = _unshared(spec, credential, verdict, person.activities, counted_toward)
        except RecertlibError as error:
            outcomes.append(CredentialOutcome(credential, None, error))
            continue
        outcomes.append(CredentialOutcome(credential, verdict, None))
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
    spec: CredentialSpec,
    credential: Credential,
    verdict: Verdict,
    activities: tuple[Activity, ...],
    counted_toward: Mapping[Activity, str],
) -> Verdict:
    """``verdict`` again without the activities that counted toward an earlier credential,
    when ``spec``'s rules forbid counting one activity for two; each of those is reported as
    refused (:attr:`~recertlib.Reason.COUNTED_ELSEWHERE`) with the credit it would have had."""
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
    from recertlib.engine import evaluate_with_spec

    kept = [activity for activity in activities if activity not in withheld]
    again = evaluate_with_spec(spec, credential, kept, as_of=verdict.as_of)
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


__all__ = [
    "CredentialOutcome",
    "Person",
    "PersonCredential",
    "PersonVerdict",
    "education_rules",
    "evaluate_person",
    "merged_facts",
]
