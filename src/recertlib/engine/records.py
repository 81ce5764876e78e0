"""Evaluating many records, one after another: each record's outcome in order, one bad record
never stopping the others."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import overload

import attrs

from recertlib.engine.credential import checked_evaluation_date, evaluate_with_spec
from recertlib.engine.person import evaluate_person
from recertlib.engine.workers import CHUNK_SIZE, in_workers
from recertlib.errors import InvalidInput, RecertlibError
from recertlib.inputs import Holder, Person
from recertlib.plugins import Registry, default_registry
from recertlib.quantities.dates import Date
from recertlib.results import Outcome, PersonVerdict, Verdict


@overload
def evaluate_records(
    records: Iterable[Outcome[Holder]],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
    workers: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Outcome[Verdict]]: ...


@overload
def evaluate_records(
    records: Iterable[Outcome[Person]],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
    workers: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Outcome[PersonVerdict]]: ...


@overload
def evaluate_records(
    records: Iterable[Outcome[Holder] | Outcome[Person]],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
    workers: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Outcome[Verdict] | Outcome[PersonVerdict]]: ...


def evaluate_records(
    records: Iterable[Outcome[Holder] | Outcome[Person]],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
    tz: str | None = None,
    workers: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Outcome[Verdict] | Outcome[PersonVerdict]]:
    """Every record evaluated on one date, lazily and in order: for a holder record, the
    credential's :class:`~recertlib.Verdict`; for a person, a :class:`~recertlib.PersonVerdict`
    (whose credentials each have their own outcome); for a record that could not be read, its
    error again.

    An error in one record (bad data, a credential no plugin provides, rules silent on its
    dates) is yielded in its place, naming the record, and never stops the others.

    :param records: outcomes of reading, as :func:`~recertlib.read_records` yields them.
    :param as_of: as for :func:`~recertlib.evaluate`; today (in ``tz``) when omitted, taken
        once, so that a batch that runs past midnight speaks of one day.
    :param workers: how many processes evaluate (``1``: this one). With more, records are sent
        to worker processes ``chunk_size`` at a time, at most two chunks per worker ahead of
        the outcomes read, so that memory stays bounded however many records come; the
        outcomes are the same, in the same order. Each worker loads the plugins through their
        entry points, as ``registry`` was built (:meth:`~recertlib.Registry.from_entry_points`
        or :func:`~recertlib.default_registry`); a registry of plugin objects can be sent to
        workers only where processes are forked (Linux).
    :raises InvalidInput: ``as_of`` or ``tz`` is not a date or a zone (when the first outcome
        is asked for).
    :raises ValueError: ``workers`` or ``chunk_size`` is less than 1.
    """
    if workers < 1 or chunk_size < 1:
        raise ValueError(f"workers and chunk_size must be at least 1, not {workers}, {chunk_size}")
    on = checked_evaluation_date(as_of, tz, "evaluate_records")
    rules = registry or default_registry()
    if workers > 1:
        context = (on, rules)
        yield from in_workers(
            _in_worker, records, context, workers=workers, chunk_size=chunk_size, shared=_inputs
        )
        return
    for record in records:
        yield evaluate_record(record, on, rules)


def _in_worker(
    context: tuple[Date, Registry], record: Outcome[Holder] | Outcome[Person]
) -> Outcome[Verdict] | Outcome[PersonVerdict]:
    on, rules = context
    return evaluate_record(record, on, rules)


def _inputs(record: Outcome[Holder] | Outcome[Person]) -> Iterator[object]:
    """The record read and the parts of it that its outcome holds (its credentials, its
    activities): a worker's outcome comes back holding the record's own objects, as it does
    when evaluated in this process, and they cost nothing to send back."""
    read = record.value
    if read is None:
        return
    yield read
    for field in attrs.fields(type(read)):
        value = getattr(read, field.name)
        if isinstance(value, tuple):
            yield from (part for part in value if attrs.has(type(part)))
        elif attrs.has(type(value)):
            yield value


def evaluate_record(
    record: Outcome[Holder] | Outcome[Person], on: Date, rules: Registry
) -> Outcome[Verdict] | Outcome[PersonVerdict]:
    """One record evaluated on ``on``, as :func:`evaluate_records` evaluates each: a bad
    record's error in its place, labelled with the record."""
    read = record.value
    if read is None:
        assert record.error is not None
        return Outcome.failed(record.label, record.error)
    if isinstance(read, Person):
        return Outcome.of(record.label, evaluate_person(read, as_of=on, registry=rules))
    return _holder(record.label, read, on, rules)


def _holder(
    label: str, holder: Holder, on: Date, rules: Registry
) -> Outcome[Verdict] | Outcome[PersonVerdict]:
    credential = holder.credential
    try:
        spec = rules.get(credential.body, credential.credential)
        verdict = evaluate_with_spec(
            spec,
            credential,
            holder.activities,
            as_of=on,
            origin=rules.origin_of(spec),
            compiled=rules.compiled(spec),
        )
    except InvalidInput as error:
        return Outcome.failed(label, error.in_record(label))
    except RecertlibError as error:
        return Outcome.failed(label, error)
    return Outcome.of(label, verdict)


__all__ = ["evaluate_record", "evaluate_records"]
