"""An HR export pair read one person at a time: both files spilled, then each person assembled
from all their rows, in the order their id first appears in the people file; and, for those
who want it, each person evaluated with any error said of the files' lines and columns.
"""

from __future__ import annotations

import datetime
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType

from recertlib.engine import evaluate_records
from recertlib.engine.credential import checked_evaluation_date
from recertlib.engine.workers import CHUNK_SIZE
from recertlib.inputs import Person
from recertlib.io.csv_files import CsvRecords, PlainLines, Table, csv_records
from recertlib.io.hr.assemble import Assembler, row_reader
from recertlib.io.hr.located import Sources
from recertlib.io.hr.mapping import HrMapping, Target, hr_mapping, tables
from recertlib.io.hr.rows import RowReader
from recertlib.io.hr.spill import (
    ACTIVITIES,
    CELL,
    PEOPLE,
    Spill,
    SpilledPerson,
    encode_all,
    encode_plain,
)
from recertlib.io.progress import REPORT_EVERY, Progress, ProgressCallback, Stage
from recertlib.io.sources import Readable, source_name
from recertlib.plugins import Registry
from recertlib.results import Outcome, PersonVerdict


def read_hr_export(
    people_csv: Readable,
    activities_csv: Readable,
    *,
    mapping: HrMapping | str | os.PathLike[str] | None = None,
    columns: Mapping[str, str] | None = None,
    ignore_columns: Iterable[str] = (),
    values: Mapping[str, Mapping[str, Target]] | None = None,
    keep: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
) -> HrExport:
    """Every person of an HR export pair, one at a time, in the order their id first appears
    in ``people_csv``.

    ``people_csv`` has one row per credential a person holds
    (:data:`~recertlib.io.PEOPLE_COLUMNS`); ``activities_csv`` one row per activity
    (:data:`~recertlib.io.hr.ACTIVITY_COLUMNS`); a person's rows may be anywhere in either
    file. Both are UTF-8 CSV with a header row (a byte order mark before it, as spreadsheets
    write, is allowed; lines may end in CRLF or LF); empty cells are left out and blank lines
    skipped. Either may be ``"-"`` (standard input) or an open stream. Person ids are compared
    exactly, once surrounding spaces are trimmed; dates are ``YYYY-MM-DD``; a yes-or-no cell
    takes yes/no, y/n, true/false, t/f or 1/0, without regard to case. ``name``,
    ``birth_date`` and the kept columns are the person's; the other facts are the credential's
    of the row they are on.

    How the files are laid out is the ``mapping``'s to say (:class:`~recertlib.io.HrMapping`,
    or the path of a TOML file that :func:`~recertlib.io.read_hr_mapping` reads); ``columns``,
    ``ignore_columns``, ``values`` and ``keep`` say the same parts here, and win over the
    mapping's:

    - ``columns`` maps recertlib's column names to the files' headers:
      ``{"person_id": "Employee ID", "certified_on": "Cert Date"}``; a name not mapped is its
      own header. A name may be given for one file only, as ``"activities.person_id"`` or
      ``"people.name"``, which wins over the plain name for that file. Headers are compared
      without regard to case or surrounding spaces. A header neither known, kept nor in
      ``ignore_columns`` is refused, so that a misspelt column is reported rather than
      ignored.
    - ``values`` maps a column's codes to what they stand for:
      ``{"unit": {"Hours": "contact_hour"}, "credential": {"CMA": {"body": "AAMA",
      "credential": "CMA"}}}`` (:attr:`HrMapping.values <recertlib.io.HrMapping.values>`). A
      value no map covers is an error naming the file, the line, the column and the value.
    - ``keep`` names columns of the people file to carry through, as
      :attr:`Person.attributes <recertlib.Person.attributes>`: ``{"manager": "Manager"}``.

    What is yielded:

    - each person, as read from all their rows;
    - a person any of whose rows is bad (a bad date, amount, yes/no or id; missing cells; a
      value no map covers; a name, birth date or kept value that differs between their rows)
      as one error that names every bad line in both files; such a person is not evaluated,
      since a verdict on part of their record would be wrong without saying so;
    - a row without a person id as an error of its own;
    - then, for each person id found in ``activities_csv`` but not in ``people_csv``, one
      error naming every line with it (no activity is dropped silently);
    - then the activity rows without a person id, each an error of its own.

    Both files are read into the spill when the first record is asked for
    (:meth:`~recertlib.io.HrExport.spill` does it at once and counts the people).
    ``progress`` is called as the files are spilled and as each person is read
    (:mod:`recertlib.io.progress`).

    :raises InvalidInput: naming the file: it cannot be read, is empty, is not UTF-8 or not
        CSV, or its header has an unknown, repeated, unnamed or missing column; or naming the
        mapping when it is wrong.
    """
    found = hr_mapping(
        mapping, columns=columns, values=values, keep=keep, ignore_columns=ignore_columns
    )
    return HrExport(people_csv, activities_csv, found, progress=progress)


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
        mapping: HrMapping,
        *,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.mapping = mapping
        """How the files are laid out."""
        self._sources = (people_csv, activities_csv)
        self._names = (source_name(people_csv), source_name(activities_csv))
        self._tables = tables(self._names[0], self._names[1], mapping)
        self._progress = progress
        self._people_count: int | None = None
        self._records: Iterator[Outcome[Person]] | None = None
        self._spill: Spill | None = None
        self._readers: tuple[RowReader, RowReader] | None = None
        self._last: Sources | None = None

    @property
    def people(self) -> int | None:
        """How many distinct person ids the people CSV has, once it is spilled."""
        return self._people_count

    @property
    def name(self) -> str:
        """The pair, as ``people.csv + activities.csv``."""
        return " + ".join(self._names)

    def spill(self) -> int:
        """Read both files into the spill database now, if not yet done; the number of
        distinct person ids in the people CSV (a progress bar's total).

        :raises InvalidInput: as :func:`~recertlib.read_hr_export` says.
        """
        if self._records is None:
            self._spill = Spill()
            try:
                people = self._write(self._sources[0], self._tables[0], people=True)
                self._spill.people_written()
                activities = self._write(self._sources[1], self._tables[1], people=False)
                self._readers = (people, activities)
                self._report(Stage.INDEXING, 0, None, "", self.name)
                self._people_count = self._spill.index()
            except BaseException:
                self.close()
                raise
            self._records = self._assemble(self._spill)
        return self._people_count or 0  # 0 once closed before spilling

    def _write(self, source: Readable, table: Table, *, people: bool) -> RowReader:
        with csv_records(source, table) as records:
            at = records.positions["person_id"]
            size = records.size
            spill = self._spill
            assert spill is not None
            mark = PEOPLE if people else ACTIVITIES
            done = -1
            for chunk in records.plain_chunks(REPORT_EVERY, CELL):
                if isinstance(chunk, PlainLines):
                    spill.write(encode_plain(mark, chunk, at))
                else:
                    spill.write(encode_all(mark, chunk, at))
                done = records.position
                self._report(Stage.SPILLING, done, size, "bytes", table.name)
            if done != (size or records.position):  # the end, said once
                self._report(Stage.SPILLING, size or records.position, size, "bytes", table.name)
            return self._reader(records, table, people=people)

    def _reader(self, records: CsvRecords, table: Table, *, people: bool) -> RowReader:
        return row_reader(table, records.positions, records.width, self.mapping, people=people)

    def _report(self, stage: Stage, done: int, total: int | None, unit: str, source: str) -> None:
        if self._progress is not None:
            self._progress(Progress(stage, done, total, unit, source))

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

    def evaluate(
        self,
        *,
        as_of: datetime.date | str | None = None,
        registry: Registry | None = None,
        tz: str | None = None,
        progress: ProgressCallback | None = None,
        workers: int = 1,
        chunk_size: int = CHUNK_SIZE,
    ) -> Iterator[Outcome[PersonVerdict]]:
        """Every person evaluated on one date, lazily and in order, as
        :func:`~recertlib.evaluate_records` evaluates them (in ``workers`` processes, sent
        ``chunk_size`` people at a time), with every error of a credential said of the files:
        a :class:`~recertlib.MissingFact` or a bad value names the line and the column (as the
        file spells its header) that give it, or would.

        ``progress`` is called as each person is evaluated (after the spill, which the
        reader's own ``progress`` reports).

        :raises InvalidInput: as :func:`~recertlib.read_hr_export` says, or ``as_of`` or
            ``tz`` is not a date or a zone.
        """
        on = checked_evaluation_date(as_of, tz, "HrExport.evaluate")
        total = self.spill()
        # Where each person read is in the files, until their outcome comes back: as far as
        # the evaluation runs behind the reading, and no further.
        pending: deque[Sources | None] = deque()

        def read() -> Iterator[Outcome[Person]]:
            for record, sources in self.sourced():
                pending.append(sources)
                yield record

        evaluated_all = evaluate_records(
            read(),
            as_of=on,
            registry=registry,
            workers=workers,
            chunk_size=chunk_size,
        )
        for done, evaluated in enumerate(evaluated_all, start=1):
            if progress is not None:
                progress(Progress(Stage.EVALUATING, done, total, "people", self.name))
            sources = pending.popleft()
            yield evaluated if sources is None else sources.locate(evaluated)

    def sourced(self) -> Iterator[tuple[Outcome[Person], Sources | None]]:
        """Each person read, as iterating over the export gives them, with where the record
        is in the files (``None`` for a record that could not be read): its
        :meth:`~recertlib.io.hr.located.Sources.locate` says the errors of the person's
        outcome, evaluated anywhere (in a worker process: it pickles), of the files' lines and
        columns."""
        for record in self:
            yield record, self._last

    def locate(self, evaluated: Outcome[PersonVerdict]) -> Outcome[PersonVerdict]:
        """``evaluated``, the outcome of the person this export read last, with each
        credential's :class:`~recertlib.InvalidInput` (a :class:`~recertlib.MissingFact` among
        them) said of the files' lines and columns, and labelled with the person's record and
        the credential; the outcome of any other record is returned as it is.
        (:meth:`evaluate` locates every outcome, however far the evaluation runs behind.)"""
        sources = self._last
        if sources is None or sources.label != evaluated.label:
            return evaluated
        return sources.locate(evaluated)

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

    # --- assembling people --------------------------------------------------------------------

    def _assemble(self, spill: Spill) -> Iterator[Outcome[Person]]:
        assert self._readers is not None
        assembler = Assembler(self._tables, self._readers)
        for read, found in enumerate(spill.people(), start=1):
            self._last = None
            if isinstance(found, SpilledPerson):
                person, self._last = assembler.person(found)
            else:  # a row without a person id
                person = assembler.people_row_without_id(found)
            if self._progress is not None:
                self._report(Stage.READING, read, self._people_count, "people", self.name)
            yield person
        self._last = None
        for person_id, records in spill.orphans():
            yield assembler.orphan(person_id, records)
        for spilled in spill.activities_without_id():
            yield assembler.activity_without_id(spilled)


__all__ = ["HrExport", "read_hr_export"]
