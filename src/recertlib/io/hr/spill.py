"""The spill: both files of an HR export pair, row by row, in a temporary SQLite database on
disk, so that a person's rows can be gathered wherever they are in the files while memory holds
one person at a time.

Each row is kept as one text (:func:`encode`): which file it is from and its line, then its
cells as the file has them. Once both files are in, one index sorts every row by person id,
file and line (SQLite sorts on disk, in bounded memory) and the people are listed in the order
each id first appears in the people file; the database then hands back all the rows of one
person at once, so that the work per row in Python is only to split them again. What the cells
mean is read afterwards, one person at a time (:mod:`recertlib.io.hr.rows`).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from recertlib.io.csv_files import PlainLines

Row = str
"""One row of a file, as spilled (:func:`encode`): its head (which file, which line) and its
cells in one text. :func:`line_of` reads its line, :func:`cells_of` its cells."""

PEOPLE = "1"
"""The mark of a row of the people file: its head's first digit, which sorts before
:data:`ACTIVITIES`'."""
ACTIVITIES = "2"
"""The mark of a row of the activities file."""

CELL = "\x1f"
"""What stands between a spilled row's head and its cells, and between its cells."""
_ROW = "\x1e"  # between the rows of one person
_ESCAPED = "\x1d"  # before the cells of a row that holds one of these, written as JSON
# A head is the file's mark, then the line in twelve digits (any file there is): the number
# file * LINES + line, so that heads sort as the files' lines do.
LINES = 10**12
"""How many line numbers a row's head holds (from 0): a row's line is below it."""
_LINES = LINES
_HEAD = 13
MAX_ID_CHARS = 10_000
"""The longest person id taken out of its row: a longer one stays, for the reader to refuse
(:data:`~recertlib.io.csv_files.MAX_CELL_CHARS`)."""
_ROWS_A_STATEMENT = 256  # two values a row: far below SQLite's limit on values a statement
_INSERT_MANY = "INSERT INTO row (id, row) VALUES " + ", ".join(["(?, ?)"] * _ROWS_A_STATEMENT)


def encode(file: str, line: int, cells: list[str]) -> Row:
    """A row as one text: its file's mark and line, then its cells, joined by a separator no
    cell holds; or, for a row whose cells hold one of the separators, its cells as JSON after a
    mark."""
    joined = CELL.join(cells)
    if joined.count(CELL) != len(cells) - 1 or _ROW in joined or _ESCAPED in joined:
        joined = _ESCAPED + json.dumps(cells)
    return f"{int(file) * _LINES + line}{CELL}{joined}"


def encode_all(
    file: str, records: list[tuple[int, list[str]]], at: int
) -> list[tuple[str | None, Row]]:
    """Rows of ``file``, each as its person id (the cell at ``at``, stripped; ``None`` when
    empty) and the row as :func:`encode` writes it, with its id cell left empty: the id is
    the database's to keep, and the reader's to put back (:func:`cells_of`). The separators are
    looked for in all the rows at once, and a row is encoded on its own only when some cell
    holds one."""
    ids = [(cells[at].strip() or None) if at < len(cells) else None for _, cells in records]
    for (_, cells), found in zip(records, ids, strict=True):
        if found is not None and len(found) <= MAX_ID_CHARS:
            cells[at] = ""
    join, base = CELL.join, int(file) * _LINES
    rows = [
        (found, join((str(base + line), *cells)))
        for found, (line, cells) in zip(ids, records, strict=True)
    ]
    whole = "".join(map(itemgetter(1), rows))
    count = sum(map(len, map(itemgetter(1), records)))
    longest = records[-1][0] if records else 0  # lines come in order
    if whole.count(CELL) != count or _ROW in whole or _ESCAPED in whole or longest >= _LINES:
        rows = [
            (pid, encode(file, line, found))
            for (pid, _), (line, found) in zip(rows, records, strict=True)
        ]
    return rows


