"""CSV files with a header row, as every CSV reader of recertlib reads them: UTF-8 (a byte order
mark before the header allowed), streamed one row at a time, the header checked against the
known columns, and each row given as its non-empty cells by column, with every problem of its
shape named by line and column.

What the cells mean is the caller's to say: :mod:`~recertlib.io.activities_csv` makes
activities of them, :mod:`~recertlib.io.hr` people and their credentials.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence

from attrs import frozen

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.io.sources import Readable, numbered_lines, opened, text_lines
from recertlib.io.text import csv_error

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

    def where(self, line: int, column: str | None = None) -> str:
        """Where a problem is: ``line 3``, or ``line 3, column 'Cert Date'`` for a column,
        after the file's name when :attr:`file_in_location`."""
        where = f"{self.name} line {line}" if self.file_in_location else f"line {line}"
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


def split_list(cell: str) -> list[str]:
    """The items of a cell that holds a list, without blanks: ``"AAMA; NHA"`` is two."""
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def read_rows(
    source: Readable, table: Table, *, header_problems: list[Problem] | None = None
) -> Iterator[Row]:
    """Each row of the CSV file ``source`` after its header, as it is read; blank lines are
    skipped.

    :param header_problems: where to add the header's problems and read on, the columns it
        names that are known, so that every problem of a file is reported at once; when
        ``None``, a header with a problem ends the reading.
    :raises InvalidInput: naming the file: it cannot be read, is empty, is not UTF-8 or not
        CSV, or (unless ``header_problems`` is given) its header has an unknown, repeated,
        unnamed or missing column.
    """
    with opened(source, table.name) as stream:
        reader = csv.reader(text_lines(numbered_lines(stream, table.name), table.name))
        next_line = 1
        positions: dict[str, int] | None = None
        width = 0
        try:
            for cells in reader:
                line, next_line = next_line, reader.line_num + 1
                if not any(cell.strip() for cell in cells):  # a blank line
                    continue
                if positions is None:
                    positions = _header(line, cells, table, header_problems)
                    columns = frozenset(positions)
                    width = len(cells)
                    continue
                yield _row(line, cells, width, positions, columns, table)
        except csv.Error as error:
            problem = Problem(f"line {next_line}", MISSING, csv_error(error))
            raise InvalidInput([problem], table.name) from None
        if positions is None:
            expected = ", ".join(table.headers[column] for column in table.required)
            problem = Problem("line 1", MISSING, f"empty file: expected a header row ({expected})")
            raise InvalidInput([problem], table.name)


def _header(
    line: int, cells: list[str], table: Table, found: list[Problem] | None
) -> dict[str, int]:
    by_header = {header.casefold(): column for column, header in table.headers.items()}
    positions: dict[str, int] = {}
    problems = []
    for position, cell in enumerate(cells, start=1):
        header = cell.strip()
        where = f"line {line}, column {position}"
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
        else:
            positions[column] = position - 1
    for column in table.required:
        if column not in positions:
            message = f"missing the column {table.headers[column]!r}"
            if table.headers[column] != column:
                message += f" ({column})"
            problems.append(Problem(f"line {line}", MISSING, message))
    if found is not None:
        found.extend(problems)
    elif problems:
        raise InvalidInput(problems, table.name)
    return positions


def _row(
    line: int,
    cells: list[str],
    width: int,
    positions: Mapping[str, int],
    columns: frozenset[str],
    table: Table,
) -> Row:
    problems = []
    if len(cells) > width:
        problems.append(Problem(table.where(line), cells[width:], "more cells than columns"))
    elif len(cells) < width:
        problems.append(
            Problem(
                table.where(line), MISSING, f"fewer cells than columns: {len(cells)} of {width}"
            )
        )
    values: dict[str, str] = {}
    for column, position in positions.items():
        if position >= len(cells):
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
        elif cell.strip():
            values[column] = cell.strip()
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
