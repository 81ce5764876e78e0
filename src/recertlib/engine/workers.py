"""Evaluating records in worker processes: the same outcomes, in the same order, on every core.

Records go to the workers in chunks (a chunk is cheaper to send than its records one by one),
and only a few chunks are ever in flight, so memory stays bounded whatever the input's size.
Each worker builds its registry once, when it starts, from the one it is given, and evaluates
each chunk exactly as one process would.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from recertlib.inputs import Holder, Person
from recertlib.plugins import Registry
from recertlib.quantities.dates import Date
from recertlib.results import Outcome, PersonVerdict, Verdict

CHUNK_SIZE = 64
"""How many records are sent to a worker at a time, by default."""

AHEAD = 2
"""How many chunks each worker may have waiting beyond the one it evaluates."""

Read = Outcome[Holder] | Outcome[Person]
Evaluated = Outcome[Verdict] | Outcome[PersonVerdict]
Evaluate = Callable[[Iterable[Read], Date, Registry], Iterator[Evaluated]]

_worker: tuple[Evaluate, Date, Registry] | None = None
"""What this process evaluates with, when it is a worker."""


def _start(evaluate: Evaluate, on: Date, registry: Registry) -> None:
    global _worker
    _worker = (evaluate, on, registry)


def _evaluate_chunk(chunk: list[Read]) -> list[Evaluated]:
    assert _worker is not None, "not started as a worker"
    evaluate, on, registry = _worker
    return list(evaluate(chunk, on, registry))


def in_workers(
    records: Iterable[Read],
    on: Date,
    registry: Registry,
    workers: int,
    chunk_size: int,
    evaluate: Evaluate,
) -> Iterator[Evaluated]:
    """``evaluate`` over ``records`` in ``workers`` processes, the outcomes in input order."""
    pool = ProcessPoolExecutor(workers, initializer=_start, initargs=(evaluate, on, registry))
    pending: deque[Future[list[Evaluated]]] = deque()
    iterator = iter(records)
    chunks = iter(lambda: list(itertools.islice(iterator, chunk_size)), [])
    try:
        for chunk in chunks:
            pending.append(pool.submit(_evaluate_chunk, chunk))
            if len(pending) > workers * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["AHEAD", "CHUNK_SIZE", "in_workers"]
