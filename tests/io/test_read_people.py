"""People read from JSON and JSON Lines: one person or a list read whole, one person a line read
line by line, standard input, and every bad person or line reported by where it is while the
others are still read; a person file's record read and written back."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from support import ROOT

from recertlib import InvalidInput, Outcome, Person, evaluate, structure, unstructure
from recertlib.io import read_people

EXAMPLES = ROOT / "examples"

PERSON = {
    "id": "E-1",
    "name": "Ana",
    "credentials": [{"body": "NHA", "credential": "CCMA", "certified_on": "2025-01-15"}],
    "activities": [
        {"title": "Safety", "completed_on": "2025-06-15", "amount": "8", "unit": "contact_hour"}
    ],
}


def person(person_id: str, **changes: object) -> dict[str, object]:
    return {**PERSON, "id": person_id, **changes}


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def errors(records: list[Outcome]) -> dict[str, list[str]]:
    return {
        r.label: [str(problem) for problem in r.error.problems]
        for r in records
        if r.error is not None
    }


def test_the_example_person_holds_both_credentials_from_one_history(installed):
    (record,) = read_people(EXAMPLES / "people" / "maria.json")
    assert record.error is None
    assert record.label.endswith("maria.json (person 'E-1001')")
    assert isinstance(record.value, Person)
    assert [c.credential for c in record.value.credentials] == ["CMA", "CCMA"]
    units = {activity.unit for activity in record.value.activities}
    assert {"contact_hour", "iacet_ceu", "semester_credit"} <= units
    found = evaluate(record.value, as_of="2026-11-25", registry=installed)
    assert found.errors == ()
    assert found.usable
    cma, ccma = found.verdicts
    assert str(cma.expires_on) == "2027-03-31"
    assert str(ccma.expires_on) == "2026-12-01"
    assert cma.recommended is not None
    assert cma.recommended.can_recertify_now
    assert ccma.recommended is not None
    assert ccma.recommended.can_recertify_now


def test_the_example_staff_file_is_valid_json_lines():
    records = list(read_people(EXAMPLES / "people" / "staff.jsonl"))
    assert [r.error for r in records] == [None] * len(records)
    assert len(records) >= 3
    assert [r.label.split(" ", 1)[1] for r in records[:2]] == [
        "line 1 (person 'E-1001')",
        "line 2 (person 'E-1002')",
    ]


def test_a_json_list_is_read_as_records_by_index(tmp_path):
    path = write(tmp_path, "staff.json", json.dumps([person("E-1"), person("E-2", id="")]))
    first, second = read_people(path)
    assert first.label == f"{path}[0] (person 'E-1')"
    assert first.value is not None
    assert first.value.id == "E-1"
    assert second.label == f"{path}[1]"
    assert second.error is not None
    assert [p.path for p in second.error.problems] == ["$.id"]


def test_json_that_is_neither_a_person_nor_a_list_is_one_error(tmp_path):
    (record,) = read_people(write(tmp_path, "x.json", "42"))
    assert record.error is not None
    assert "expected a person object or a list" in str(record.error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "line 1: empty file"),
        ("  \n\n", "line 1: empty file"),
        ('{"id": "E-1",\n  "name": }', "line 2, column 11: not JSON"),
        ('{"id": "E-1", "id": "E-2"}', "the key 'id' appears twice"),
        ('[{"id": "E-1", "name": NaN}]', "JSON has no NaN"),
    ],
)
def test_a_bad_json_file_raises_naming_the_file_and_where(tmp_path, text, expected):
    path = write(tmp_path, "staff.json", text)
    with pytest.raises(InvalidInput) as raised:
        list(read_people(path))
    assert raised.value.record == str(path)
    assert expected in str(raised.value)


def test_json_lines_report_each_bad_line_by_number_and_read_the_others(tmp_path):
    lines = [
        json.dumps(person("E-1")),
        "",
        json.dumps(
            person(
                "E-2",
                credentials=[{"body": "NHA", "credential": "CCMA", "certified_on": "2025-02-30"}],
            )
        ),
        '{"id": "E-3", "name": ',
        "   ",
        json.dumps([person("E-4")]),
        json.dumps(person("E-5")),
    ]
    path = write(tmp_path, "staff.jsonl", "\n".join(lines) + "\n")
    records = list(read_people(path))
    assert [r.label.removeprefix(f"{path} ") for r in records] == [
        "line 1 (person 'E-1')",
        "line 3 (person 'E-2')",
        "line 4",
        "line 6",
        "line 7 (person 'E-5')",
    ]
    assert [r.value.id for r in records if r.value is not None] == ["E-1", "E-5"]
    found = errors(records)
    assert found[f"{path} line 3 (person 'E-2')"] == [
        "$.credentials[0].certified_on: expected a date as YYYY-MM-DD, got '2025-02-30'"
    ]
    assert found[f"{path} line 4"] == ["column 23: not JSON: Expecting value"]
    assert found[f"{path} line 6"] == ["$: expected a person object (got 'a list')"]


def test_a_line_that_is_not_utf8_is_reported_and_the_others_read(tmp_path):
    raw = (json.dumps(person("E-1")) + "\n").encode() + b'{"id": "E-\xe9"}\n'
    raw += (json.dumps(person("E-3")) + "\r\n").encode()
    records = list(read_people(write(tmp_path, "s.jsonl", raw)))
    assert [r.value.id if r.value else None for r in records] == ["E-1", None, "E-3"]
    assert "line 2, byte 11: not UTF-8 text: bytes e9" in str(records[1].error)


def test_a_byte_order_mark_is_allowed_and_utf16_refused(tmp_path):
    text = json.dumps(person("E-1")) + "\n"
    (record,) = read_people(write(tmp_path, "bom.jsonl", b"\xef\xbb\xbf" + text.encode()))
    assert record.value is not None
    with pytest.raises(InvalidInput, match="UTF-16"):
        list(read_people(write(tmp_path, "u16.jsonl", text.encode("utf-16"))))


def test_an_empty_json_lines_file_raises(tmp_path):
    with pytest.raises(InvalidInput, match="empty file"):
        list(read_people(write(tmp_path, "empty.jsonl", "\n\n")))


def test_a_missing_file_raises_naming_it(tmp_path):
    path = tmp_path / "nowhere.jsonl"
    with pytest.raises(InvalidInput, match="cannot read the file") as raised:
        list(read_people(path))
    assert raised.value.record == str(path)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (json.dumps(person("E-1")) + "\n" + json.dumps(person("E-2")) + "\n", 2),  # JSON Lines
        (json.dumps([person("E-1"), person("E-2")], indent=2), 2),  # a JSON list
        (json.dumps(person("E-1"), indent=2), 1),  # one person, over several lines
    ],
)
def test_standard_input_is_read_by_dash_and_its_format_taken_from_the_content(
    monkeypatch, text, count
):
    stdin = io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    records = list(read_people("-"))
    assert [r.error for r in records] == [None] * count
    assert records[0].label.startswith("<stdin>")


def test_standard_input_can_be_told_its_format(monkeypatch):
    text = json.dumps(person("E-1")) + "\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    first, second = read_people("-", format="jsonl")
    assert first.value is not None
    assert second.label == "<stdin> line 2"


def test_text_and_binary_streams_are_read():
    text = json.dumps(person("E-1")) + "\n"
    (from_text,) = read_people(io.StringIO(text), format="jsonl")
    (from_bytes,) = read_people(io.BytesIO(text.encode()), format="jsonl")
    assert from_text.value == from_bytes.value
    assert from_text.label == "<stream> line 1 (person 'E-1')"


def test_the_suffix_decides_the_format(tmp_path):
    text = json.dumps(person("E-1")) + "\n" + json.dumps(person("E-2")) + "\n"
    assert len(list(read_people(write(tmp_path, "a.ndjson", text)))) == 2
    with pytest.raises(InvalidInput, match="not JSON: Extra data"):
        list(read_people(write(tmp_path, "a.json", text)))
    with pytest.raises(ValueError, match="format"):
        list(read_people(write(tmp_path, "b.json", text), format="csv"))  # type: ignore[arg-type]


def test_json_lines_are_read_one_at_a_time():
    """The reader asks the stream for a line only when the next person is asked for."""

    class Lines(io.StringIO):
        read_lines = 0

        def __next__(self) -> str:
            Lines.read_lines += 1
            return super().__next__()

    stream = Lines("".join(json.dumps(person(f"E-{n}")) + "\n" for n in range(100)))
    records = read_people(stream, format="jsonl")
    first = next(records)
    assert first.value is not None
    assert first.value.id == "E-0"
    assert Lines.read_lines == 1


def test_a_csv_file_is_pointed_to_the_hr_export_reader(tmp_path):
    with pytest.raises(InvalidInput, match="read_hr_export"):
        list(read_people(write(tmp_path, "people.csv", "person_id\nE-1\n")))


def test_the_invalid_example_reports_each_bad_line():
    records = list(read_people(EXAMPLES / "invalid" / "staff-with-bad-lines.jsonl"))
    assert [r.label.split(".jsonl ")[1] for r in records if r.error is not None] == [
        "line 2 (person 'E-2001')",
        "line 4",
    ]
    assert len([r for r in records if r.value is not None]) == 2


# --- The person file --------------------------------------------------------------------------

PERSON_FILE = {
    "id": "E-1001",
    "name": "Maria Lopez",
    "facts": {"member": True},
    "credentials": [
        {"body": "AAMA", "credential": "CMA", "certified_on": "2022-03-10"},
        {
            "body": "NHA",
            "credential": "CCMA",
            "certified_on": "2024-06-01",
            "expires_on": "2026-06-01",
            "facts": {"member": False},
        },
    ],
    "activities": [
        {
            "title": "Infection control",
            "completed_on": "2024-09-01",
            "amount": "2",
            "unit": "contact_hour",
            "area": "clinical",
            "approved_by": ["AAMA"],
        },
        {"title": "Ethics", "completed_on": "2024-10-01", "amount": "1", "unit": "iacet_ceu"},
    ],
}


def test_a_person_file_record_is_read_and_written_back():
    person = structure(json.loads(json.dumps(PERSON_FILE)), Person)
    assert person.id == "E-1001"
    assert person.name == "Maria Lopez"
    assert person.facts.member is True
    assert [c.credential for c in person.credentials] == ["CMA", "CCMA"]
    assert person.credentials[1].facts.member is False
    assert person.held()[0].facts.member is True
    assert person.held()[1].facts.member is False
    assert person.activities[0].amount == 2
    data = unstructure(person)
    assert json.loads(json.dumps(data)) == data
    assert structure(data, Person) == person


def test_a_minimal_person_file_record_needs_only_an_id():
    assert structure({"id": "E-9"}, Person) == Person("E-9")


def test_a_credential_in_a_person_file_has_no_holder():
    data = json.loads(json.dumps(PERSON_FILE))
    data["credentials"][0]["holder"] = "Maria"
    with pytest.raises(InvalidInput) as raised:
        structure(data, Person)
    assert [p.path for p in raised.value.problems] == ["$.credentials[0].holder"]


def test_bad_fields_of_a_person_file_are_all_reported_with_their_paths():
    data = json.loads(json.dumps(PERSON_FILE))
    data["id"] = ""
    data["credentials"][1]["certified_on"] = "2024-02-30"
    data["activities"][1]["amount"] = "-1"
    with pytest.raises(InvalidInput) as raised:
        structure(data, Person)
    paths = {problem.path for problem in raised.value.problems}
    assert {
        "$.id",
        "$.credentials[1].certified_on",
        "$.activities[1].amount",
    } <= paths
