"""Evaluating records on many machines with Dask: a bag of records in, a bag of outcomes out,
each outcome the one a single process gives.

Needs the ``dask`` extra (``pip install 'recertlib[dask]'``), on the client and on every
worker, with the same plugins installed everywhere. ``import recertlib`` never imports Dask.

What a bag may hold, element by element (one partition may mix them):

- a line of JSON Lines text with the path of its file, as
  ``dask.bag.read_text(..., include_path=True)`` gives it (:func:`read_lines` does that for
  you): labelled ``PATH line N``, as :func:`~recertlib.read_records` labels the file's records;
- a line of JSON Lines text alone, as ``dask.bag.read_text`` gives it: labelled
  ``partition P line N``, ``P`` the bag's partition (from 0) and ``N`` the line within it
  (from 1);
- a ``(label, record)`` pair, ``record`` a mapping (parsed JSON): labelled ``label``, your own
  id for the record;
- anything else, a record's parsed JSON (a mapping): labelled ``partition P record N``.

Each label is followed, as in one process, by the holder's name or the person's id. Lines are
read exactly as :func:`~recertlib.read_records` reads a JSON Lines file, by the same code: a
line that is not UTF-8 or not JSON, or a record that cannot be read, is an error outcome
naming it, and the other records are still evaluated; what would make
:func:`~recertlib.read_records` raise for a whole file (its first line is not UTF-8, it holds
only blank lines) is one error outcome labelled with the file, as ``recertlib check`` reports
it.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from attrs import frozen

try:
    import dask.bag
except ImportError as missing:
    raise ImportError(
        "recertlib.dask needs Dask, which recertlib installs only with its dask extra:"
        " pip install 'recertlib[dask]'"
    ) from missing

from recertlib.engine import evaluate_records
from recertlib.engine.credential import checked_evaluation_date
from recertlib.errors import InvalidInput, RecertlibError
from recertlib.inputs import Holder, Person
from recertlib.io import RecordKind, outcomes_json, read_json_lines, record_reader
from recertlib.io.sources import numbered_lines
from recertlib.plugins import PluginSettings, Registry
from recertlib.quantities.dates import Date
from recertlib.results import Outcome, PersonVerdict, Verdict

if TYPE_CHECKING:
    import datetime

Bag: TypeAlias = dask.bag.Bag
"""A Dask bag (:class:`dask.bag.Bag`)."""

Evaluated = Outcome[Verdict] | Outcome[PersonVerdict]
"""One record evaluated: a holder's verdict, a person's verdicts, or the error that kept the
record from either."""

_Read = Outcome[Holder] | Outcome[Person]


class PluginsDiffer(RecertlibError):
    """A worker loaded other plugins (or other versions of them) than the client did, so its
    outcomes could differ from one process's: install the same plugins on every worker."""

    def __init__(self, worker: str, found: Mapping[str, str], expected: Mapping[str, str]):
        self.worker = worker
        self.found = dict(found)
        self.expected = dict(expected)
        super().__init__(
            f"worker {worker} loaded the plugins {_named(found)}, but the client loaded"
            f" {_named(expected)}: install the same plugins, at the same versions, on every"
            " worker"
        )


def _named(plugins: Mapping[str, str]) -> str:
    return "{" + ", ".join(sorted(plugins.values())) + "}" if plugins else "{} (none)"


@frozen
class PluginChoice:
    """Which installed plugins each worker loads, and the plugins (with their versions) the
    client loaded with the same settings, which each worker must match."""

    settings: PluginSettings
    expected: tuple[tuple[str, str], ...]
    """Each plugin's name and origin (distribution and version), as
    :attr:`~recertlib.Registry.plugins` gives them, in the client."""

    def registry(self) -> Registry:
        """A registry built with this choice from the entry points of this process."""
        return self.settings.registry()


