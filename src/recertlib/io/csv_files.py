"""CSV files with a header row, as every CSV reader of recertlib reads them: UTF-8 (a byte order
mark before the header allowed), streamed one row at a time, the header checked against the
known columns, and each row given as its non-empty cells by column, with every problem of its
shape named by line and column.

What the cells mean is the caller's to say: :mod:`~recertlib.io.activities_csv` makes
activities of them, :mod:`~recertlib.io.hr` people and their credentials.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from typing import IO, Any, NamedTuple

from attrs import frozen

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.io.sources import STDIN, Readable, numbered_lines, opened, text_lines
from recertlib.io.text import csv_error, decode

MAX_CELL_CHARS = 10_000
"""The longest CSV cell read, in characters: a title or a certificate number is far shorter.
A longer cell is reported by its line and column and not repeated. (The csv module's own limit,
131,072 characters, is left as it is, since it is global to the process; a cell beyond it ends
the reading with an error naming its line.)"""

LIST_SEPARATOR = ";"
"""What separates the items of a cell that holds a list (``AAMA;NHA``)."""


@frozen
class Table:
    """How one CSV file's columns are named: recertlib's name for each column, with the header
    it has in the file, and how a problem in the file says where it is."""

    name: str
    """The file, as problems name it."""
    headers: Mapping[str, str]
    """recertlib's name of each known column, with its header in the file."""
    required: Sequence[str] = ()
    """The columns the header must have."""
    ignored: frozenset[str] = frozenset()
    """Headers (folded) to skip rather than refuse as unknown."""
    file_in_location: bool = False
    """Whether a location names the file (when problems of two files are reported together)."""
    provided: frozenset[str] = frozenset()
    """Columns another column's values stand for (a credential code that names the body too):
    the header must not have them, and a required one is not missing."""

    rows_per_partition: int = 0
    """For a table that is no file but a partitioned data frame (:mod:`recertlib.dask.frames`),
    how a row's number (the ``line`` of :meth:`where`) says its partition and its place in it:
    ``partition * rows_per_partition + row``; 0 for a file, whose rows are its lines."""

    def place(self, line: int) -> str:
        """A row's place: ``line 3`` in a file, ``partition 2 row 3`` in a data frame
        (:attr:`rows_per_partition`)."""
        if not self.rows_per_partition:
            return f"line {line}"
        partition, row = divmod(line, self.rows_per_partition)
        return f"partition {partition} row {row}"

    def where(self, line: int, column: str | None = None) -> str:
        """Where a problem is: ``line 3``, or ``line 3, column 'Cert Date'`` for a column,
        after the file's name when :attr:`file_in_location` (:meth:`place` says the row)."""
        place = self.place(line)
        where = f"{self.name} {place}" if self.file_in_location else place
        return where if column is None else f"{where}, column {self.headers[column]!r}"


@frozen
class Row:
    """One row of a CSV file: its line, its non-empty cells (stripped) by recertlib's column
    names, and what is wrong with its shape."""

    line: int
    cells: dict[str, str]
    problems: list[Problem]
    columns: frozenset[str]
    """The known columns the file's header has."""


class PlainLines(NamedTuple):
    """Lines of a CSV file, each one record, their cells as the file has them between a
    separator (:meth:`CsvRecords.plain_chunks`)."""

    first: int
    """The line of the first."""
    text: str
    """The lines, each ended by ``"\\n"``, a blank line among them too."""


_QUOTED_LINES = re.compile(r'(?:"[^"\n]*"\n)*')
"""Lines whose every cell is quoted, none holding a quote or a line break (once the quotes
and the comma between two cells are made one separator)."""


def split_list(cell: str) -> list[str]:
    """The items of a cell that holds a list, without blanks: ``"AAMA; NHA"`` is two."""
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