def encode_plain(file: str, plain: PlainLines, at: int) -> list[tuple[str | None, Row]]:
    """Lines of ``file``, each one record whose cells :data:`CELL` separates
    (:meth:`~recertlib.io.csv_files.CsvRecords.plain_chunks` gives them so), as
    :func:`encode_all` encodes records: with the person id first in each row, each row is cut
    where its first cell ends rather than split; blank lines are left out."""
    text = plain.text
    if at != 0 or _ROW in text or _ESCAPED in text:
        lines = text.split("\n")[:-1]
        records = [
            (line, found.split(CELL))
            for line, found in enumerate(lines, start=plain.first)
            if found.replace(CELL, "").strip()  # a blank line is no record
        ]
        return encode_all(file, records, at)
    rows = text.split("\n")
    rows.pop()  # after the last line's end
    found: list[tuple[str | None, Row]] = []
    append = found.append
    head = int(file) * _LINES + plain.first
    for row in rows:
        end = row.find(CELL)
        person_id = (row if end < 0 else row[:end]).strip()
        if person_id and len(person_id) <= MAX_ID_CHARS:
            # The id cell left empty: the database keeps the id (see encode_all).
            append((person_id, f"{head}{CELL}{row[end:] if end >= 0 else ''}"))
        elif row.replace(CELL, "").strip():  # a blank line is no record
            append((person_id or None, f"{head}{CELL}{row}"))
        head += 1
    return found


def cells_of(row: Row, person_id: str | None = None, at: int = 0) -> list[str]:
    """A spilled row's head, then its cells, with ``person_id`` put back in its cell (the
    cell at ``at``) when it is given."""
    found = row.split(CELL)
    if len(found) == 2 and found[1].startswith(_ESCAPED):
        found = [found[0], *json.loads(found[1][1:])]
    if person_id is not None and at + 1 < len(found) and not found[at + 1]:
        found[at + 1] = person_id
    return found


def line_of(row: Row) -> int:
    """The line a spilled row starts on."""
    return int(row[:_HEAD]) % _LINES


def head_of(row: Row) -> int:
    """A spilled row's file and line as one number, ``file * LINES + line``, which orders
    rows as the files' lines are ordered, the people file's first."""
    return int(row[:_HEAD])


class SpilledPerson(NamedTuple):
    """One person id of the people file with every row of theirs, each file's in the order of
    its lines. (A tuple: one is made for every person.)"""

    person_id: str
    line: int
    """The line the id first appears on in the people file."""
    people: list[Row]
    activities: list[Row]
    length: int
    """How long all their rows are, in characters: no cell of theirs is longer."""