def plugin_choice(
    *,
    allow: Iterable[str] | None = None,
    deny: Iterable[str] | None = None,
    prefer: Iterable[str] | None = None,
    strict: bool | None = None,
) -> PluginChoice:
    """The choice of plugins made here, in the client, and what it loads here.

    Each argument left out is taken from this process's environment, as
    :func:`~recertlib.default_registry` takes it (:data:`~recertlib.plugins.PLUGINS_ENV`,
    :data:`~recertlib.plugins.PLUGINS_DENY_ENV`, :data:`~recertlib.plugins.PREFER_ENV`,
    :data:`~recertlib.plugins.STRICT_ENV`, :data:`~recertlib.plugins.DISABLE_AUTOLOAD_ENV`),
    so that the workers load what one process here would, whatever their own environment.

    :raises PluginError: ``allow`` names a plugin not installed here; in strict mode, a plugin
        failed to load here.
    """
    environment = PluginSettings.from_environment()
    settings = PluginSettings(
        allow=environment.allow if allow is None else tuple(allow),
        deny=environment.deny if deny is None else tuple(deny),
        prefer=environment.prefer if prefer is None else tuple(prefer),
        strict=environment.strict if strict is None else strict,
    )
    return PluginChoice(settings, tuple(sorted(settings.registry().plugins.items())))


_registries: dict[PluginChoice, Registry] = {}
_registries_lock = threading.Lock()


def worker_registry(choice: PluginChoice) -> Registry:
    """The registry this process evaluates with for ``choice``: built from the entry points
    the first time a partition asks for it in this process, then kept for every later
    partition (never built per record).

    :raises PluginsDiffer: the plugins loaded here are not those the client loaded.
    """
    with _registries_lock:
        registry = _registries.get(choice)
        if registry is None:
            registry = choice.registry()
            expected = dict(choice.expected)
            if registry.plugins != expected:
                worker = f"{socket.gethostname()} (process {os.getpid()})"
                raise PluginsDiffer(worker, registry.plugins, expected)
            _registries[choice] = registry
        return registry


@frozen
class _Evaluation:
    """What every partition is evaluated with, sent to the workers once per task."""

    on: Date
    kind: RecordKind
    plugins: PluginChoice
    as_json: bool


def evaluate_bag(
    bag: Bag,
    *,
    as_of: datetime.date | str | None = None,
    tz: str | None = None,
    kind: RecordKind = "record",
    plugins: PluginChoice | None = None,
    as_json: bool = False,
) -> Bag:
    """Every record of ``bag`` evaluated on one date, on whichever scheduler computes the
    result (a :class:`distributed.Client`'s cluster, or Dask's local schedulers).

    Lazy: nothing is read or evaluated until the bag that is returned is computed (or written,
    with :meth:`dask.bag.Bag.to_textfiles`). Each partition's outcomes come in its records'
    order, in a partition of the same number.

    :param bag: records as the module's introduction lists them: lines of JSON Lines (with
        their paths, best), parsed records, or ``(label, record)`` pairs.
    :param as_of: as for :func:`~recertlib.evaluate_records`; taken here, once, so that every
        worker speaks of one day.
    :param tz: as for :func:`~recertlib.evaluate_records`.
    :param kind: what each record is read as (:data:`~recertlib.io.RecordKind`): by default a
        holder or a person, as :func:`~recertlib.read_records` tells them apart.
    :param plugins: which plugins the workers load (:func:`plugin_choice`); by default, what
        :func:`~recertlib.default_registry` loads in this process.
    :param as_json: give, instead of :class:`~recertlib.Outcome` objects, one line of JSON per
        credential evaluated (a person's record gives one per credential they hold), each as
        ``recertlib check --json`` prints an outcome (:func:`~recertlib.io.outcomes_json`): a
        bag for :meth:`~dask.bag.Bag.to_textfiles`.
    :returns: a bag of :class:`~recertlib.Outcome` of :class:`~recertlib.Verdict` or
        :class:`~recertlib.PersonVerdict`, one per record; or, with ``as_json``, of strings.
    :raises InvalidInput: ``as_of`` or ``tz`` is not a date or a zone.
    :raises ValueError: ``kind`` is not a :data:`~recertlib.io.RecordKind`.
    :raises PluginsDiffer: when computed, a worker loaded other plugins than this process.
    """
    record_reader(kind)  # refuses an unknown kind here rather than on every worker
    evaluation = _Evaluation(
        checked_evaluation_date(as_of, tz, "evaluate_bag"),
        kind,
        plugin_choice() if plugins is None else plugins,
        as_json,
    )
    # Each partition is told its number by a bag of its numbers partitioned alike. Dask's
    # bag functions carry no annotations: what they return is typed here.
    count = bag.npartitions
    numbers: Bag = dask.bag.range(count, npartitions=count)  # type: ignore[no-untyped-call]
    evaluated: Bag = bag.map_partitions(  # type: ignore[no-untyped-call]
        _evaluate_partition, numbers, evaluation, token="recertlib-evaluate"
    )
    return evaluated


