"""Questions asked of many evaluated holders at once: who is not usable, who has something due
soon, who can recertify now.

Every query takes an iterable of evaluated items and is a generator: it reads one item, yields
what matched, and holds nothing else, so a nightly job can stream a million people through it.
An item is any of

- a :class:`~recertlib.Verdict`;
- an evaluated person: a :class:`~recertlib.PersonVerdict`, or any object with a ``verdicts``
  attribute holding verdicts (the queries only read that attribute);
- an :class:`~recertlib.Outcome` of :func:`~recertlib.evaluate_records` holding either: one
  holding an error (a record that could not be evaluated) matches nothing, since its error is
  for the caller to report.

Each match is a :class:`Match` naming the holder, the credential and why it matched; its
``item`` is the item it came from (the person, say), so that the caller can reach the rest.
Dates are each verdict's own ``as_of``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeAlias

from attrs import frozen

from recertlib.quantities.dates import Date, days_after
from recertlib.results.outcome import Outcome
from recertlib.results.person import PersonVerdict
from recertlib.results.verdict import DatedStep, PathwayResult, Status, Verdict


class HasVerdicts(Protocol):
    """An evaluated person: every credential's verdict from one history."""

    @property
    def verdicts(self) -> Iterable[Verdict]: ...


Evaluated: TypeAlias = (
    Verdict | PersonVerdict | HasVerdicts | Outcome[Verdict] | Outcome[PersonVerdict]
)
"""What the queries and :func:`~recertlib.plan_for` take: a verdict, an evaluated person, or
an outcome of a batch."""


def verdicts_in(items: Iterable[Evaluated]) -> Iterator[tuple[Evaluated, Verdict]]:
    """Every verdict in ``items``, with the item it came from, lazily and in order.

    :raises TypeError: an item is none of a verdict, an evaluated person (an object with
        ``verdicts``) or an :class:`~recertlib.Outcome` of either.
    """
    for item in items:
        evaluated: object = item.value if isinstance(item, Outcome) else item
        if evaluated is None:
            continue  # a record that could not be evaluated: its error is the caller's
        if isinstance(evaluated, Verdict):
            yield item, evaluated
        elif hasattr(evaluated, "verdicts"):
            for verdict in evaluated.verdicts:
                yield item, _checked(verdict, evaluated)
        else:
            raise TypeError(
                "expected a Verdict, an evaluated person (with .verdicts) or an Outcome of"
                f" either, got {type(evaluated).__name__}"
            )


def _checked(verdict: object, item: object) -> Verdict:
    if not isinstance(verdict, Verdict):
        raise TypeError(f"{type(item).__name__} holds a {type(verdict).__name__}, not a Verdict")
    return verdict


def credential_label(verdict: Verdict) -> str:
    """The credential as ``"AAMA CMA"``: its body's code and its own."""
    return f"{verdict.credential.body} {verdict.credential.credential}"


@frozen
class Match:
    """One credential a query matched, and why."""

    holder: str
    """The credential's holder, as the credential names them."""
    credential: str
    """The credential as ``"AAMA CMA"``."""
    verdict: Verdict
    reason: str
    """Why it matched, in a sentence for a person."""
    due_on: Date | None
    """The date the match is about: the expiry or deadline that is due, the expiry of a
    credential no longer usable (its first day for one not yet current), the last day of the
    pathway that can be taken now; ``None`` when there is none."""
    item: object
    """The item the verdict came from: the verdict itself, the person or the outcome."""


def _match_of(item: object, verdict: Verdict, reason: str, due_on: Date | None) -> Match:
    return Match(
        verdict.credential.holder, credential_label(verdict), verdict, reason, due_on, item
    )


def not_usable(items: Iterable[Evaluated]) -> Iterator[Match]:
    """The credentials their holders may not use on the verdict's date: expired (in grace or
    lapsed), kept inactive, or not yet current."""
    for item, verdict in verdicts_in(items):
        if verdict.usable:
            continue
        due_on: Date | None = verdict.expires_on
        if verdict.status is Status.PENDING:
            due_on = verdict.cycle.starts_on
        elif verdict.status is Status.INACTIVE:
            due_on = None
        yield _match_of(item, verdict, f"{verdict.status.value}: {verdict.summary}", due_on)


def due_within(items: Iterable[Evaluated], days: int) -> Iterator[Match]:
    """The credentials with an expiry or a step the holder can still take within ``days`` days
    of the verdict's date, the day ``days`` days away included: one match per credential, for
    its earliest such date, which the reason names first.

    Only what can still be done counts (:meth:`Verdict.due_within
    <recertlib.Verdict.due_within>`): the steps of the pathway to follow, none of a pathway
    that can no longer be completed, and an overdue one only while it can still be met (a
    body's deadline before the expiry it is there to avoid), which then comes first. An expiry
    already past is not "due": :func:`not_usable` finds the credential.

    :raises ValueError: ``days`` is negative.
    """
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError(f"expected a whole number of days, got {days!r}")
    if days < 0:
        raise ValueError(f"expected a number of days from 0, got {days}")
    for item, verdict in verdicts_in(items):
        found = _due(verdict, days)
        if found is not None:
            yield _match_of(item, verdict, found[1], found[0])


def _due(verdict: Verdict, days: int) -> tuple[Date, str] | None:
    as_of = verdict.as_of
    until = days_after(as_of, days)
    dated: list[tuple[Date, str]] = []
    expiry = verdict.expires_on
    if as_of <= expiry <= until and verdict.status is not Status.PENDING:
        dated.append(
            (expiry, f"{verdict.credential_name} expires on {expiry}{_when(expiry, as_of)}")
        )
    dated.extend(
        (step.due_on, _step_reason(pathway, step, as_of))
        for pathway, step in verdict.due_within(days)
    )
    if not dated:
        return None
    first = min(dated, key=lambda entry: entry[0])  # the first of a day: the expiry
    more = len(dated) - 1
    if more:
        return first[0], f"{first[1]}; and {more} more date{'s' if more > 1 else ''}"
    return first


def _step_reason(pathway: PathwayResult, step: DatedStep, as_of: Date) -> str:
    return f"{pathway.name}: {step.label}, {step.due_on}{_when(step.due_on, as_of)}"


def _when(day: Date, as_of: Date) -> str:
    gap = (day - as_of).in_days()
    if gap == 0:
        return " (today)"
    if gap > 0:
        return f" (in {gap} day{'s' if gap > 1 else ''})"
    return f" ({-gap} day{'s' if gap < -1 else ''} ago, overdue)"


def can_recertify_now(items: Iterable[Evaluated]) -> Iterator[Match]:
    """The credentials their holders could recertify on the verdict's date: a pathway is open,
    every requirement of it is met and, for one by exam, the exam is passed. The match names
    the first such pathway in the body's order, what remains to do and its last day."""
    for item, verdict in verdicts_in(items):
        pathway = next((p for p in verdict.pathways if p.can_recertify_now), None)
        if pathway is None:
            continue
        remaining = f"; remaining: {'; '.join(pathway.steps)}" if pathway.steps else ""
        until = f", open through {pathway.closes_on}" if pathway.closes_on else ""
        yield _match_of(
            item,
            verdict,
            f"{pathway.name}{until}: every requirement is met{remaining}",
            pathway.closes_on,
        )