class CsvRecords:
    """The records of one CSV file after its header, as the csv module splits them: each with
    the line it starts on and its cells as they are (not stripped), blank lines skipped.

    Made by :func:`csv_records`, which reads the header first: :attr:`positions` says where
    each known column is.
    """

    def __init__(
        self,
        stream: IO[Any],
        table: Table,
        source: Readable,
        header_problems: list[Problem] | None,
    ) -> None:
        self.table = table
        self._source = source
        self._stream = stream
        self._text: io.TextIOWrapper | None = None
        self._source_lines = self._lines()
        self._reader = csv.reader(self._source_lines)
        self._line_base = 0  # lines read past the reader: its line_num counts from there
        self._next_line = 1
        self._records = self._read(self._reader)
        self.positions: dict[str, int] = {}
        """Where each known column of the header is, from 0."""
        self.width = 0
        """How many cells the header has."""
        try:
            self._start(header_problems)
        except BaseException:
            self.close()
            raise

    def _start(self, header_problems: list[Problem] | None) -> None:
        table = self.table
        header = next(self._records, None)
        if header is None:
            expected = ", ".join(table.headers[column] for column in table.required)
            problem = Problem("line 1", MISSING, f"empty file: expected a header row ({expected})")
            raise InvalidInput([problem], table.name)
        line, cells = header
        self.positions = header_positions(cells, table, f"line {line}", header_problems)
        self.width = len(cells)

    @property
    def size(self) -> int | None:
        """The file's size in bytes, when it is a file whose size is known."""
        try:
            return os.fstat(self._stream.fileno()).st_size
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            return None

    @property
    def position(self) -> int:
        """How many bytes of the file have been read, as far as it can tell (0 when not)."""
        try:
            return int(self._stream.tell())
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            return 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self._records

    def _lines(self) -> Iterator[str]:
        """The lines as text, for the csv module: a file opened here is decoded in large
        chunks; a stream given by the caller line by line, each checked as it comes."""
        stream, source, name = self._stream, self._source, self.table.name
        if isinstance(source, str | os.PathLike) and source != STDIN:
            start = bytes(stream.peek(2)[:2]) if hasattr(stream, "peek") else b""
            if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                decode(start, name)  # refuses UTF-16, saying so
            self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            return iter(self._text)
        return text_lines(numbered_lines(stream, name), name)

    def close(self) -> None:
        """Let go of the file, which whoever opened it closes."""
        self._records.close()
        if self._text is not None:
            self._text.detach()
            self._text = None

    def _read(self, reader: Any) -> Generator[tuple[int, list[str]], None, None]:
        try:
            for cells in reader:
                line, self._next_line = self._next_line, self._line_base + reader.line_num + 1
                # A row with a cell that is not blank is no blank line: most rows stop here.
                if not cells or (not cells[0].strip() and not "".join(cells).strip()):
                    continue
                yield line, cells
        except csv.Error as error:
            raise self._not_csv(error) from None
        except UnicodeDecodeError:
            # The fast decoder says only that a chunk is bad: read again for where.
            raise _where_not_utf8(self._source, self.table.name) from None

    def chunks(self, size: int) -> Iterator[list[tuple[int, list[str]]]]:
        """The records after the header, as :meth:`__iter__` gives them, in lists of up to
        ``size``: the same, at less cost a record, for a reader that takes many at once."""
        while True:
            reader, base = self._reader, self._line_base
            # The line each record ends on, read as it is read; it starts after the last.
            read: list[tuple[list[str], int]] = []
            append = read.append
            try:
                for cells in islice(reader, size):
                    append((cells, base + reader.line_num))
            except csv.Error as error:
                if read:
                    self._next_line = read[-1][1] + 1
                raise self._not_csv(error) from None
            except UnicodeDecodeError:
                raise _where_not_utf8(self._source, self.table.name) from None
            if not read:
                return
            first, self._next_line = self._next_line, read[-1][1] + 1
            if self._next_line - first == len(read):  # each record one line: it starts there
                yield [
                    (end, cells)
                    for cells, end in read
                    if cells and (cells[0].strip() or "".join(cells).strip())
                ]
                continue
            starts = [first, *(end + 1 for _, end in read[:-1])]
            yield [
                (start, cells)
                for start, (cells, _) in zip(starts, read, strict=True)
                if cells and (cells[0].strip() or "".join(cells).strip())
            ]

    def plain_chunks(
        self, size: int, separator: str
    ) -> Iterator[PlainLines | list[tuple[int, list[str]]]]:
        """The records after the header in lists of up to ``size``, as :meth:`chunks` gives
        them; but a run of lines each of which is one record whose cells hold no quote and no
        line break (unquoted, or every cell quoted, as many systems write them) is given
        whole, as :class:`PlainLines` whose cells ``separator`` joins, for a reader that
        splits them itself at less cost than the csv module. From the first line quoted
        otherwise (or with a lone carriage return, or a NUL) on, the records are the csv
        module's."""
        if self._text is None:  # a stream checked line by line: the csv module's way
            yield from self.chunks(size)
            return
        source = self._source_lines
        while True:
            lines = list(islice(source, size))
            if not lines:
                return
            text = "".join(lines)
            # A lone carriage return ends a record for the csv module: left to it.
            if "\r" in text:
                if text.count("\r") != text.count("\r\n"):
                    yield from self._csv_from(lines, size)
                    return
                text = text.replace("\r\n", "\n")
            if not text.endswith("\n"):  # the file's last line
                text += "\n"
            first = self._next_line
            if "\x00" in text or (separator in text and '"' in text):
                yield from self._csv_from(lines, size)
                return
            if separator in text:  # a cell holds it: split here, as the csv module would
                self._next_line += len(lines)
                yield [
                    (line, found.split(","))
                    for line, found in enumerate(text.split("\n")[:-1], start=first)
                    if found.replace(",", "").strip()
                ]
                continue
            if '"' not in text:
                self._next_line += len(lines)
                yield PlainLines(first, text.replace(",", separator))
                continue
            joined = text.replace('","', separator)
            if not _QUOTED_LINES.fullmatch(joined):  # quoted otherwise: the csv module reads on
                yield from self._csv_from(lines, size)
                return
            self._next_line += len(lines)
            yield PlainLines(first, joined.replace('"\n', "\n").replace('\n"', "\n")[1:])

    def _csv_from(self, lines: list[str], size: int) -> Iterator[list[tuple[int, list[str]]]]:
        """The records from ``lines`` on, read by the csv module: a quoted cell may hold line
        breaks, so it reads on to the end of the file."""
        self._line_base = self._next_line - 1
        self._reader = csv.reader(chain(lines, self._source_lines))
        return self.chunks(size)

    def _not_csv(self, error: csv.Error) -> InvalidInput:
        # The record that could not be read starts after the last one read.
        problem = Problem(f"line {self._next_line}", MISSING, csv_error(error))
        return InvalidInput([problem], self.table.name)


