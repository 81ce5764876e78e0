"""An HR export pair: a people CSV (a row per credential held) and an activities CSV, joined by a
person id column the caller names; bad rows, orphan activities and bad files reported by file
and line while every other person is still read."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from support import ROOT

from recertlib import InvalidInput, Outcome, Status, evaluate
from recertlib.io.hr import ACTIVITY_COLUMNS, PEOPLE_COLUMNS, HrExport, read_hr_export

HR = ROOT / "examples" / "people" / "hr"
AS_OF = "2026-11-25"
MAPPED = {"person_id": "Employee ID"}

PEOPLE = """\
Employee ID,name,body,credential,certified_on,member
E-1,Ana Diaz,AAMA,CMA,2022-03-10,yes
E-2,Ben Cho,NHA,CCMA,2025-01-15,
E-1,Ana Diaz,NHA,CCMA,2024-12-01,
E-3,Cy Park,AAMA,CMA,2023-05-02,no
"""

ACTIVITIES = """\
Employee ID,title,completed_on,amount,unit,area,approved_by,tags
E-2,Phlebotomy,2025-06-15,8,contact_hour,clinical,NHA,
E-1,Ethics,2023-02-10,10,contact_hour,administrative,AAMA;NHA,ethics;Implicit Bias
E-3,HIPAA,2024-02-14,4,contact_hour,administrative,AAMA,
E-1,Infection Control,2025-01-20,12,contact_hour,clinical,AAMA,
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def read(
    tmp_path: Path,
    people: str | bytes = PEOPLE,
    activities: str | bytes = ACTIVITIES,
    **options: object,
) -> list[Outcome]:
    options.setdefault("columns", MAPPED)
    return list(
        read_hr_export(
            write(tmp_path, "people.csv", people),
            write(tmp_path, "activities.csv", activities),
            **options,  # type: ignore[arg-type]
        )
    )


def problems(record: Outcome, tmp_path: Path) -> list[str]:
    assert record.error is not None
    return [str(p).replace(f"{tmp_path}/", "") for p in record.error.problems]


def test_people_are_joined_with_their_activities_by_a_mapped_id_column(tmp_path):
    records = read(tmp_path)
    assert [r.error for r in records] == [None, None, None]
    assert [r.label.replace(f"{tmp_path}/", "") for r in records] == [
        "people.csv line 2 (person 'E-1')",
        "people.csv line 3 (person 'E-2')",
        "people.csv line 5 (person 'E-3')",
    ]
    ana = records[0].value
    assert ana is not None
    assert ana.name == "Ana Diaz"
    # Rows two lines apart, and activities anywhere in the other file, make one person.
    assert [(c.body, c.credential) for c in ana.credentials] == [("AAMA", "CMA"), ("NHA", "CCMA")]
    assert ana.credentials[0].facts.member is True
    assert ana.credentials[1].facts.member is None
    assert [a.title for a in ana.activities] == ["Ethics", "Infection Control"]
    ethics = ana.activities[0]
    assert ethics.approved_by == {"AAMA", "NHA"}
    assert ethics.tags == {"ethics", "implicit bias"}
    assert records[2].value is not None
    assert records[2].value.credentials[0].facts.member is False


def test_headers_match_without_regard_to_case_or_spaces(tmp_path):
    people = PEOPLE.replace("Employee ID,name", " employee id , NAME")
    assert [r.error for r in read(tmp_path, people)] == [None, None, None]


def test_a_name_may_be_mapped_for_one_file_only(tmp_path):
    activities = ACTIVITIES.replace("Employee ID", "Emp No")
    columns = {"person_id": "Employee ID", "activities.person_id": "Emp No"}
    records = read(tmp_path, activities=activities, columns=columns)
    assert [len(r.value.activities) for r in records if r.value] == [2, 1, 1]


def test_unknown_columns_are_refused_unless_ignored(tmp_path):
    people = "\n".join(
        f"{line},{'Department' if n == 0 else 'Clinic'}"
        for n, line in enumerate(PEOPLE.splitlines())
    )
    with pytest.raises(InvalidInput) as raised:
        read(tmp_path, people)
    assert "line 1, column 7: unknown column; expected some of Employee ID, name" in str(
        raised.value
    )
    records = read(tmp_path, people, ignore_columns=["department"])
    assert [r.error for r in records] == [None, None, None]


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        ("", "line 1: empty file: expected a header row (Employee ID, body, credential"),
        ("\n\n", "line 1: empty file"),
        ("name,body,credential,certified_on\n", "missing the column 'Employee ID' (person_id)"),
        ("Employee ID,body,credential,body,certified_on\n", "repeated column: also column 2"),
        ("Employee ID,,body,credential,certified_on\n", "a column without a name"),
        (
            'Employee ID,body,credential,certified_on\nE-1,"' + "x" * 200_000 + '"\n',
            "line 2: not CSV that can be read: a cell longer than",
        ),
    ],
)
def test_a_bad_file_raises_naming_it_and_the_line(tmp_path, people, expected):
    with pytest.raises(InvalidInput) as raised:
        read(tmp_path, people)
    assert raised.value.record == str(tmp_path / "people.csv")
    assert expected in str(raised.value)


