"""Doing one piece of work for each of many items in worker processes: the same results, in the
same order, on every core.

Items go to the workers in chunks (a chunk is cheaper to send than its items one by one), and
only a few chunks are ever in flight, so memory stays bounded whatever the input's size. Each
worker is given its context (the evaluation date, the registry, what the caller adds) once,
when it starts, and applies the work to each item of each chunk with it.

On Linux, workers are forked: they start with everything this process
has loaded and built (modules, plugins, compiled rule sets), and the context is inherited rather
than sent. Elsewhere they start as the platform starts processes, and the context is pickled.
What is sent back is what the work returns: the less it is, the less this process spends
unpickling, which is the part that does not scale with the workers. Where results hold objects
of the items they were made from (a verdict holds its holder's activities), those objects are
not sent back but named, and the results hold the very objects this process sent, as they do
when one process does the work; that halves what a verdict costs to send and to receive.
"""

from __future__ import annotations

import io
import itertools
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the process machinery is imported when workers are asked for, not before
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

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


Shared = Callable[[Item], Iterable[object]]
"""The objects of an item that its result may hold, in an order that is the same for the item
and for its copy in a worker."""


def _work_on_chunk(
    work: Callable[[Any, Item], Result], chunk: list[Item], shared: Shared[Item] | None
) -> list[Result] | bytes:
    results = [work(_context, item) for item in chunk]
    if shared is None:
        return results
    return _pickled(results, _objects(chunk, shared))


def _objects(chunk: list[Item], shared: Shared[Item]) -> list[object]:
    return [thing for item in chunk for thing in shared(item)]


def _pickled(results: list[Result], objects: Sequence[object]) -> bytes:
    ids = {id(thing): index for index, thing in enumerate(objects)}
    data = io.BytesIO()
    pickler = pickle.Pickler(data, pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = lambda thing: ids.get(id(thing))  # type: ignore[method-assign]
    pickler.dump(results)
    return data.getvalue()


def _unpickled(data: bytes, objects: Sequence[object]) -> Any:
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = objects.__getitem__  # type: ignore[method-assign]
    return unpickler.load()


def start_method() -> BaseContext:
    """How workers are started: forked on Linux (Python 3.14 would start them from a server
    process, which pickles the context); elsewhere as the platform starts processes (macOS
    stopped forking by default since its system libraries may not survive it)."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def in_workers(
    work: Callable[[Any, Item], Result],
    items: Iterable[Item],
    context: Any,
    *,
    workers: int,
    chunk_size: int = CHUNK_SIZE,
    shared: Shared[Item] | None = None,
) -> Iterator[Result]:
    """``work(context, item)`` for every item, in ``workers`` processes, the results in the
    order of ``items``. ``work`` (and ``shared``) must be functions of a module (workers find
    them by name); an exception ``work`` raises is raised here, when its result's turn comes.

    :param shared: the objects of an item that its result may hold: they come back as the
        objects of ``items`` themselves rather than as copies.
    """
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        workers, mp_context=start_method(), initializer=_start, initargs=(context,)
    )
    pending: deque[tuple[Future[list[Result] | bytes], list[Item]]] = deque()

    def results() -> list[Result]:
        future, chunk = pending.popleft()
        done = future.result()
        if isinstance(done, bytes):
            assert shared is not None
            found: list[Result] = _unpickled(done, _objects(chunk, shared))
            return found
        return done

    iterator = iter(items)
    chunks = iter(lambda: list(itertools.islice(iterator, chunk_size)), [])
    try:
        for chunk in chunks:
            pending.append((pool.submit(_work_on_chunk, work, chunk, shared), chunk))
            if len(pending) > workers * AHEAD:
                yield from results()
        while pending:
            yield from results()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["AHEAD", "CHUNK_SIZE", "Shared", "in_workers", "start_method"]
