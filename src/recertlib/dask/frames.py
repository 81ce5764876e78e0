"""Evaluating an HR export pair held in two Dask DataFrames: the people table (one row per
credential a person holds) and the activities table (one row per activity), each person
gathered from their rows in every partition of both, read by the code that reads the pair's
CSV files (:func:`~recertlib.read_hr_export`), evaluated on a worker, and given back in the order
:func:`~recertlib.read_hr_export` gives them.

Needs the ``dask`` extra (which brings ``dask[dataframe]``, and so pandas) on the client and on
every worker; ``import recertlib.dask`` alone does not import pandas.

A row is named by its table, its partition (from 0) and its place in the partition (from 1):
``people partition 2 row 17`` is ``people.partitions[2].compute().iloc[16]``. A data frame has
no lines of a file to name, and its index need not tell rows apart (``read_csv`` numbers each
partition's rows from 0 again); with ``dask.dataframe.read_csv(..., blocksize=None)`` each file
is one partition, and row ``R`` of partition ``P`` is line ``R + 1`` of the ``P``-th file in
the order of their names.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from attrs import frozen

try:
    import dask.dataframe as dd
    import pandas as pd
except ImportError as missing:
    raise ImportError(
        "recertlib.dask.frames needs Dask's data frames, which recertlib installs only with its"
        " dask extra: pip install 'recertlib[dask]'"
    ) from missing

from recertlib.dask import Bag, PluginChoice, plugin_choice, worker_registry
from recertlib.engine import evaluate_records
from recertlib.engine.credential import checked_evaluation_date
from recertlib.errors import InvalidInput, Problem
from recertlib.inputs import Person
from recertlib.io import outcomes_json
from recertlib.io.csv_files import Table, header_positions
from recertlib.io.hr.assemble import Assembler, row_reader
from recertlib.io.hr.located import Sources
from recertlib.io.hr.mapping import HrMapping, Target, hr_mapping, tables
from recertlib.io.hr.spill import ACTIVITIES, LINES, PEOPLE, SpilledPerson, encode_all, head_of
from recertlib.results import Outcome

if TYPE_CHECKING:
    import datetime
    import os

SHUFFLE_METHOD = "tasks"
"""How the rows are shuffled (Dask's ``shuffle_method``): the task-based shuffle, which any
scheduler runs. Dask's peer-to-peer shuffle, which its documentation recommends on a
``distributed`` cluster for large data, cannot be followed by a conversion to a bag, which the
outcomes need: the computation fails in its transfer phase
(`dask/dask#11825 <https://github.com/dask/dask/issues/11825>`_)."""

# What each orders: a person (or a people row without an id) by their first people row, whose
# head is PEOPLE * LINES + line; the activities of an unknown id by their first row, whose head
# is ACTIVITIES * LINES + line; an activity row without an id after all of those.
_ORPHANS = int(ACTIVITIES) * LINES
_WITHOUT_ID = _ORPHANS + LINES

_ROWS_META = pd.DataFrame(
    {
        "id": pd.Series([], dtype=object),
        "key": pd.Series([], dtype=object),
        "row": pd.Series([], dtype=object),
    }
)
_OUTCOMES_META = pd.DataFrame(
    {"order": pd.Series([], dtype="int64"), "outcome": pd.Series([], dtype=object)}
)


@frozen
class _Layout:
    """How both tables are read, sent to the workers with every partition."""

    tables: tuple[Table, Table]
    positions: tuple[Mapping[str, int], Mapping[str, int]]
    widths: tuple[int, int]
    mapping: HrMapping

    def assembler(self) -> Assembler:
        readers = (
            row_reader(
                self.tables[0], dict(self.positions[0]), self.widths[0], self.mapping, people=True
            ),
            row_reader(
                self.tables[1], dict(self.positions[1]), self.widths[1], self.mapping, people=False
            ),
        )
        return Assembler(self.tables, readers)


@frozen
class _Evaluation:
    """What every partition of people is evaluated with."""

    on: datetime.date
    plugins: PluginChoice
    as_json: bool
    layout: _Layout


def evaluate_hr_frames(
    people: dd.DataFrame,
    activities: dd.DataFrame,
    *,
    as_of: datetime.date | str | None = None,
    tz: str | None = None,
    mapping: HrMapping | str | os.PathLike[str] | None = None,
    columns: Mapping[str, str] | None = None,
    ignore_columns: Iterable[str] = (),
    values: Mapping[str, Mapping[str, Target]] | None = None,
    keep: Mapping[str, str] | None = None,
    names: tuple[str, str] = ("people", "activities"),
    plugins: PluginChoice | None = None,
    as_json: bool = False,
    ordered: bool = True,
) -> Bag:
    """Every person of an HR export pair held in two data frames, evaluated on one date on
    whichever scheduler computes the result, each outcome the one
    :meth:`read_hr_export(...).evaluate(...) <recertlib.io.HrExport.evaluate>` gives for the
    same rows written as CSV files, but for the naming of rows (the module's introduction).

    Lazy: the frames' columns are checked now; nothing else is read until the bag that is
    returned is computed. Each table's rows are shuffled on the person id, so that a person's
    rows, wherever they are in either frame, meet in one partition, where they are read and
    the person evaluated; then, unless ``ordered`` is false, the outcomes are sorted into the
    order the file reader gives.

    :param people: the people table (:data:`~recertlib.io.PEOPLE_COLUMNS`), its cells text:
        read it with ``dtype=str`` (and ``keep_default_na=False``, else pandas reads cells
        such as ``NA`` or ``null`` as empty).
    :param activities: the activities table (:data:`~recertlib.io.hr.ACTIVITY_COLUMNS`), the
        same way.
    :param as_of: as for :func:`~recertlib.evaluate_records`; taken here, once.
    :param tz: as for :func:`~recertlib.evaluate_records`.
    :param mapping: how the tables are laid out, and ``columns``, ``ignore_columns``,
        ``values`` and ``keep`` beside it, exactly as :func:`~recertlib.read_hr_export` takes
        them; the frames' column names are its headers.
    :param names: what the errors call the two tables.
    :param plugins: which plugins the workers load (:func:`~recertlib.dask.plugin_choice`);
        by default, what :func:`~recertlib.default_registry` loads in this process.
    :param as_json: give, instead of :class:`~recertlib.Outcome` objects, one line of JSON per
        credential evaluated, as ``recertlib check --json`` prints an outcome
        (:func:`~recertlib.io.outcomes_json`).
    :param ordered: sort the outcomes into the file reader's order: each person (or people
        row without an id) by their first row in ``people``, in the order of its partitions
        and of the rows in each, a partition of outcomes for each partition of ``people``;
        then the activities of each id ``people`` lacks, by their first row in
        ``activities``; then the activity rows without an id. Without it the sort, a second
        shuffle, is left out, and each partition of outcomes holds the people of one
        partition of shuffled rows, in that order.
    :returns: a bag of :class:`~recertlib.Outcome` of :class:`~recertlib.PersonVerdict`, one
        per person or other record, as the file reader yields them; or, with ``as_json``, of
        strings.
    :raises InvalidInput: naming a table: its column names have an unknown, repeated,
        unnamed or missing column (as a file's header), or a column read is not text; naming
        the mapping when it is wrong; or ``as_of`` or ``tz`` is not a date or a zone.
    :raises ValueError: when computed, a partition holds more rows than a row's number can
        say (``10**12`` numbers shared among the table's partitions: a billion rows in each
        of a thousand partitions).
    :raises PluginsDiffer: when computed, a worker loaded other plugins than this process.
    """
    on = checked_evaluation_date(as_of, tz, "evaluate_hr_frames")
    found = hr_mapping(
        mapping, columns=columns, values=values, keep=keep, ignore_columns=ignore_columns
    )
    frames = (people, activities)
    sizes = (_rows_per_partition(people), _rows_per_partition(activities))
    people_table, activity_table = tables(names[0], names[1], found, sizes)
    positions = (
        _checked_columns(people, people_table),
        _checked_columns(activities, activity_table),
    )
    layout = _Layout(
        (people_table, activity_table),
        positions,
        (len(people.columns), len(activities.columns)),
        found,
    )
    evaluation = _Evaluation(on, plugin_choice() if plugins is None else plugins, as_json, layout)
    # Dask's data frame functions carry no annotations: what they return is typed here.
    rows: dd.DataFrame = dd.concat(  # type: ignore[no-untyped-call]
        [
            frame.map_partitions(  # type: ignore[no-untyped-call]
                _spilled_rows,
                mark,
                at["person_id"],
                size,
                meta=_ROWS_META,
                token=f"recertlib-{table.name}-rows",
            )
            for frame, mark, at, size, table in zip(
                frames,
                (PEOPLE, ACTIVITIES),
                positions,
                sizes,
                layout.tables,
                strict=True,
            )
        ]
    )
    gathered = rows.shuffle(on="key", shuffle_method=SHUFFLE_METHOD)
    outcomes = gathered.map_partitions(
        _evaluate_partition, evaluation, meta=_OUTCOMES_META, token="recertlib-evaluate-people"
    )
    if ordered:
        outcomes = outcomes.set_index(
            "order",
            divisions=_divisions(people.npartitions, activities.npartitions, sizes),
            sorted=False,
            shuffle_method=SHUFFLE_METHOD,
        )
    evaluated: Bag = outcomes["outcome"].to_bag()
    if as_json:
        lines: Bag = evaluated.flatten()  # type: ignore[no-untyped-call]
        return lines
    return evaluated


def _rows_per_partition(frame: dd.DataFrame) -> int:
    """How a row's number says its partition: the line numbers of a spilled row shared out
    among the frame's partitions."""
    partitions: int = frame.npartitions
    return LINES // max(partitions, 1)


def _checked_columns(frame: dd.DataFrame, table: Table) -> dict[str, int]:
    """Where each of recertlib's columns is among the frame's columns, checked as a file's
    header is; and each of those columns is text."""
    names = [str(name) for name in frame.columns]
    positions = header_positions(names, table, "header")
    problems = []
    for at in positions.values():
        dtype = frame.dtypes.iloc[at]
        if not pd.api.types.is_string_dtype(dtype):  # text, or objects (read as text)
            problems.append(
                Problem(
                    f"header, column {at + 1}",
                    names[at],
                    f"holds {dtype}, not text: read the table with dtype=str",
                )
            )
    if problems:
        raise InvalidInput(problems, table.name)
    return positions


def _divisions(people: int, activities: int, sizes: tuple[int, int]) -> tuple[int, ...]:
    """Where each partition of sorted outcomes starts: one for each partition of people, then
    for each partition of activities one for the unknown ids first met there, then one for the
    rows without an id there."""
    starts = [int(PEOPLE) * LINES + partition * sizes[0] for partition in range(people)]
    for base in (_ORPHANS, _WITHOUT_ID):
        starts += [base + partition * sizes[1] for partition in range(activities)]
    return (*starts, _WITHOUT_ID + activities * sizes[1])


def _spilled_rows(
    frame: pd.DataFrame,
    mark: str,
    at: int,
    rows_per_partition: int,
    partition_info: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One partition's rows as the spill keeps a file's
    (:func:`~recertlib.io.hr.spill.encode_all`), each numbered
    ``partition * rows_per_partition + row``, with its person id and the key it is shuffled on
    (:func:`_key`). A row whose every cell is empty is skipped, as a blank line is."""
    partition = 0 if partition_info is None else int(partition_info["number"])
    if len(frame) >= rows_per_partition:
        raise ValueError(
            f"partition {partition} has {len(frame)} rows, but a row's number can say at most"
            f" {rows_per_partition - 1} in each of the table's partitions: repartition it"
        )
    base = partition * rows_per_partition
    cells = frame.astype(object).where(frame.notna(), "").to_numpy().tolist()
    records = [
        (base + number, [cell if isinstance(cell, str) else str(cell) for cell in row])
        for number, row in enumerate(cells, start=1)
    ]
    records = [(line, row) for line, row in records if "".join(row).strip()]
    encoded = encode_all(mark, records, at)
    return pd.DataFrame(
        {
            "id": pd.Series([person_id for person_id, _ in encoded], dtype=object),
            "key": pd.Series([_key(person_id, row) for person_id, row in encoded], dtype=object),
            "row": pd.Series([row for _, row in encoded], dtype=object),
        }
    )


def _key(person_id: str | None, row: str) -> str:
    """What a row is shuffled on: its person's id; for a row without one, its own number, so
    that such rows are spread among the partitions (each is a record of its own)."""
    return str(head_of(row)) if person_id is None else person_id


def _evaluate_partition(frame: pd.DataFrame, evaluation: _Evaluation) -> pd.DataFrame:
    """The people of one partition of shuffled rows, each read from all their rows and
    evaluated in this process, with the number that orders their outcomes."""
    registry = worker_registry(evaluation.plugins)
    records = sorted(_records(frame, evaluation.layout.assembler()), key=itemgetter(0))
    outcomes = evaluate_records(
        (record for _, record, _ in records), as_of=evaluation.on, registry=registry
    )
    found: list[Any] = []
    for (_, _, sources), evaluated in zip(records, outcomes, strict=True):
        located = evaluated if sources is None else sources.locate(evaluated)
        if evaluation.as_json:
            found.append(tuple(json.dumps(item) for item in outcomes_json(located)))
        else:
            found.append(located)
    return pd.DataFrame(
        {
            "order": pd.Series([order for order, _, _ in records], dtype="int64"),
            "outcome": pd.Series(found, dtype=object),
        }
    )


def _records(
    frame: pd.DataFrame, assembler: Assembler
) -> Iterator[tuple[int, Outcome[Person], Sources | None]]:
    """Each record of the rows of ``frame``, as the file reader makes it, with the number that
    orders it."""
    with_id: list[tuple[str, str]] = []
    for person_id, row in zip(frame["id"].tolist(), frame["row"].tolist(), strict=True):
        if isinstance(person_id, str):
            with_id.append((person_id, row))
        elif row.startswith(PEOPLE):
            yield head_of(row), assembler.people_row_without_id(row), None
        else:
            yield _WITHOUT_ID - _ORPHANS + head_of(row), assembler.activity_without_id(row), None
    # By id, then file and line: a person's people rows first, each table's in its order.
    with_id.sort()
    for person_id, group in itertools.groupby(with_id, key=itemgetter(0)):
        rows = [row for _, row in group]
        people = [row for row in rows if row.startswith(PEOPLE)]
        activities = rows[len(people) :]
        if not people:
            yield head_of(activities[0]), assembler.orphan(person_id, activities), None
            continue
        length = sum(map(len, rows)) + len(rows) - 1
        spilled = SpilledPerson(person_id, head_of(people[0]) % LINES, people, activities, length)
        person, sources = assembler.person(spilled)
        yield head_of(people[0]), person, sources


__all__ = ["SHUFFLE_METHOD", "evaluate_hr_frames"]