def test_an_activities_file_that_is_not_utf8_raises_naming_the_line(tmp_path):
    latin1 = ACTIVITIES.replace("HIPAA", "Préventión").encode("latin-1")
    with pytest.raises(InvalidInput) as raised:
        read(tmp_path, activities=latin1)
    assert raised.value.record == str(tmp_path / "activities.csv")
    assert "line 4, byte 7: not UTF-8 text: bytes e9" in str(raised.value)


def test_a_byte_order_mark_and_crlf_line_endings_are_read(tmp_path):
    people = b"\xef\xbb\xbf" + PEOPLE.replace("\n", "\r\n").encode()
    assert [r.error for r in read(tmp_path, people)] == [None, None, None]


def test_a_header_without_rows_is_nobody(tmp_path):
    assert read(tmp_path, PEOPLE.splitlines()[0] + "\n", ACTIVITIES.splitlines()[0]) == []


def test_a_bad_row_makes_its_person_an_error_naming_every_bad_line(tmp_path):
    people = PEOPLE.replace("2024-12-01", "2024-12-32").replace("E-3,Cy Park", "E-3,Cy Park")
    activities = ACTIVITIES.replace("Infection Control,2025-01-20,12", "Infection,2025-01-20,-1")
    records = read(tmp_path, people, activities)
    assert [r.value is None for r in records] == [True, False, False]
    assert problems(records[0], tmp_path) == [
        "people.csv line 4, column 'certified_on': expected a date as YYYY-MM-DD, got '2024-12-32'",
        "activities.csv line 5, column 'amount': expected a non-negative number of credits,"
        " got '-1'",
    ]
    assert records[0].label.endswith("people.csv line 2 (person 'E-1')")


def test_a_row_without_an_id_or_with_the_wrong_shape_is_reported_in_its_place(tmp_path):
    people = PEOPLE.replace("E-2,Ben Cho", ",Ben Cho").replace(",no\n", ",no,extra\n")
    people += "E-4,Di Fox,AAMA\n"
    records = read(tmp_path, people)
    labels = [r.label.replace(f"{tmp_path}/", "") for r in records]
    assert labels == [
        "people.csv line 2 (person 'E-1')",
        "people.csv line 3",
        "people.csv line 5 (person 'E-3')",
        "people.csv line 6 (person 'E-4')",
        "activities.csv line 2 (person 'E-2')",  # E-2's activities, now of no one
    ]
    assert records[0].value is not None
    assert problems(records[1], tmp_path) == [
        "people.csv line 3, column 'Employee ID': no person id"
    ]
    assert problems(records[2], tmp_path) == [
        "people.csv line 5: more cells than columns (got ['extra'])"
    ]
    assert "people.csv line 6: fewer cells than columns: 3 of 6" in problems(records[3], tmp_path)


def test_a_yes_or_no_cell_is_checked(tmp_path):
    records = read(tmp_path, PEOPLE.replace(",yes\n", ",maybe\n"))
    assert problems(records[0], tmp_path) == [
        "people.csv line 2, column 'member': expected yes or no (true or false, 1 or 0)"
        " (got 'maybe')"
    ]


def test_a_name_that_differs_between_a_persons_rows_is_reported(tmp_path):
    records = read(tmp_path, PEOPLE.replace("E-1,Ana Diaz,NHA", "E-1,Ana Diaz-Ruiz,NHA"))
    assert problems(records[0], tmp_path) == [
        "people.csv line 4, column 'name': differs from line 2: 'Ana Diaz' (got 'Ana Diaz-Ruiz')"
    ]


def test_a_row_with_no_credential_names_a_person_who_holds_none(tmp_path):
    records = read(tmp_path, PEOPLE + "E-9,Eve Lin,,,,\n")
    assert records[-1].value is not None
    assert records[-1].value.credentials == ()


