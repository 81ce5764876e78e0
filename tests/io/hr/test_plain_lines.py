"""A file read by path takes lines whose cells hold no quote and no line break (unquoted, or
every cell quoted) as they are, cut without the csv module
(:meth:`~recertlib.io.csv_files.CsvRecords.plain_chunks`); a stream is read by the csv module
throughout. Both must read every file alike: the same people, the same errors, on the same
lines."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from recertlib import Outcome, Person
from recertlib.io import read_hr_export
from recertlib.io.csv_files import PlainLines, Table, csv_records
from recertlib.io.progress import REPORT_EVERY

PEOPLE_HEADER = "Employee ID,name,body,credential,certified_on"
ACTIVITIES_HEADER = "Employee ID,title,completed_on,amount,unit,approved_by"


def read_both(people: Path, activities: Path) -> tuple[list[Outcome[Person]], ...]:
    """The outcomes of the pair read by path, then as open streams."""
    by_path = list(read_hr_export(people, activities, columns={"person_id": "Employee ID"}))
    with people.open("rb") as people_stream, activities.open("rb") as activities_stream:
        by_stream = list(
            read_hr_export(people_stream, activities_stream, columns={"person_id": "Employee ID"})
        )
    return by_path, by_stream


def said(outcomes: list[Outcome[Person]]) -> list[tuple[str, object, str | None]]:
    return [(o.label, o.value, None if o.error is None else str(o.error)) for o in outcomes]


def write(path: Path, lines: list[str], end: str = "\n") -> Path:
    path.write_bytes(end.join(lines).encode())
    return path


def test_a_long_file_with_a_quoted_cell_late_reads_alike_either_way(tmp_path: Path) -> None:
    count = REPORT_EVERY + 200
    people = [PEOPLE_HEADER] + [f" E-{n} ,Person {n},AAMA,CMA,2023-04-18" for n in range(count)]
    people[5:5] = ["", " , ,", ",Nobody,AAMA,CMA,2023-04-18"]  # blank lines, a row without id
    activities = [ACTIVITIES_HEADER]
    for n in range(count):
        activities.append(f"E-{n},Course {n},2024-02-10,2,contact_hour,AAMA")
        if n == REPORT_EVERY + 50:  # past the first chunk: a quoted cell over two lines
            activities.append(f'E-{n},"Ethics, part 1\nand 2",2024-03-01,1,contact_hour,')
            activities.append(f"E-{n},Bad date,2024-02-30,1,contact_hour,")
    activities.append("E-99999,Nobody's course,2024-02-10,1,contact_hour,")  # no newline after
    by_path, by_stream = read_both(
        write(tmp_path / "people.csv", people, "\r\n"),
        write(tmp_path / "activities.csv", activities),
    )
    assert said(by_path) == said(by_stream)
    assert len(by_path) == count + 2  # the row without an id, and the orphan
    bad = [o for o in by_path if o.error is not None]
    messages = [str(o.error) for o in bad]
    # The lines after the two-line record are numbered as the file has them.
    bad_line = REPORT_EVERY + 50 + 2 + 2 + 1
    assert any(f"activities.csv line {bad_line}, column 'completed_on'" in m for m in messages)
    assert any("people.csv line 8: " in m and "no person id" in m for m in messages)
    assert any(f"activities.csv line {len(activities) + 1}" in m for m in messages)
    titles = [a.title for o in by_path if o.value for a in o.value.activities]
    assert "Ethics, part 1\nand 2" not in titles  # the person with the bad date is an error
    person = next(o.value for o in by_path if o.value and o.value.id == "E-0")
    assert person.name == "Person 0"


def test_a_lone_carriage_return_and_cells_with_separators_read_alike(tmp_path: Path) -> None:
    people = [PEOPLE_HEADER, "E-1,Ann,AAMA,CMA,2023-04-18", "E-2,Bo\x1fb,AAMA,CMA,2023-04-18"]
    activities = [ACTIVITIES_HEADER, "E-1,Eth\x1eics,2024-02-10,2,contact_hour,\x00"]
    by_path, by_stream = read_both(
        write(tmp_path / "people.csv", people), write(tmp_path / "activities.csv", activities)
    )
    assert said(by_path) == said(by_stream)
    assert [o.value.name for o in by_path if o.value] == ["Ann", "Bo\x1fb"]
    assert by_path[0].value is not None
    assert by_path[0].value.activities[0].title == "Eth\x1eics"
    # A carriage return alone ends a line, as the csv module reads a file opened with
    # newline="": the plain path leaves such lines to it.
    write(tmp_path / "activities.csv", [ACTIVITIES_HEADER, "E-1,A\rB,2024-02-10,1,contact_hour,"])
    outcomes = list(
        read_hr_export(
            tmp_path / "people.csv",
            tmp_path / "activities.csv",
            columns={"person_id": "Employee ID"},
        )
    )
    messages = "\n".join(str(o.error) for o in outcomes if o.error)
    assert "activities.csv line 2: fewer cells than columns: 2 of 6" in messages
    assert "activities.csv line 3, column 'Employee ID': no person with this id" in messages


def write_csv(path: Path, rows: list[list[str]], quoting: Any) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, quoting=quoting).writerows(rows)
    return path


@pytest.mark.parametrize(
    ("quoting", "odd_cell"),
    [
        (csv.QUOTE_ALL, "Ethics, part 1"),  # every cell quoted, a comma in one
        (csv.QUOTE_ALL, 'The "new" code'),  # a quote in a cell: the csv module reads it
        (csv.QUOTE_ALL, "Two\nlines"),  # a line break in a cell: the csv module too
        (csv.QUOTE_MINIMAL, "Ethics, part 1"),  # one cell quoted among bare ones
        (csv.QUOTE_NONNUMERIC, "Ethics"),  # numbers bare, text quoted
    ],
)
def test_quoted_files_read_alike_either_way(tmp_path: Path, quoting: int, odd_cell: str) -> None:
    count = REPORT_EVERY + 100
    people = [PEOPLE_HEADER.split(",")] + [
        [f"E-{n}", f"Person {n}", "AAMA", "CMA", "2023-04-18"] for n in range(count)
    ]
    activities = [ACTIVITIES_HEADER.split(",")]
    for n in range(count):
        title = odd_cell if n == REPORT_EVERY + 20 else f"Course {n}"
        activities.append([f"E-{n}", title, "2024-02-10", "2", "contact_hour", ""])
        if n == 3:
            activities.append([f"E-{n}", "Bad", "2024-02-30", "1", "contact_hour", "AAMA"])
    by_path, by_stream = read_both(
        write_csv(tmp_path / "people.csv", people, quoting),
        write_csv(tmp_path / "activities.csv", activities, quoting),
    )
    assert said(by_path) == said(by_stream)
    assert len(by_path) == count
    (bad,) = [o for o in by_path if o.error is not None]
    assert "activities.csv line 6, column 'completed_on'" in str(bad.error)
    titles = {a.title for o in by_path if o.value for a in o.value.activities}
    assert odd_cell in titles
    assert "Course 0" in titles


def test_lines_whose_every_cell_is_quoted_are_taken_whole(tmp_path: Path) -> None:
    table = Table("a.csv", {"a": "a", "b": "b", "c": "c"})
    path = tmp_path / "a.csv"
    path.write_bytes(b'a,b,c\r\n"1","x, y",""\r\n"2","",""\r\n')
    with csv_records(path, table) as records:
        (chunk,) = records.plain_chunks(10, "|")
    assert chunk == PlainLines(2, "1|x, y|\n2||\n")
    # One cell bare among quoted ones: the csv module reads the lines.
    path.write_bytes(b'a,b,c\n"1",2,"z"\n')
    with csv_records(path, table) as records:
        assert list(records.plain_chunks(10, "|")) == [[(2, ["1", "2", "z"])]]
    # The separator in a cell of a line without quotes: the line split at its commas.
    path.write_bytes(b"a,b,c\n1,x|y,z\n")
    with csv_records(path, table) as records:
        assert list(records.plain_chunks(10, "|")) == [[(2, ["1", "x|y", "z"])]]
