"""An HR export pair read one person at a time: both files checked and spilled, then each
person assembled from all their rows, in the order their id first appears in the people file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.inputs import Activity, Facts, Person, PersonCredential
from recertlib.io.csv_files import Table, read_rows
from recertlib.io.hr.columns import tables
from recertlib.io.hr.rows import ReadRow, activity_row, people_row
from recertlib.io.hr.spill import Spill
from recertlib.io.sources import Readable, source_name
from recertlib.quantities.dates import Date
from recertlib.results import Outcome


def read_hr_export(
    people_csv: Readable,
    activities_csv: Readable,
    *,
    columns: Mapping[str, str] | None = None,
    ignore_columns: Iterable[str] = (),
) -> HrExport:
    """Every person of an HR export pair, one at a time, in the order their id first appears
    in ``people_csv``.

    ``people_csv`` has one row per credential a person holds
    (:data:`~recertlib.io.PEOPLE_COLUMNS`); ``activities_csv`` one row per activity
    (:data:`~recertlib.io.hr.ACTIVITY_COLUMNS`); a person's rows may be anywhere in either
    file. Both are UTF-8 CSV with a header row (a byte order mark before
    it, as spreadsheets write, is allowed); empty cells are left out and blank lines skipped.
    Either may be ``"-"`` (standard input) or an open stream. Person ids are compared exactly,
    once surrounding spaces are trimmed; dates are ``YYYY-MM-DD``; a yes-or-no cell takes
    yes/no, y/n, true/false, t/f or 1/0, without regard to case. ``name`` and ``birth_date``
    are the person's; the other facts are the credential's of the row they are on.

    ``columns`` maps recertlib's column names to the files' headers:
    ``{"person_id": "Employee ID", "certified_on": "Cert Date"}``; a name not mapped is its
    own header. A name may be given for one file only, as ``"activities.person_id"`` or
    ``"people.name"``, which wins over the plain name for that file. Headers are compared
    without regard to case or surrounding spaces. A header neither known nor in
    ``ignore_columns`` is refused, so that a misspelt column is reported rather than ignored.

    What is yielded:

    - each person, as read from all their rows;
    - a person any of whose rows is bad (a bad date, amount, yes/no or id; missing cells; a
      name or birth date that differs between their rows) as one error that names every bad
      line in both files; such a person is not evaluated, since a verdict on part of their
      record would be wrong without saying so;
    - a row without a person id as an error of its own;
    - then, for each person id found in ``activities_csv`` but not in ``people_csv``, one
      error naming every line with it (no activity is dropped silently);
    - then the activity rows without a person id, each an error of its own.

    Both files are read, and every row checked, when the first record is asked for
    (:meth:`~recertlib.io.HrExport.spill` does it at once and counts the people).

    :raises InvalidInput: naming the file: it cannot be read, is empty, is not UTF-8 or not
        CSV, or its header has an unknown, repeated, unnamed or missing column; or naming
        ``columns`` when the mapping is wrong.
    """
    return HrExport(people_csv, activities_csv, columns or {}, ignore_columns)


class HrExport(Iterator[Outcome[Person]]):
    """The people of an HR export pair, as :func:`~recertlib.read_hr_export` reads them: an
    iterator of :class:`~recertlib.Outcome` that spills both files to a temporary SQLite
    database first.

    Close it (or use it in a ``with`` block) to remove the database before it is exhausted.
    """

    def __init__(
        self,
        people_csv: Readable,
        activities_csv: Readable,
        columns: Mapping[str, str],
        ignore_columns: Iterable[str],
    ) -> None:
        self._sources = (people_csv, activities_csv)
        self._tables = tables(
            source_name(people_csv), source_name(activities_csv), columns, ignore_columns
        )
        self._people_count: int | None = None
        self._records: Iterator[Outcome[Person]] | None = None
        self._spill: Spill | None = None

    @property
    def people(self) -> int | None:
        """How many distinct person ids the people CSV has, once it is spilled."""
        return self._people_count

    def spill(self) -> int:
        """Read and check both files into the spill database now, if not yet done; the number
        of distinct person ids in the people CSV (a progress bar's total).

        :raises InvalidInput: as :func:`~recertlib.read_hr_export` says.
        """
        if self._records is None:
            people, activities = self._tables
            self._spill = Spill()
            try:
                self._people_count = self._spill.write(
                    (people_row(row, people) for row in read_rows(self._sources[0], people)),
                    (
                        activity_row(row, activities)
                        for row in read_rows(self._sources[1], activities)
                    ),
                )
            except BaseException:
                self.close()
                raise
            self._records = _assemble(self._spill, people, activities)
        return self._people_count or 0  # 0 once closed before spilling

    def __iter__(self) -> HrExport:
        return self

    def __next__(self) -> Outcome[Person]:
        if self._records is None:
            self.spill()
        assert self._records is not None
        try:
            return next(self._records)
        except StopIteration:
            self.close()
            raise

    def close(self) -> None:
        """Remove the spill database; nothing more is yielded."""
        records = getattr(self, "_records", None)
        close = getattr(records, "close", None)
        if close is not None:
            close()
        self._records = iter(())
        spill = getattr(self, "_spill", None)
        if spill is not None:
            spill.close()
            self._spill = None

    def __enter__(self) -> HrExport:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


def _assemble(spill: Spill, people: Table, activities: Table) -> Iterator[Outcome[Person]]:
    for found in spill.people():
        if isinstance(found, ReadRow):  # a row without a person id
            label = people.where(found.line)
            yield Outcome.failed(label, InvalidInput(found.problems, label))
            continue
        person_id, line = found
        label = f"{people.where(line)} (person {person_id!r})"
        yield _person(spill, person_id, label, people)
    for person_id in spill.orphan_ids():
        problems = []
        first = None
        for row in spill.activity_rows(person_id):
            first = row.line if first is None else first
            problems.append(
                Problem(
                    activities.where(row.line, "person_id"),
                    person_id,
                    f"no person with this id in {people.name}",
                )
            )
            problems += row.problems
        label = f"{activities.where(first or 0)} (person {person_id!r})"
        yield Outcome.failed(label, InvalidInput(problems, label))
    for row in spill.activities_without_id():
        label = activities.where(row.line)
        yield Outcome.failed(label, InvalidInput(row.problems, label))


def _person(spill: Spill, person_id: str, label: str, people: Table) -> Outcome[Person]:
    problems: list[Problem] = []
    credentials: list[PersonCredential] = []
    activities: list[Activity] = []
    given: dict[str, tuple[int, Any]] = {}  # name and birth date: the first line giving each
    for row in spill.people_rows(person_id):
        problems += row.problems
        if isinstance(row.item, PersonCredential):
            credentials.append(row.item)
        for column, value in row.person.items():
            if column not in given:
                given[column] = (row.line, value)
            elif given[column][1] != value:
                first_line, first_value = given[column]
                problems.append(
                    Problem(
                        people.where(row.line, column),
                        str(value),
                        f"differs from line {first_line}: {str(first_value)!r}",
                    )
                )
    for row in spill.activity_rows(person_id):
        problems += row.problems
        if isinstance(row.item, Activity):
            activities.append(row.item)
    if problems:
        return Outcome.failed(label, InvalidInput(problems, label))
    name = given.get("name", (0, ""))[1]
    birth_date: Date | None = given.get("birth_date", (0, None))[1]
    try:
        person = Person(
            person_id,
            name=name,
            facts=Facts(birth_date=birth_date),
            credentials=credentials,
            activities=activities,
        )
    except (TypeError, ValueError) as error:
        return Outcome.failed(label, InvalidInput([Problem("$", MISSING, str(error))], label))
    return Outcome.of(label, person)