def _evaluate_partition(
    elements: Iterable[Any], number: Sequence[int], evaluation: _Evaluation
) -> list[Evaluated] | list[str]:
    """One partition's records evaluated in this process, with its registry
    (:func:`worker_registry`). ``number`` holds the partition's number alone."""
    [partition] = number
    registry = worker_registry(evaluation.plugins)
    records = records_of_partition(elements, partition, evaluation.kind)
    outcomes = evaluate_records(records, as_of=evaluation.on, registry=registry)
    if not evaluation.as_json:
        return list(outcomes)
    return [json.dumps(found) for evaluated in outcomes for found in outcomes_json(evaluated)]


_Source = tuple[Literal["lines"], str] | tuple[Literal["data"], None]


def _source(element: Any, partition: int) -> _Source:
    if isinstance(element, str):
        return ("lines", f"partition {partition}")
    if _is_line_of_file(element):
        return ("lines", element[1])
    return ("data", None)


def _is_line_of_file(element: Any) -> bool:
    return (
        type(element) is tuple
        and len(element) == 2
        and isinstance(element[0], str)
        and isinstance(element[1], str)
    )


def records_of_partition(
    elements: Iterable[Any], partition: int, kind: RecordKind = "record"
) -> Iterator[_Read]:
    """The records of partition number ``partition`` of a bag, each read (or refused) and
    labelled as the module's introduction says: a run of lines of one file (or of the
    partition) as :func:`~recertlib.io.read_json_lines` reads them, each other element as a
    record of ``kind``."""
    read = record_reader(kind)
    counted = itertools.count(1)
    for (source, name), run in itertools.groupby(elements, lambda e: _source(e, partition)):
        if source == "lines":
            assert name is not None
            yield from _lines(run, name, kind)
            continue
        for element in run:
            number = next(counted)
            if _is_labelled(element):
                label, data = element
                yield read(data, label)
            else:
                yield read(element, f"partition {partition} record {number}")


def _is_labelled(element: Any) -> bool:
    return (
        type(element) is tuple
        and len(element) == 2
        and isinstance(element[0], str)
        and isinstance(element[1], Mapping)
    )


def _lines(run: Iterable[Any], name: str, kind: RecordKind) -> Iterator[_Read]:
    # Back to the bytes of the file (read_lines reads with surrogateescape), so that a line
    # that is not UTF-8 is refused as in one process, by the same code.
    raw = (
        (element if isinstance(element, str) else element[0]).encode("utf-8", "surrogateescape")
        for element in run
    )
    try:
        yield from read_json_lines(numbered_lines(raw, name), name, kind=kind)
    except InvalidInput as error:
        yield Outcome.failed(error.record or name, error)


def read_lines(
    urlpath: str | Sequence[str],
    *,
    files_per_partition: int | None = None,
    storage_options: Mapping[str, Any] | None = None,
) -> Bag:
    """The lines of JSON Lines files, each with its file's path, for :func:`evaluate_bag`:
    ``dask.bag.read_text`` with what recertlib needs to label and read each line as in one
    process. Each file is read whole by one task (never cut in blocks, which would number
    its lines again from 1), as UTF-8 (a line that is not is an error outcome, not a failed
    computation).

    :param urlpath: a path, a glob (``"data/part-*.jsonl"``) or a list of them, or URLs of any
        file system :mod:`fsspec` knows (``s3://...``).
    :param files_per_partition: files read by one task; by default one.
    :param storage_options: for the file system, as ``dask.bag.read_text`` takes them.
    """
    lines: Bag = dask.bag.read_text(  # type: ignore[no-untyped-call]
        urlpath,
        encoding="utf-8",
        errors="surrogateescape",
        include_path=True,
        # Only a line feed ends a line, as in read_records: not a lone carriage return.
        linedelimiter="\n",
        files_per_partition=files_per_partition,
        storage_options=dict(storage_options or {}),
    )
    return lines


__all__ = [
    "Evaluated",
    "PluginChoice",
    "PluginsDiffer",
    "evaluate_bag",
    "plugin_choice",
    "read_lines",
    "records_of_partition",
    "worker_registry",
]