def test_activities_of_unknown_people_are_reported_once_per_id_naming_every_line(tmp_path):
    activities = ACTIVITIES + (
        "E-77,Triage,2024-06-01,2,contact_hour,clinical,,\n"
        ",Lost,2024-06-01,2,contact_hour,clinical,,\n"
        "E-77,Triage II,2024-07-01,x,contact_hour,clinical,,\n"
    )
    records = read(tmp_path, activities=activities)
    assert [r.error for r in records[:3]] == [None, None, None]
    orphan, lost = records[3:]
    assert orphan.label.endswith("activities.csv line 6 (person 'E-77')")
    assert problems(orphan, tmp_path) == [
        "activities.csv line 6, column 'Employee ID': no person with this id in"
        " people.csv (got 'E-77')",
        "activities.csv line 8, column 'Employee ID': no person with this id in"
        " people.csv (got 'E-77')",
        "activities.csv line 8, column 'amount': expected a number of credits, got 'x'",
    ]
    assert lost.label.endswith("activities.csv line 7")


def test_a_wrong_column_mapping_is_refused_at_once():
    with pytest.raises(InvalidInput) as raised:
        read_hr_export("p.csv", "a.csv", columns={"employee": "Employee ID", "name": " "})
    assert raised.value.record == "mapping"
    assert [p.path for p in raised.value.problems] == ["columns['employee']", "columns['name']"]
    with pytest.raises(InvalidInput, match="the header of 'name' too"):
        read_hr_export("p.csv", "a.csv", columns={"body": "name"})


def test_every_recognised_column_is_documented():
    assert set(PEOPLE_COLUMNS) == {
        "person_id",
        "name",
        "birth_date",
        "body",
        "credential",
        "certified_on",
        "expires_on",
        "member",
        "first_renewal",
        "originally_issued_on",
        "inactive",
    }
    assert set(ACTIVITY_COLUMNS) == {
        "person_id",
        "title",
        "completed_on",
        "amount",
        "unit",
        "area",
        "other_areas",
        "provider",
        "approved_by",
        "certificate_id",
        "tags",
        "started_on",
    }
    doc = read_hr_export.__doc__ or ""
    assert "PEOPLE_COLUMNS" in doc
    assert "ACTIVITY_COLUMNS" in doc


def test_all_columns_are_read(tmp_path):
    people = (
        "person_id,name,birth_date,body,credential,certified_on,expires_on,member,"
        "first_renewal,originally_issued_on,inactive\n"
        "E-1,Ana,1980-01-31,AAMA,CMA,2022-03-10,2027-03-31,y,no,2012-03-10,0\n"
    )
    activities = (
        "person_id,title,completed_on,amount,unit,area,other_areas,provider,approved_by,"
        "certificate_id,tags,started_on\n"
        "E-1,Course,2023-02-10,1.5,contact_hour,clinical,general;administrative,AAMA,AAMA,"
        "C-1,ethics,2023-02-01\n"
    )
    (record,) = read(tmp_path, people, activities, columns=None)
    ana = record.value
    assert ana is not None
    assert str(ana.facts.birth_date) == "1980-01-31"
    (cma,) = ana.credentials
    assert (str(cma.expires_on), cma.facts.member, cma.facts.first_renewal) == (
        "2027-03-31",
        True,
        False,
    )
    assert (str(cma.facts.originally_issued_on), cma.facts.inactive) == ("2012-03-10", False)
    (course,) = ana.activities
    assert course.other_areas == {"general", "administrative"}
    assert (course.provider, course.certificate_id, str(course.started_on)) == (
        "AAMA",
        "C-1",
        "2023-02-01",
    )


def test_standard_input_and_streams_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PEOPLE.encode())))
    records = list(read_hr_export("-", io.StringIO(ACTIVITIES), columns=MAPPED))
    assert next(r.label for r in records) == "<stdin> line 2 (person 'E-1')"
    assert [len(r.value.activities) for r in records if r.value] == [2, 1, 1]


def test_the_spill_counts_the_people_and_is_removed_when_done(tmp_path):
    export = read_hr_export(
        write(tmp_path, "p.csv", PEOPLE), write(tmp_path, "a.csv", ACTIVITIES), columns=MAPPED
    )
    assert isinstance(export, HrExport)
    assert export.people is None
    assert export.spill() == 3
    directory = export._spill.directory  # type: ignore[union-attr]
    assert directory.exists()
    assert len(list(export)) == 3
    assert not directory.exists()
    with read_hr_export(tmp_path / "p.csv", tmp_path / "a.csv", columns=MAPPED) as early:
        next(early)
        directory = early._spill.directory  # type: ignore[union-attr]
    assert not directory.exists()
    assert list(early) == []


