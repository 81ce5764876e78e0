"""Doing one piece of work for each of many items in worker processes: the same results, in the
same order, on every core.

Items go to the workers in chunks (a chunk is cheaper to send than its items one by one), and
only a few chunks are ever in flight, so memory stays bounded whatever the input's size. Each
worker is given its context (the evaluation date, the registry, what the caller adds) once,
when it starts, and applies the work to each item of each chunk with it.

Where the platform forks (Linux), workers are forked: they start with everything this process
has loaded and built (modules, plugins, compiled rule sets), and the context is inherited rather
than sent. Elsewhere they start as the platform starts processes, and the context is pickled.
What is sent back is what the work returns: the less it is, the less this process spends
unpickling, which is the part that does not scale with the workers.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

CHUNK_SIZE = 64
"""How many items are sent to a worker at a time, by default."""

AHEAD = 2
"""How many chunks each worker may have waiting beyond the one it works on."""

Item = TypeVar("Item")
Result = TypeVar("Result")

_context: Any = None
"""What this process works with, when it is a worker."""


def _start(context: Any) -> None:
    global _context
    _context = context


def _work_on_chunk(work: Callable[[Any, Item], Result], chunk: list[Item]) -> list[Result]:
    return [work(_context, item) for item in chunk]


def start_method() -> BaseContext:
    """How workers are started: forked where the platform can, otherwise its default."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def in_workers(
    work: Callable[[Any, Item], Result],
    items: Iterable[Item],
    context: Any,
    *,
    workers: int,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Result]:
    """``work(context, item)`` for every item, in ``workers`` processes, the results in the
    order of ``items``. ``work`` must be a function of a module (workers find it by name);
    an exception it raises is raised here, when its result's turn comes."""
    pool = ProcessPoolExecutor(
        workers, mp_context=start_method(), initializer=_start, initargs=(context,)
    )
    pending: deque[Future[list[Result]]] = deque()
    iterator = iter(items)
    chunks = iter(lambda: list(itertools.islice(iterator, chunk_size)), [])
    try:
        for chunk in chunks:
            pending.append(pool.submit(_work_on_chunk, work, chunk))
            if len(pending) > workers * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["AHEAD", "CHUNK_SIZE", "in_workers", "start_method"]