def _where_not_utf8(source: Readable, name: str) -> InvalidInput:
    """The error naming the first line of a file that is not UTF-8, found by reading it
    again line by line."""
    with opened(source, name) as stream:
        for _, line in numbered_lines(stream, name):
            if isinstance(line, Problem):
                return InvalidInput([line], name)
    problem = Problem("$", MISSING, "not UTF-8 text")  # pragma: no cover - it was, just now
    return InvalidInput([problem], name)


@contextmanager
def csv_records(
    source: Readable, table: Table, *, header_problems: list[Problem] | None = None
) -> Iterator[CsvRecords]:
    """The CSV file ``source`` open, its header read and checked against ``table``.

    :param header_problems: where to add the header's problems and read on, the columns it
        names that are known, so that every problem of a file is reported at once; when
        ``None``, a header with a problem ends the reading.
    :raises InvalidInput: naming the file: it cannot be read, is empty, is not UTF-8 or not
        CSV, or (unless ``header_problems`` is given) its header has an unknown, repeated,
        unnamed or missing column.
    """
    with opened(source, table.name) as stream:
        records = CsvRecords(stream, table, source, header_problems)
        try:
            yield records
        finally:
            records.close()


def read_rows(
    source: Readable, table: Table, *, header_problems: list[Problem] | None = None
) -> Iterator[Row]:
    """Each row of the CSV file ``source`` after its header, as it is read, its cells stripped
    and named (:func:`csv_records` says what is raised)."""
    with csv_records(source, table, header_problems=header_problems) as records:
        positions, width = records.positions, records.width
        columns = frozenset(positions)
        for line, cells in records:
            yield row_of(line, cells, width, positions, columns, table)


