"""The spill: both files of an HR export pair, row by row, in a temporary SQLite database on
disk, indexed by person id, so that a person's rows can be gathered wherever they are in the
files while memory holds one person at a time."""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from recertlib.errors import MISSING, Problem
from recertlib.io.hr.rows import ReadRow

_BATCH = 1000
"""Rows written to the database per statement."""


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
            CREATE TABLE person (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, line INTEGER, row BLOB);
            CREATE TABLE people_row (seq INTEGER PRIMARY KEY, id TEXT, row BLOB);
            CREATE TABLE activity_row (seq INTEGER PRIMARY KEY, id TEXT, row BLOB);
            """
        )

    def write(self, people: Iterable[ReadRow], activities: Iterable[ReadRow]) -> int:
        """Write every row of both files, in order; the number of distinct person ids."""
        database = self._database
        with database:
            for chunk in _chunks((row.person_id, row.line, _dump(row)) for row in people):
                # A person's first row, or a row without an id, is a record of its own.
                database.executemany(
                    "INSERT OR IGNORE INTO person (id, line, row) VALUES (?, ?, ?)",
                    [(pid, line, None if pid else row) for pid, line, row in chunk],
                )
                database.executemany(
                    "INSERT INTO people_row (id, row) VALUES (?, ?)",
                    [(pid, row) for pid, _, row in chunk if pid is not None],
                )
            for chunk in _chunks((row.person_id, row.line, _dump(row)) for row in activities):
                database.executemany(
                    "INSERT INTO activity_row (id, row) VALUES (?, ?)",
                    [(pid, row) for pid, _, row in chunk],
                )
            database.execute("CREATE INDEX people_row_id ON people_row (id)")
            database.execute("CREATE INDEX activity_row_id ON activity_row (id)")
        count: int = database.execute("SELECT count(id) FROM person").fetchone()[0]
        return count

    def people(self) -> Iterator[tuple[str, int] | ReadRow]:
        """Each person id with the line it first appears on, in that order; a people row
        without an id in its place, as it was read."""
        cursor = self._database.execute("SELECT id, line, row FROM person ORDER BY seq")
        for person_id, line, row in cursor:
            yield (person_id, line) if person_id is not None else _load(row)

    def people_rows(self, person_id: str) -> Iterator[ReadRow]:
        """The people rows of ``person_id``, in order."""
        return self._rows("people_row", person_id)

    def activity_rows(self, person_id: str) -> Iterator[ReadRow]:
        """The activity rows of ``person_id``, in order."""
        return self._rows("activity_row", person_id)

    def _rows(self, table: str, person_id: str) -> Iterator[ReadRow]:
        query = f"SELECT row FROM {table} WHERE id = ? ORDER BY seq"
        for (row,) in self._database.execute(query, (person_id,)):
            yield _load(row)

    def orphan_ids(self) -> Iterator[str]:
        """The person ids of activities whose person is not in the people file, in the order
        each first appears."""
        cursor = self._database.execute(
            """SELECT id FROM activity_row AS a
               WHERE id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person AS p WHERE p.id = a.id)
               GROUP BY id ORDER BY min(seq)"""
        )
        for (person_id,) in cursor:
            yield person_id

    def activities_without_id(self) -> Iterator[ReadRow]:
        """The activity rows without a person id, in order."""
        cursor = self._database.execute(
            "SELECT row FROM activity_row WHERE id IS NULL ORDER BY seq"
        )
        for (row,) in cursor:
            yield _load(row)

    def close(self) -> None:
        """Remove the database."""
        self._database.close()
        self._directory.cleanup()


_Spilled = tuple[str | None, int, bytes]  # person id, line, the row pickled


def _chunks(rows: Iterable[_Spilled]) -> Iterator[list[_Spilled]]:
    chunk: list[_Spilled] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= _BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# MISSING is a sentinel compared by identity, which pickling would not keep.
_FrozenProblem = tuple[str, bool, Any, str]


def _dump(row: ReadRow) -> bytes:
    frozen: list[_FrozenProblem] = [
        (p.path, p.value is MISSING, None if p.value is MISSING else p.value, p.message)
        for p in row.problems
    ]
    return pickle.dumps((row.person_id, row.line, row.person, row.item, frozen))


def _load(data: bytes) -> ReadRow:
    # Written by this process, just now.
    person_id, line, person, item, frozen = pickle.loads(data)
    problems = [
        Problem(path, MISSING if missing else value, message)
        for path, missing, value, message in frozen
    ]
    return ReadRow(person_id, line, person, item, problems)