def test_the_example_hr_export_as_of_the_examples_date(installed):
    records = list(
        read_hr_export(HR / "people.csv", HR / "activities.csv", mapping=HR / "mapping.toml")
    )
    assert [r.error for r in records] == [None] * 6
    people = {r.value.id: r.value for r in records if r.value is not None}
    assert people["E-1003"].attributes == {"department": "Urgent Care", "manager": "Ravi Patel"}
    verdicts = {pid: evaluate(p, as_of=AS_OF, registry=installed) for pid, p in people.items()}
    assert all(v.errors == () for v in verdicts.values())
    both = [pid for pid, p in people.items() if len(p.credentials) == 2]
    assert both == ["E-1001", "E-1005"]
    maria = verdicts["E-1001"]
    assert maria.usable
    assert [str(v.expires_on) for v in maria.verdicts] == ["2027-03-31", "2026-12-01"]
    assert all(v.recommended and v.recommended.can_recertify_now for v in maria.verdicts)
    # The same training counts for both of Maria's credentials.
    infection = [
        [r for r in v.counted if r.activity.title.startswith("Infection")] for v in maria.verdicts
    ]
    assert [len(found) for found in infection] == [1, 1]
    (aisha,) = verdicts["E-1003"].verdicts
    assert aisha.status is Status.LAPSED
    assert not aisha.usable
    (luis,) = verdicts["E-1006"].verdicts
    assert luis.status is Status.GRACE
    assert not luis.usable
    (james,) = verdicts["E-1002"].verdicts
    assert james.usable
    assert str(james.expires_on) == "2027-01-15"
    assert james.recommended is not None
    assert not james.recommended.can_recertify_now
    grace_cma, _ = verdicts["E-1005"].verdicts
    assert str(grace_cma.expires_on) == "2026-12-31"
    assert sorted(pid for pid, v in verdicts.items() if not v.usable) == ["E-1003", "E-1006"]


def test_an_id_cell_too_long_is_reported_as_such(tmp_path):
    records = read(tmp_path, PEOPLE + "E-" + "9" * 10_001 + ",Zed,AAMA,CMA,2022-03-10,\n")
    (message,) = problems(records[-1], tmp_path)
    assert "a cell of 10003 characters; at most 10000 are read" in message


def test_the_invalid_example_hr_export_reports_each_bad_row_and_reads_the_rest():
    invalid = ROOT / "examples" / "invalid" / "hr"
    records = list(
        read_hr_export(invalid / "people.csv", invalid / "activities.csv", columns=MAPPED)
    )
    read_fine = [r.value.id for r in records if r.value is not None]
    assert read_fine == ["E-3001", "E-3004"]
    bad = [r.label.split("/hr/")[1] for r in records if r.error is not None]
    assert bad == [
        "people.csv line 3 (person 'E-3002')",  # a bad date and, elsewhere, a bad amount
        "people.csv line 4",  # no id
        "activities.csv line 4 (person 'E-3099')",  # no such person, on lines 4 and 6
        "activities.csv line 7",  # no id
    ]


def test_a_row_that_is_not_csv_far_into_a_file_is_named_by_its_line(tmp_path):
    rows = "".join(f"E-{n},Course {n},2024-01-01,1,contact_hour,,,\n" for n in range(3000))
    bad = 'E-9,"' + "x" * 200_000 + '",2024-01-01,1,contact_hour,,,\n'
    with pytest.raises(InvalidInput) as raised:
        read(tmp_path, activities=ACTIVITIES + rows + bad + rows)
    assert "line 3006: not CSV that can be read" in str(raised.value)


def test_a_row_of_many_lines_is_named_by_the_line_it_starts_on(tmp_path):
    many = 'E-1,"A course\nin two lines",2024-01-01,x,contact_hour,clinical,,\n'
    rows = "".join(f"E-2,Course {n},2024-01-01,1,contact_hour,clinical,,\n" for n in range(3))
    records = read(
        tmp_path, activities=ACTIVITIES + rows + many + rows + "E-1,Bad,2024-02-30,1,h,,,\n"
    )
    assert problems(records[0], tmp_path)[-2:] == [
        "activities.csv line 9, column 'amount': expected a number of credits, got 'x'",
        "activities.csv line 14, column 'completed_on': expected a date as YYYY-MM-DD,"
        " got '2024-02-30'",
    ]