class Spill:
    """A temporary database of the rows of one export pair; :meth:`close` removes it."""

    def __init__(self) -> None:
        self._directory = tempfile.TemporaryDirectory(prefix="recertlib-")
        self.directory = Path(self._directory.name)
        """Where the database is, until :meth:`close`."""
        # Used by one thread at a time, though not always the one that made it.
        self._database = sqlite3.connect(
            Path(self._directory.name, "spill.db"), check_same_thread=False
        )
        self._database.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA temp_store = FILE;
            PRAGMA cache_size = -8192;
            PRAGMA page_size = 16384;
            CREATE TABLE row (id TEXT, row TEXT);
            CREATE TABLE person (seq INTEGER PRIMARY KEY, id TEXT, line INTEGER, row TEXT);
            """
        )
        self._rows = self._people_rows = 0  # written: in all, and of the people file
        self._gathered = 0  # activity rows handed out with their person

    def write(self, chunk: list[tuple[str | None, Row]]) -> None:
        """Rows of either file, in the file's order, as (person id, encoded row); a row
        without an id has ``None``. The people file's rows come first."""
        self._rows += len(chunk)
        with self._database as database:
            # Many rows a statement: SQLite binds them at C speed.
            whole = len(chunk) - len(chunk) % _ROWS_A_STATEMENT
            for start in range(0, whole, _ROWS_A_STATEMENT):
                rows = chunk[start : start + _ROWS_A_STATEMENT]
                database.execute(_INSERT_MANY, list(chain.from_iterable(rows)))
            database.executemany("INSERT INTO row (id, row) VALUES (?, ?)", chunk[whole:])

    def people_written(self) -> None:
        """Say that the people file is written: the rows after are the activities'."""
        self._people_rows = self._rows

    def index(self) -> int:
        """Sort every row by person id, file and line, and list the people in the order each
        id first appears in the people file (a people row without an id in its place), once
        both files are written; the number of distinct person ids in the people file."""
        with self._database as database:
            # It holds the rows themselves, so that a person's rows are read where they lie.
            database.execute("CREATE INDEX row_by_person ON row (id, row)")
            # The people file's rows are the first rows written: only they are read here.
            database.execute(
                f"""INSERT INTO person (id, line, row)
                    SELECT id, line, row FROM (
                      SELECT id, min(rowid) AS first,
                             CAST(substr(min(row), 1, {_HEAD}) AS INTEGER) % {_LINES} AS line,
                             NULL AS row
                      FROM row WHERE rowid <= ?1 AND id IS NOT NULL GROUP BY id
                      UNION ALL
                      SELECT NULL, rowid, NULL, row FROM row WHERE rowid <= ?1 AND id IS NULL
                    ) ORDER BY first""",
                (self._people_rows,),
            )
            database.execute("CREATE UNIQUE INDEX person_by_id ON person (id)")
        self._activity_rows = self._rows - self._people_rows
        count: int = self._database.execute("SELECT count(id) FROM person").fetchone()[0]
        return count

    def people(self) -> Iterator[SpilledPerson | Row]:
        """Each person id of the people file with all their rows, in the order each id first
        appears; a people row without an id in its place."""
        # SQLite reads the index in its order: by id, then file and line (the head).
        cursor = self._database.execute(
            """SELECT p.id, p.line, p.row,
                 (SELECT group_concat(r.row, char(30)) FROM row AS r WHERE r.id = p.id)
               FROM person AS p ORDER BY p.seq"""
        )
        starts = _ROW + ACTIVITIES
        for person_id, line, row, rows in cursor:
            if person_id is None:
                yield row
                continue
            split = rows.find(starts)
            if split < 0:
                people, activities = rows.split(_ROW), []
            else:
                people = rows[:split].split(_ROW)
                activities = rows[split + 1 :].split(_ROW)
                self._gathered += len(activities)
            if len(people) > 1 and people != sorted(people):
                # The order of a person's credentials is their priority: it must be the file's.
                people.sort(key=line_of)
            yield SpilledPerson(person_id, line, people, activities, len(rows))

    def orphans(self) -> Iterator[tuple[str, list[Row]]]:
        """The person ids of activities whose person is not in the people file, with their
        rows, in the order each id first appears (once :meth:`people` has been read: when it
        gathered every activity row with an id, there are none to look for)."""
        if self._gathered == self._activity_rows - self._without_id():
            return
        cursor = self._database.execute(
            """SELECT r.id, min(r.rowid) AS first,
                 (SELECT group_concat(row, char(30))
                  FROM (SELECT o.row FROM row AS o WHERE o.id = r.id ORDER BY o.row))
               FROM row AS r
               WHERE r.id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM person AS p WHERE p.id = r.id)
               GROUP BY r.id ORDER BY first"""
        )
        for person_id, _, rows in cursor:
            yield person_id, rows.split(_ROW)

    def _without_id(self) -> int:
        found: int = self._database.execute(
            "SELECT count(*) FROM row WHERE id IS NULL AND rowid > ?", (self._people_rows,)
        ).fetchone()[0]
        return found

    def activities_without_id(self) -> Iterator[Row]:
        """The activity rows without a person id, in order."""
        cursor = self._database.execute(
            "SELECT row FROM row WHERE id IS NULL AND rowid > ? ORDER BY rowid",
            (self._people_rows,),
        )
        for (row,) in cursor:
            yield row

    def close(self) -> None:
        """Remove the database."""
        self._database.close()
        self._directory.cleanup()
