"""Holder files (JSON) and activity files (CSV) that are not what they should be: each a clear
InvalidInput naming the file and, where there is one, the line; never a Python error."""

from __future__ import annotations

import codecs
import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from recertlib import Holder, InvalidInput
from recertlib.errors import MISSING
from recertlib.io import read_activities_csv, read_holders, records_from_data
from recertlib.io.csv_files import MAX_CELL_CHARS
from recertlib.io.text import MAX_NESTING

HEADER = "title,completed_on,amount,unit,provider,area,approved_by,certificate_id\n"
ROW = "Ethics,2024-01-10,2.5,contact_hour,ACME,clinical,AAMA;NHA,C-1\n"
RECORD = {
    "credential": {
        "body": "AAMA",
        "credential": "CMA",
        "holder": "Casey",
        "certified_on": "2022-03-10",
    },
    "activities": [
        {"title": "Ethics", "completed_on": "2023-01-05", "amount": 1, "unit": "aama_ceu"}
    ],
}


def problems_of(read, path: Path) -> list[tuple[str, object, str]]:
    with pytest.raises(InvalidInput) as raised:
        read(path)
    error = raised.value
    assert error.record == str(path)
    assert str(error).startswith(f"{path}: ")
    return [(problem.path, problem.value, problem.message) for problem in error.problems]


