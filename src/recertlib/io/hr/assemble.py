"""Each person of an HR export pair made from all their rows, wherever the rows were gathered
(the spill of two files, or one partition of two shuffled data frames): the person's own cells
checked to agree across their rows, each credential and activity read by the rows' readers,
and the records that are no person (a row without an id, activities of an unknown id) made
into the errors that say so."""

from __future__ import annotations

from typing import Any

from recertlib.errors import InvalidInput, Problem
from recertlib.inputs import Activity, Facts, Person, PersonCredential
from recertlib.io.checked import Prechecked
from recertlib.io.csv_files import MAX_CELL_CHARS, Table
from recertlib.io.hr.located import Sources
from recertlib.io.hr.mapping import HrMapping
from recertlib.io.hr.rows import RowReader
from recertlib.io.hr.spill import Row, SpilledPerson, line_of
from recertlib.results import Outcome


def row_reader(
    table: Table,
    positions: dict[str, int],
    width: int,
    mapping: HrMapping,
    *,
    people: bool,
) -> RowReader:
    """The reader of the rows of one table of the pair, whose header puts each known column at
    ``positions`` among ``width`` cells, laid out as ``mapping`` says."""
    file = "people" if people else "activities"
    kept = tuple(mapping.keep) if people else ()
    return RowReader(table, positions, width, mapping.value_maps(file), kept)


class Assembler:
    """Makes the records of one export pair from their rows: ``tables`` the people's and the
    activities', ``readers`` the reader of each (:func:`row_reader`)."""

    def __init__(self, tables: tuple[Table, Table], readers: tuple[RowReader, RowReader]):
        self.tables = tables
        self.readers = readers

    def person(self, found: SpilledPerson) -> tuple[Outcome[Person], Sources | None]:
        """The person of every row of ``found``, or one error naming every bad row in both
        tables (a verdict on part of a record would be wrong without saying so); with where
        the person's credentials and activities are, to say their errors of the rows
        (``None`` for a person who could not be read)."""
        people = self.tables[0]
        people_reader, activity_reader = self.readers
        label = f"{people.where(found.line)} (person {found.person_id!r})"
        problems: list[Problem] = []
        credentials: list[PersonCredential] = []
        credential_lines: list[int] = []
        given: dict[str, tuple[int, Any]] = {}  # the person's own cells: the first line of each
        for record in found.people:
            row = people_reader.person_row(record, found.person_id)
            if row.problems:
                problems += row.problems
            if isinstance(row.item, PersonCredential):
                credentials.append(row.item)
                credential_lines.append(row.line)
            for column, value in row.person.items():
                if column not in given:
                    given[column] = (row.line, value)
                elif given[column][1] != value:
                    first_line, first_value = given[column]
                    problems.append(
                        Problem(
                            people.where(row.line, column),
                            str(value),
                            f"differs from {people.place(first_line)}: {str(first_value)!r}",
                        )
                    )
        # Rows short in all have no cell too long: the fast path need not look.
        short = found.length <= MAX_CELL_CHARS
        fast = activity_reader.short_activity if short else activity_reader.fast_activity
        activities: list[Activity | None] = list(map(fast, found.activities))
        if not all(activities):  # some row is not well formed: the slow path says why
            for index, spilled in enumerate(found.activities):
                if activities[index] is None:
                    row = activity_reader.activity(spilled, found.person_id)
                    problems += row.problems
                    if isinstance(row.item, Activity):
                        activities[index] = row.item
        if problems:
            return Outcome.failed(label, InvalidInput(problems, label)), None
        # Every value is checked already, as Person and Facts would check it.
        person = _make_person(
            found.person_id,
            given.pop("name", (0, ""))[1],
            _make_facts(given.pop("birth_date", (0, None))[1], None, None, None, None, ()),
            tuple(credentials),
            tuple(activities),
            {column: value for column, (_, value) in sorted(given.items())},
        )
        sources = Sources(
            label,
            self.tables,
            found.line,
            tuple(credential_lines),
            found.activities,  # each made an activity, in order
            people_reader.columns,
        )
        return Outcome.of(label, person), sources

    def people_row_without_id(self, row: Row) -> Outcome[Person]:
        """The error of a people row without a person id, naming whatever else is wrong."""
        read = self.readers[0].person_row(row, None)
        label = self.tables[0].where(read.line)
        return Outcome.failed(label, InvalidInput(read.problems, label))

    def orphan(self, person_id: str, rows: list[Row]) -> Outcome[Person]:
        """The error of the activity rows of ``person_id``, whom the people table lacks: each
        row named (no activity is dropped silently), with whatever else is wrong with it."""
        people, activities = self.tables
        problems = []
        for record in rows:
            problems.append(
                Problem(
                    activities.where(line_of(record), "person_id"),
                    person_id,
                    f"no person with this id in {people.name}",
                )
            )
            problems += self.readers[1].activity(record, person_id).problems
        label = f"{activities.where(line_of(rows[0]))} (person {person_id!r})"
        return Outcome.failed(label, InvalidInput(problems, label))

    def activity_without_id(self, row: Row) -> Outcome[Person]:
        """The error of an activity row without a person id, naming whatever else is
        wrong."""
        read = self.readers[1].activity(row, None)
        label = self.tables[1].where(read.line)
        return Outcome.failed(label, InvalidInput(read.problems, label))


_make_person = Prechecked(Person).make
_make_facts = Prechecked(Facts).make


__all__ = ["Assembler", "row_reader"]
