"""An HR export read as it comes: the mapping (headers, value maps, kept columns) from Python
or a TOML file, every value no map covers named by file, line, column and value, and the
errors of a person's evaluation said of the files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from support import ROOT

from recertlib import InvalidInput, MissingFact, Outcome, Person, Registry
from recertlib.cli import main
from recertlib.io import HrMapping, read_hr_export, read_hr_mapping
from recertlib.io.progress import REPORT_EVERY, Progress, Stage

HR = ROOT / "examples" / "people" / "hr"

PEOPLE = """\
Emp #,Full Name,Cert,Cert Date,Member?,Manager,Dept
E-1,Ana Diaz,cma (aama),2022-03-10,Y,Dana Smith,Clinic
E-2,Ben Cho, CCMA (NHA) ,2025-01-15,,Lee Ortiz,Clinic
E-1,Ana Diaz,CCMA (NHA),2024-12-01,N,Dana Smith,Clinic
"""

ACTIVITIES = """\
Emp #,Course,Done,Credit,Type,Cat,Accredited
E-2,Phlebotomy,2025-06-15,8,Hours,CLN,NHA
E-1,Ethics,2023-02-10,600,minutes,ADM,AAMA;NHA
E-1,Infection Control,2025-01-20,1.5,HOURS,CLN,
"""

MAPPING = HrMapping(
    columns={
        "person_id": "Emp #",
        "name": "Full Name",
        "credential": "Cert",
        "certified_on": "Cert Date",
        "member": "Member?",
        "title": "Course",
        "completed_on": "Done",
        "amount": "Credit",
        "unit": "Type",
        "area": "Cat",
        "approved_by": "Accredited",
    },
    values={
        "credential": {
            "CMA (AAMA)": {"body": "AAMA", "credential": "CMA"},
            "CCMA (NHA)": {"body": "NHA", "credential": "CCMA"},
        },
        "member": {"Y": True, "N": False},
        "unit": {"Hours": "contact_hour", "Minutes": "minute"},
        "area": {"ADM": "administrative", "CLN": "clinical"},
    },
    keep={"manager": "Manager", "department": "Dept"},
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(
    tmp_path: Path,
    people: str = PEOPLE,
    activities: str = ACTIVITIES,
    mapping: HrMapping | Path = MAPPING,
    **options: object,
) -> list[Outcome[Person]]:
    return list(
        read_hr_export(
            write(tmp_path, "people.csv", people),
            write(tmp_path, "activities.csv", activities),
            mapping=mapping,
            **options,  # type: ignore[arg-type]
        )
    )


def problems(record: Outcome[Person], tmp_path: Path) -> list[str]:
    assert record.error is not None
    return [str(p).replace(f"{tmp_path}/", "") for p in record.error.problems]


def test_codes_are_read_as_what_they_stand_for(tmp_path: Path) -> None:
    ana, ben = (record.value for record in read(tmp_path))
    assert ana is not None
    assert ben is not None
    assert [(c.body, c.credential) for c in ana.credentials] == [("AAMA", "CMA"), ("NHA", "CCMA")]
    assert [c.facts.member for c in ana.credentials] == [True, False]
    assert ben.credentials[0].facts.member is None  # an empty cell the map does not name
    assert [(a.title, a.unit, str(a.amount), a.area) for a in ana.activities] == [
        ("Ethics", "minute", "600", "administrative"),
        ("Infection Control", "contact_hour", "1.5", "clinical"),
    ]
    assert ana.activities[0].approved_by == {"AAMA", "NHA"}


def test_kept_columns_are_the_persons_attributes(tmp_path: Path) -> None:
    ana, ben = (record.value for record in read(tmp_path))
    assert ana is not None
    assert ben is not None
    assert ana.attributes == {"department": "Clinic", "manager": "Dana Smith"}
    assert ben.attributes == {"department": "Clinic", "manager": "Lee Ortiz"}


def test_a_kept_value_that_differs_between_a_persons_rows_is_reported(tmp_path: Path) -> None:
    people = PEOPLE.replace("N,Dana Smith", "N,Dana Smyth")
    (ana, _) = read(tmp_path, people)
    assert problems(ana, tmp_path) == [
        "people.csv line 4, column 'Manager': differs from line 2: 'Dana Smith' (got 'Dana Smyth')"
    ]


def test_a_value_no_map_covers_names_the_file_line_column_and_value(tmp_path: Path) -> None:
    people = PEOPLE.replace("cma (aama)", "LPN (Texas)")
    activities = ACTIVITIES.replace("HOURS,CLN", "CME,CLN").replace("ADM,AAMA", "XYZ,AAMA")
    ana, _ = read(tmp_path, people, activities)
    found = problems(ana, tmp_path)
    assert found[0] == (
        "people.csv line 2, column 'Cert': no value mapping of this column covers it; it maps"
        " 'CMA (AAMA)', 'CCMA (NHA)' (got 'LPN (Texas)')"
    )
    assert "activities.csv line 3, column 'Cat': no value mapping" in found[1]
    assert found[1].endswith("(got 'XYZ')")
    assert "activities.csv line 4, column 'Type': no value mapping" in found[2]
    assert found[2].endswith("(got 'CME')")
    assert len(found) == 3


def test_each_item_of_a_list_is_mapped(tmp_path: Path) -> None:
    mapping = MAPPING.updated(values={"approved_by": {"AAMA": "AAMA", "CA-BRN": "BRN", "X": ""}})
    activities = ACTIVITIES.replace("AAMA;NHA", "CA-BRN; aama ;X")
    ana = read(tmp_path, activities=activities, mapping=mapping)[0].value
    assert ana is not None
    assert ana.activities[0].approved_by == {"BRN", "AAMA"}
    # An item no code covers is refused, named: NHA, on Ben's row.
    ben = read(tmp_path, mapping=mapping)[1]
    assert problems(ben, tmp_path)[0].startswith("activities.csv line 2, column 'Accredited'")
    assert problems(ben, tmp_path)[0].endswith("(got 'NHA')")


def test_an_empty_cell_is_mapped_when_the_map_names_it(tmp_path: Path) -> None:
    mapping = MAPPING.updated(values={"member": {"Y": True, "N": False, "": False}})
    (_, ben) = read(tmp_path, mapping=mapping)
    assert ben.value is not None
    assert ben.value.credentials[0].facts.member is False


def test_the_body_a_code_stands_for_is_no_column_of_the_file(tmp_path: Path) -> None:
    people = PEOPLE.replace("Full Name,Cert", "Full Name,Body,Cert").replace(
        "Ana Diaz,", "Ana Diaz,AAMA,"
    )
    people = people.replace("Ben Cho,", "Ben Cho,NHA,")
    with pytest.raises(InvalidInput) as raised:
        read(tmp_path, people)
    assert "line 1, column 3: this column is what another column's values stand for" in str(
        raised.value
    )


def test_a_kept_column_the_file_lacks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="missing the column 'Dept' \\(department\\)"):
        read(tmp_path, PEOPLE.replace(",Dept", ",Division"))


def test_what_is_given_wins_over_the_mapping(tmp_path: Path) -> None:
    renamed = ACTIVITIES.replace("Course,", "Course Title,")
    records = read(tmp_path, activities=renamed, columns={"activities.title": "Course Title"})
    assert all(record.ok for record in records)


# --- the mapping file ------------------------------------------------------------------------


def test_the_examples_mapping_file_reads_the_examples_export() -> None:
    mapping = read_hr_mapping(HR / "mapping.toml")
    assert mapping.source == str(HR / "mapping.toml")
    assert mapping.keep == {"manager": "Manager", "department": "Department"}
    assert mapping.values["credential"]["CMA (AAMA)"] == {"body": "AAMA", "credential": "CMA"}
    with read_hr_export(HR / "people.csv", HR / "activities.csv", mapping=mapping) as export:
        people = [record.value for record in export]
    assert [p.id for p in people if p is not None] == [f"E-100{n}" for n in range(1, 7)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[columns\n", "$: not TOML: "),
        ("colums = {}\n", "colums: unknown key; known: columns, keep, values, ignore"),
        ("columns = 3\n", "columns: expected a table"),
        ("ignore = 'Notes'\n", "ignore: expected a list of headers"),
        ("[columns]\nemployee = 'Emp #'\n", "columns['employee']: unknown name; known: "),
        ("[columns]\n'activities.name' = 'N'\n", "not a column of the activities CSV"),
        ("[keep]\nname = 'Full Name'\n", "keep['name']: expected a name of your own"),
        ("[values.nope]\nA = 'b'\n", "values['nope']: not a column of the mapping's files"),
        ("[values.unit]\nHours = true\n", "unit is not a yes-or-no column: expected text"),
        ("[values.unit]\nHours = 'contact_hour'\nhours = 'x'\n", "the same code as 'Hours'"),
        ("[values.tags]\nA = {tags = 'x'}\n", "each item of tags stands for one item"),
        ("[values.credential]\nA = {holder = 'x'}\n", "not a column of the same file"),
        ("[values.credential]\nA = {person_id = 'x'}\n", "a person's id is never mapped"),
        ("[values.unit]\nHours = 3\n", "expected text (or true or false for a yes-or-no column)"),
        ("[values.member]\nY = 'maybe'\n", "member is a yes-or-no column: expected true or false"),
        (
            "[values.credential]\nA = {body = 'NHA', credential = 'CCMA', inactive = 'odd'}\n",
            "values['credential']['A']['inactive']",
        ),
    ],
)
def test_a_bad_mapping_file_names_the_file_and_what_is_wrong(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, "mapping.toml", text)
    with pytest.raises(InvalidInput) as raised:
        read_hr_mapping(path)
    assert raised.value.record == str(path)
    assert expected in str(raised.value)


@pytest.mark.parametrize("said", ["yes", "N", " true ", "0"])
def test_a_yes_or_no_column_may_be_mapped_to_what_its_cells_may_say(
    tmp_path: Path, said: str
) -> None:
    path = write(tmp_path, "mapping.toml", f"[values.member]\nMember = '{said}'\n")
    assert read_hr_mapping(path).values["member"]


def test_a_mapping_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot read the file"):
        read_hr_mapping(tmp_path / "missing.toml")


def test_a_mapping_file_given_by_path(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mapping.toml",
        "[columns]\nperson_id = 'Emp #'\nname = 'Full Name'\ncredential = 'Cert'\n"
        "certified_on = 'Cert Date'\nmember = 'Member?'\n"
        "[keep]\nmanager = 'Manager'\ndepartment = 'Dept'\n"
        "[values.credential]\n'CMA (AAMA)' = {body = 'AAMA', credential = 'CMA'}\n"
        "'CCMA (NHA)' = {body = 'NHA', credential = 'CCMA'}\n"
        "[values.member]\nY = true\nN = false\n",
    )
    activities = "Emp #,title,completed_on,amount,unit\nE-1,Ethics,2023-02-10,1,contact_hour\n"
    records = read(tmp_path, activities=activities, mapping=path)
    assert [record.ok for record in records] == [True, True]


# --- errors of the evaluation, said of the files ------------------------------------------------

RN_PEOPLE = """\
Emp #,Full Name,Date of Birth,Cert,Cert Date
N-1,Rae Moss,,RN (California),2023-07-01
N-2,Sol Park,1990-05-20,RN (California),2023-07-01
"""
RN_MAPPING = HrMapping(
    columns={"person_id": "Emp #", "name": "Full Name", "birth_date": "Date of Birth"}
    | {"credential": "Cert", "certified_on": "Cert Date"},
    values={"credential": {"RN (California)": {"body": "CA-BRN", "credential": "RN"}}},
)


def test_a_missing_fact_names_the_line_and_the_column_as_the_file_spells_it(
    tmp_path: Path, installed: Registry
) -> None:
    with read_hr_export(
        write(tmp_path, "people.csv", RN_PEOPLE),
        write(tmp_path, "activities.csv", "Emp #,title,completed_on,amount,unit\n"),
        mapping=RN_MAPPING,
    ) as export:
        rae, sol = export.evaluate(as_of="2025-06-30", registry=installed)
    assert rae.value is not None
    (error,) = rae.value.errors
    assert isinstance(error, MissingFact)
    assert error.fact == "birth_date"
    (problem,) = error.problems
    assert problem.path == f"{tmp_path}/people.csv line 2, column 'Date of Birth'"
    assert "required by the CA-BRN RN rules" in problem.message
    assert error.record == f"{tmp_path}/people.csv line 2 (person 'N-1', CA-BRN RN)"
    # Sol has the birth date; what is missing next is said of its column too, which the file
    # does not have.
    assert sol.value is not None
    (missing,) = sol.value.errors
    assert isinstance(missing, MissingFact)
    assert missing.problems[0].path == f"{tmp_path}/people.csv line 3, column 'first_renewal'"
    assert missing.problems[0].message.endswith(
        "; people.csv has no such column".replace("people.csv", f"{tmp_path}/people.csv")
    )


def test_errors_are_said_of_the_files_when_workers_evaluate_ahead(
    tmp_path: Path, installed: Registry
) -> None:
    # Two processes, one person a chunk: the export has read further than each outcome.
    with read_hr_export(
        write(tmp_path, "people.csv", RN_PEOPLE),
        write(tmp_path, "activities.csv", "Emp #,title,completed_on,amount,unit\n"),
        mapping=RN_MAPPING,
    ) as export:
        rae, sol = export.evaluate(as_of="2025-06-30", registry=installed, workers=2, chunk_size=1)
    assert rae.value is not None
    assert sol.value is not None
    assert rae.value.errors[0].problems[0].path == (
        f"{tmp_path}/people.csv line 2, column 'Date of Birth'"
    )
    assert sol.value.errors[0].problems[0].path == (
        f"{tmp_path}/people.csv line 3, column 'first_renewal'"
    )


@pytest.mark.parametrize("jobs", [[], ["--jobs", "2"]])
def test_the_command_line_says_it_of_the_files_too(tmp_path: Path, jobs: list[str]) -> None:
    mapping = write(
        tmp_path,
        "mapping.toml",
        "[columns]\nperson_id = 'Emp #'\nname = 'Full Name'\nbirth_date = 'Date of Birth'\n"
        "credential = 'Cert'\ncertified_on = 'Cert Date'\n"
        "[values.credential]\n'RN (California)' = {body = 'CA-BRN', credential = 'RN'}\n",
    )
    people = write(tmp_path, "people.csv", RN_PEOPLE)
    activities = write(tmp_path, "activities.csv", "Emp #,title,completed_on,amount,unit\n")
    out, errors = io.StringIO(), io.StringIO()
    argv = ["check", "--people-csv", str(people), "--activities-csv", str(activities)]
    code = main([*argv, "--mapping", str(mapping), "--as-of", "2025-06-30", *jobs], out, errors)
    err = errors.getvalue()
    assert code == 2  # both could not be evaluated
    assert f"{people} line 2, column 'Date of Birth': required by the CA-BRN RN rules" in err
    assert f"{people} line 3, column 'first_renewal'" in err
    assert "$.credential.facts" not in err


# --- progress -----------------------------------------------------------------------------------


def test_progress_is_told_of_the_spill_the_reading_and_the_evaluation(
    tmp_path: Path, installed: Registry
) -> None:
    reading: list[Progress] = []
    evaluating: list[Progress] = []
    export = read_hr_export(
        write(tmp_path, "people.csv", PEOPLE),
        write(tmp_path, "activities.csv", ACTIVITIES),
        mapping=MAPPING,
        progress=reading.append,
    )
    outcomes = list(
        export.evaluate(as_of="2025-06-30", registry=installed, progress=evaluating.append)
    )
    assert len(outcomes) == 2
    stages = [(p.stage, p.unit) for p in reading]
    assert stages == [
        (Stage.SPILLING, "bytes"),
        (Stage.SPILLING, "bytes"),
        (Stage.INDEXING, ""),
        (Stage.READING, "people"),
        (Stage.READING, "people"),
    ]
    people_file, activities_file = reading[0], reading[1]
    assert people_file.source == str(tmp_path / "people.csv")
    assert people_file.done == people_file.total == len(PEOPLE.encode())
    assert people_file.fraction == 1.0
    assert activities_file.done == activities_file.total == len(ACTIVITIES.encode())
    assert [(p.done, p.total) for p in reading[-2:]] == [(1, 2), (2, 2)]
    assert [(p.stage, p.done, p.total, p.unit) for p in evaluating] == [
        (Stage.EVALUATING, 1, 2, "people"),
        (Stage.EVALUATING, 2, 2, "people"),
    ]
    assert Progress(Stage.READING, 3, None, "people").fraction is None


def test_a_long_file_is_reported_every_so_many_rows_and_its_end_once(tmp_path: Path) -> None:
    rows = [f"E-{n},Person {n},AAMA,CMA,2023-04-18" for n in range(2 * REPORT_EVERY + 1)]
    people = write(
        tmp_path,
        "people.csv",
        "\n".join(["Employee ID,name,body,credential,certified_on", *rows]) + "\n",
    )
    activities = write(tmp_path, "activities.csv", "Employee ID,title,completed_on,amount,unit\n")
    reports: list[Progress] = []
    export = read_hr_export(
        people, activities, columns={"person_id": "Employee ID"}, progress=reports.append
    )
    assert export.spill() == len(rows)
    export.close()
    spilled = [p.done for p in reports if p.stage is Stage.SPILLING and p.source == str(people)]
    size = people.stat().st_size
    assert len(spilled) == 3  # after each chunk of REPORT_EVERY rows, and the last one
    assert spilled == sorted(spilled)
    assert spilled[-1] == size
    assert spilled[0] < size