def csv_file(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "activities.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def json_file(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "holders.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# CSV


def test_a_good_csv_reads_every_row(tmp_path):
    (activity,) = read_activities_csv(csv_file(tmp_path, HEADER + ROW))
    assert activity.approved_by == frozenset({"AAMA", "NHA"})
    assert activity.amount == Decimal("2.5")


def test_a_header_only_csv_holds_no_activities(tmp_path):
    assert read_activities_csv(csv_file(tmp_path, HEADER)) == []


def test_blank_lines_are_skipped_and_lines_counted(tmp_path):
    path = csv_file(tmp_path, HEADER + "\n" + ROW + "\n\n" + "A,2024-13-01,1,h,,,,\n")
    assert problems_of(read_activities_csv, path) == [
        (
            "line 6, column 'completed_on'",
            "2024-13-01",
            "expected a date as YYYY-MM-DD, got '2024-13-01'",
        )
    ]


@pytest.mark.parametrize("content", ["", "\n", "\r\n\r\n", "  \n"])
def test_an_empty_csv_is_an_error(tmp_path, content):
    ((path, _, message),) = problems_of(read_activities_csv, csv_file(tmp_path, content))
    assert path.startswith("line ")
    assert message.startswith("empty file") or "column" in message


def test_a_repeated_column_is_an_error(tmp_path):
    path = csv_file(tmp_path, "title,completed_on,amount,unit,amount\nA,2024-01-10,1,h,2\n")
    assert problems_of(read_activities_csv, path) == [
        ("line 1, column 5", "amount", "repeated column: also column 3")
    ]


def test_a_missing_column_is_reported_once_for_the_header(tmp_path):
    path = csv_file(tmp_path, "title,completed_on,unit\nA,2024-01-10,h\nB,2024-01-11,h\n")
    assert problems_of(read_activities_csv, path) == [
        ("line 1", MISSING, "missing the column 'amount'")
    ]


def test_an_unnamed_column_is_an_error(tmp_path):
    path = csv_file(tmp_path, "title,completed_on,amount,unit,\nA,2024-01-10,1,h,\n")
    assert problems_of(read_activities_csv, path) == [
        ("line 1, column 5", "", "a column without a name")
    ]


def test_short_and_long_rows_are_errors_and_every_bad_row_is_reported(tmp_path):
    path = csv_file(
        tmp_path,
        "title,completed_on,amount,unit\n"
        "A,2024-01-10,1\n"
        "B,2024-01-10,1,h,extra\n"
        "C,2024-W01-1,1_0,h\n"
        "D,2024-01-10,1,h\n",
    )
    assert [(p, m) for p, _, m in problems_of(read_activities_csv, path)] == [
        ("line 2", "fewer cells than columns: 3 of 4"),
        ("line 3", "more cells than columns"),
        ("line 4, column 'completed_on'", "expected a date as YYYY-MM-DD, got '2024-W01-1'"),
        (
            "line 4, column 'amount'",
            "expected a number of credits as a plain decimal numeral (digits 0-9 and at most"
            " one '.', no sign or exponent), got '1_0'",
        ),
    ]


def test_a_quoted_cell_over_several_lines_keeps_line_numbers_right(tmp_path):
    path = csv_file(
        tmp_path, 'title,completed_on,amount,unit\n"Two\nlines",2024-01-10,1,h\nB,x,1,h\n'
    )
    ((where, _, _),) = problems_of(read_activities_csv, path)
    assert where == "line 4, column 'completed_on'"


def test_a_non_utf8_csv_is_an_error_naming_the_line(tmp_path):
    path = csv_file(tmp_path, (HEADER + ROW + "Caf\xe9,2024-01-10,1,h,,,,\n").encode("latin-1"))
    ((where, _, message),) = problems_of(read_activities_csv, path)
    assert where == "line 3, byte 4"
    assert message == "not UTF-8 text: bytes e9"


def test_a_utf16_csv_is_an_error(tmp_path):
    path = csv_file(tmp_path, codecs.BOM_UTF16_LE + (HEADER + ROW).encode("utf-16-le"))
    ((_, _, message),) = problems_of(read_activities_csv, path)
    assert "UTF-16" in message


def test_a_utf8_byte_order_mark_as_spreadsheets_write_is_taken(tmp_path):
    path = csv_file(tmp_path, codecs.BOM_UTF8 + (HEADER + ROW).encode())
    assert len(read_activities_csv(path)) == 1


def test_a_byte_order_mark_anywhere_else_is_an_unknown_column(tmp_path):
    path = csv_file(tmp_path, (codecs.BOM_UTF8 * 2) + (HEADER + ROW).encode())
    problems = problems_of(read_activities_csv, path)
    assert ("line 1, column 1", "\ufefftitle") in [(p, v) for p, v, _ in problems]


def test_a_long_cell_is_reported_by_line_and_column_not_repeated(tmp_path):
    long = "x" * (MAX_CELL_CHARS + 1)
    path = csv_file(tmp_path, f"{HEADER}{long},2024-01-10,1,h,,,,\nB,bad,1,h,,,,\n")
    assert problems_of(read_activities_csv, path) == [
        (
            "line 2, column 'title'",
            MISSING,
            f"a cell of {MAX_CELL_CHARS + 1} characters; at most 10000 are read",
        ),
        ("line 3, column 'completed_on'", "bad", "expected a date as YYYY-MM-DD, got 'bad'"),
    ]


def test_a_cell_beyond_the_csv_modules_limit_is_an_error_naming_the_line(tmp_path):
    huge = "x" * (csv.field_size_limit() + 1)
    path = csv_file(tmp_path, f'{HEADER}{ROW}"{huge}",2024-01-10,1,h,,,,\n')
    problems = problems_of(read_activities_csv, path)
    assert [(p, m) for p, _, m in problems] == [
        (
            "line 3",
            f"not CSV that can be read: a cell longer than {csv.field_size_limit()} characters",
        )
    ]


def test_a_csv_that_cannot_be_read_names_the_file(tmp_path):
    ((_, _, message),) = problems_of(read_activities_csv, tmp_path / "absent.csv")
    assert message.startswith("cannot read the file")


# JSON


def test_a_good_holder_file(tmp_path):
    (record,) = read_holders(json_file(tmp_path, json.dumps(RECORD)))
    assert record.error is None


def test_a_file_with_one_bad_record_keeps_the_others(tmp_path):
    path = tmp_path / "holders.json"
    path.write_text(json.dumps([RECORD, {"credential": {}}, RECORD]))
    records = read_holders(path)
    assert [record.error is None for record in records] == [True, False, True]
    assert records[1].label == f"{path}[1]"
    assert isinstance(records[0].value, Holder)


def test_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "holders.json"
    path.write_text("{oops")
    with pytest.raises(InvalidInput, match=r"holders.json: line 1, column 2: not JSON"):
        read_holders(path)


def test_a_file_that_holds_no_holder(tmp_path):
    path = tmp_path / "holders.json"
    path.write_text('"text"')
    (record,) = read_holders(path)
    assert "expected a holder object or a list of them" in str(record.error)


@pytest.mark.parametrize("content", ["", "   \n\t"])
def test_an_empty_holder_file_is_an_error(tmp_path, content):
    assert problems_of(read_holders, json_file(tmp_path, content)) == [
        ("line 1", MISSING, "empty file: expected a holder object or a list of them")
    ]


def test_a_non_utf8_holder_file_is_an_error_naming_the_line(tmp_path):
    path = json_file(tmp_path, b'[\n  {"credential": {"holder": "Ren\xe9e"}}\n]')
    assert problems_of(read_holders, path) == [
        ("line 2, byte 33", MISSING, "not UTF-8 text: bytes e9")
    ]


def test_a_utf8_byte_order_mark_is_taken(tmp_path):
    (record,) = read_holders(json_file(tmp_path, codecs.BOM_UTF8 + json.dumps(RECORD).encode()))
    assert record.error is None


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(tmp_path, constant):
    text = json.dumps(RECORD).replace('"amount": 1', f'"amount": {constant}')
    ((where, _, message),) = problems_of(read_holders, json_file(tmp_path, text))
    assert where == "$"
    assert message.startswith("not JSON: ")
    assert constant.lstrip("-") in message


def test_a_key_given_twice_is_not_taken_silently(tmp_path):
    text = json.dumps(RECORD).replace('"holder": "Casey"', '"holder": "Casey", "holder": "Ann"')
    ((_, _, message),) = problems_of(read_holders, json_file(tmp_path, text))
    assert "'holder' appears twice" in message


def test_an_integer_of_thousands_of_digits_is_an_error_of_its_field(tmp_path):
    text = json.dumps(RECORD).replace('"amount": 1', f'"amount": {"9" * 5000}')
    (record,) = read_holders(json_file(tmp_path, text))
    assert record.error is not None
    ((problem),) = record.error.problems
    assert problem.path == "$.activities[0].amount"
    assert "at most 1000000" in problem.message
    assert len(str(record.error)) < 500


def test_a_huge_exponent_is_an_error_of_its_field(tmp_path):
    text = json.dumps(RECORD).replace('"amount": 1', '"amount": 1e999999999')
    (record,) = read_holders(json_file(tmp_path, text))
    assert record.error is not None
    (problem,) = record.error.problems
    assert problem.path == "$.activities[0].amount"


def test_a_json_number_is_exact_never_rounded_through_a_float(tmp_path):
    text = json.dumps(RECORD).replace('"amount": 1', '"amount": 9.999999999999999999999999999999')
    (record,) = read_holders(json_file(tmp_path, text))
    assert record.error is not None  # more places than allowed: refused, not read as 10.0
    text = json.dumps(RECORD).replace('"amount": 1', '"amount": 59.999999')
    (record,) = read_holders(json_file(tmp_path, text))
    assert record.value is not None
    assert record.value.activities[0].amount == Decimal("59.999999")


def test_nesting_deeper_than_a_record_needs_is_an_error_of_the_record(tmp_path):
    depth = MAX_NESTING + 1
    (record,) = read_holders(json_file(tmp_path, "[" * depth + "]" * depth))
    assert "nested" in str(record.error)


@pytest.mark.parametrize("depth", [5000, 200_000])
def test_nesting_thousands_deep_is_an_error_of_the_file(tmp_path, depth):
    path = json_file(tmp_path, "[" * depth + "]" * depth)
    assert problems_of(read_holders, path) == [
        ("$", MISSING, f"nested more than {MAX_NESTING} levels deep")
    ]


def test_a_deep_value_in_one_record_keeps_the_others(tmp_path):
    deep = RECORD | {"extra": json.loads("[" * 100 + "]" * 100)}
    records = records_from_data([RECORD, deep, RECORD], "holders.json")
    assert [record.error is None for record in records] == [True, False, True]
    assert "nested more than" in str(records[1].error)


def test_a_json_syntax_error_gives_its_line_and_column(tmp_path):
    assert problems_of(read_holders, json_file(tmp_path, '[\n  {"a": }\n]')) == [
        ("line 2, column 9", MISSING, "not JSON: Expecting value")
    ]