def header_positions(
    cells: Sequence[str], table: Table, at: str, found: list[Problem] | None = None
) -> dict[str, int]:
    """Where each known column of a header is, from 0: ``cells`` the header's cells (a file's
    header row, or a data frame's columns), ``at`` where the header is (``line 1``), as its
    problems name it.

    :param found: where to add the header's problems and go on; when ``None``, they are
        raised.
    :raises InvalidInput: naming the table: the header has an unknown, repeated, unnamed or
        missing column (unless ``found`` is given).
    """
    by_header = {header.casefold(): column for column, header in table.headers.items()}
    positions: dict[str, int] = {}
    problems = []
    for position, cell in enumerate(cells, start=1):
        header = cell.strip()
        where = f"{at}, column {position}"
        column = by_header.get(header.casefold())
        if not header:
            problems.append(Problem(where, cell, "a column without a name"))
        elif column is None:
            if header.casefold() not in table.ignored:
                known = ", ".join(table.headers.values())
                problems.append(Problem(where, header, f"unknown column; expected some of {known}"))
        elif column in positions:
            problems.append(
                Problem(where, header, f"repeated column: also column {positions[column] + 1}")
            )
        elif column in table.provided:
            problems.append(
                Problem(
                    where,
                    header,
                    "this column is what another column's values stand for in the mapping:"
                    " drop one of the two",
                )
            )
        else:
            positions[column] = position - 1
    for column in table.required:
        if column not in positions and column not in table.provided:
            message = f"missing the column {table.headers[column]!r}"
            if table.headers[column] != column:
                message += f" ({column})"
            problems.append(Problem(at, MISSING, message))
    if found is not None:
        found.extend(problems)
    elif problems:
        raise InvalidInput(problems, table.name)
    return positions


def row_of(
    line: int,
    cells: list[str],
    width: int,
    positions: Mapping[str, int],
    columns: frozenset[str],
    table: Table,
) -> Row:
    """The :class:`Row` of a record's ``cells``: its non-empty cells stripped, by column, and
    what is wrong with its shape (more or fewer cells than the header, a cell too long)."""
    problems = []
    count = len(cells)
    if count > width:
        problems.append(Problem(table.where(line), cells[width:], "more cells than columns"))
    elif count < width:
        problems.append(
            Problem(table.where(line), MISSING, f"fewer cells than columns: {count} of {width}")
        )
    values: dict[str, str] = {}
    for column, position in positions.items():
        if position >= count:
            continue
        cell = cells[position]
        if len(cell) > MAX_CELL_CHARS:
            problems.append(
                Problem(
                    table.where(line, column),
                    MISSING,
                    f"a cell of {len(cell)} characters; at most {MAX_CELL_CHARS} are read",
                )
            )
            continue
        stripped = cell.strip()
        if stripped:
            values[column] = stripped
    return Row(line, values, problems, columns)


def located(problems: Sequence[Problem], table: Table, line: int) -> list[Problem]:
    """``problems`` of a value made from one row (``$.facts.member`` is the column ``member``),
    each said of the row's cell where it has one."""
    found = []
    for problem in problems:
        column = problem.path.removeprefix("$.").removeprefix("facts.").split(".")[0].split("[")[0]
        where = table.where(line, column) if column in table.headers else table.where(line)
        found.append(Problem(where, problem.value, problem.message))
    return found
