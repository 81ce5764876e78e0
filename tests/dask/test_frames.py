"""An HR export pair held in two Dask DataFrames, evaluated on a cluster of two worker processes
and on Dask's synchronous scheduler, gives the outcomes the file reader gives for the same rows
written as CSV files: the same verdicts, the same errors, in the same order, as the same JSON
bytes but for the naming of rows (``people partition P row R`` for ``people.csv line L``)."""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import dask.dataframe as dd
import pandas as pd
import pytest

from recertlib import InvalidInput, Outcome, PersonVerdict, read_hr_export
from recertlib.dask import PluginChoice, PluginsDiffer, plugin_choice
from recertlib.dask.frames import _spilled_rows, evaluate_hr_frames
from recertlib.errors import UnknownCredential
from recertlib.io import HrMapping, outcomes_json
from recertlib.plugins import PluginSettings

AS_OF = "2026-11-25"
PEOPLE = 240
PEOPLE_FILES = 3
ACTIVITY_FILES = 4


def _mapping(units: Iterable[str]) -> HrMapping:
    """The generated export's layout: two headers of its own, a kept column, an ignored one,
    yes-or-no codes, and a code of its own for one unit (every unit a map must cover)."""
    codes = {"Hours" if unit == "contact_hour" else unit: unit for unit in units}
    return HrMapping(
        columns={"person_id": "Employee ID", "name": "Full Name"},
        values={"member": {"Y": True, "N": False}, "unit": codes},
        keep={"manager": "Manager"},
        ignore=["Notes"],
    )


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as file:
        header, *rows = csv.reader(file)
    return header, rows


class Export:
    """An export pair written twice: as one CSV file per table, for the file reader, and cut
    into part files, one partition each, for Dask; with how to say a file's line as a frame's
    row."""

    def __init__(self, folder: Path, header: tuple[list[str], list[str]]) -> None:
        self.folder = folder
        self.header = header
        self.files = (folder / "people.csv", folder / "activities.csv")
        self.places: dict[tuple[int, int], str] = {}
        self.mapping = HrMapping()

    def write(self, parts: tuple[list[list[list[str]]], list[list[list[str]]]]) -> None:
        for table, (name, header, cut) in enumerate(
            zip(("people", "activities"), self.header, parts, strict=True)
        ):
            _write(self.files[table], header, [row for part in cut for row in part])
            line = 1
            for partition, rows in enumerate(cut):
                _write(self.folder / f"{name}-{partition}.csv", header, rows)
                for row in range(1, len(rows) + 1):
                    line += 1
                    self.places[(table, line)] = f"partition {partition} row {row}"

    def frames(self) -> tuple[dd.DataFrame, dd.DataFrame]:
        return tuple(  # type: ignore[return-value]
            dd.read_csv(
                str(self.folder / f"{name}-*.csv"), dtype=str, keep_default_na=False, blocksize=None
            )
            for name in ("people", "activities")
        )

    def alone(self, **options: Any) -> list[str]:
        """Each credential's outcome as a line of JSON, from the files, each line named as
        the frames name it."""
        export = read_hr_export(*self.files, **options)
        lines = [
            json.dumps(found)
            for evaluated in export.evaluate(as_of=AS_OF)
            for found in outcomes_json(evaluated)
        ]
        return [self.as_frames(line) for line in lines]

    def as_frames(self, line: str) -> str:
        names = "|".join(re.escape(str(file)) for file in self.files)

        def place(match: re.Match[str]) -> str:
            table = [str(file) for file in self.files].index(match[1])
            return f"{('people', 'activities')[table]} {self.places[(table, int(match[2]))]}"

        line = re.sub(rf"({names}) line (\d+)", place, line)
        line = re.sub(
            r"differs from line (\d+)",
            lambda match: f"differs from {self.places[(0, int(match[1]))]}",
            line,
        )
        for file, name in zip(self.files, ("people", "activities"), strict=True):
            line = line.replace(str(file), name)
        return line


def _dealt(rows: list[list[str]], parts: int, rng: random.Random) -> list[list[list[str]]]:
    """``rows`` in a random order, dealt into ``parts`` parts of random sizes."""
    rows = rows[:]
    rng.shuffle(rows)
    cuts = sorted(rng.sample(range(1, len(rows)), parts - 1))
    return [rows[start:end] for start, end in zip([0, *cuts], [*cuts, len(rows)], strict=True)]


@pytest.fixture(scope="module")
def generated_export(tmp_path_factory: pytest.TempPathFactory, generated: ModuleType) -> Export:
    """The benchmark's HR export of generated people of all five bodies, laid out as
    ``_mapping`` says, with bad rows among them, each table's rows shuffled and cut into part
    files so that most people's rows are in several."""
    folder = tmp_path_factory.mktemp("hr")
    people_file, activities_file, _ = generated.write_hr_export(folder, PEOPLE)
    people_header, people = _read(people_file)
    activity_header, activities = _read(activities_file)
    people_header = ["Full Name" if name == "name" else name for name in people_header] + [
        "Manager"
    ]
    for row in people:
        row[7] = {"yes": "Y", "no": "N"}.get(row[7], row[7])
        row.append(f"Manager {int(row[0][2:]) % 7}")
    activity_header = [*activity_header, "Notes"]
    for row in activities:
        row[4] = "Hours" if row[4] == "contact_hour" else row[4]
        row.append("ignored")
    ids = [row[0] for row in people]
    twice = [index for index, row in enumerate(people) if ids.count(row[0]) == 2]
    people[3][5] = "2023-02-30"  # a bad date
    people[10][7] = "maybe"  # a code the member map does not cover
    people[twice[5]][1] = "Someone Else"  # a name that differs from the person's other row's
    people[30][0] = ""  # a row without an id
    people[40][3] = "NOPE"  # a body no plugin provides
    activities[5][3] = "lots"  # a bad amount
    activities[6][0] = "E-UNKNOWN"  # an id the people table lacks
    activities[7][0] = "E-UNKNOWN"
    activities[8][0] = ""  # a row without an id
    rng = random.Random(17)
    export = Export(folder, (people_header, activity_header))
    export.mapping = _mapping({row[4] for row in activities} | {"contact_hour"})
    export.write((_dealt(people, PEOPLE_FILES, rng), _dealt(activities, ACTIVITY_FILES, rng)))
    return export


def test_two_worker_processes_give_the_outcomes_of_the_file_reader(cluster, generated_export):
    alone = generated_export.alone(mapping=generated_export.mapping)
    people, activities = generated_export.frames()
    assert (people.npartitions, activities.npartitions) == (PEOPLE_FILES, ACTIVITY_FILES)
    bag = evaluate_hr_frames(
        people, activities, as_of=AS_OF, mapping=generated_export.mapping, as_json=True
    )
    shared = bag.compute()
    assert shared == alone
    outcomes = [json.loads(line) for line in alone]
    bodies = {o["verdict"]["credential"]["body"] for o in outcomes if o["verdict"]}
    assert bodies == {"AAMA", "NHA", "NREMT", "NCCPA", "CA-BRN"}
    errors = [o["error"]["message"] for o in outcomes if o["error"]]
    for expected in (
        r"column 'certified_on': expected a date as YYYY-MM-DD, got '2023-02-30'",
        r"column 'member': no value mapping of this column covers it; .* \(got 'maybe'\)",
        r"column 'Full Name': differs from partition \d+ row \d+: .*Someone Else",
        r"column 'Employee ID': no person id",
        r"of body 'NOPE'",
        r"column 'amount': expected a number of credits, got 'lots'",
        r"column 'Employee ID': no person with this id in people \(got 'E-UNKNOWN'\)",
    ):
        assert any(re.search(expected, message) for message in errors), expected
    # The people read are in several partitions of both tables.
    assert len({o["record"] for o in outcomes}) > PEOPLE - 10


def test_outcome_objects_come_back_from_the_workers_in_the_file_readers_order(
    cluster, generated_export
):
    people, activities = generated_export.frames()
    shared = evaluate_hr_frames(
        people, activities, as_of=AS_OF, mapping=generated_export.mapping
    ).compute()
    alone = list(
        read_hr_export(*generated_export.files, mapping=generated_export.mapping).evaluate(
            as_of=AS_OF
        )
    )
    assert [generated_export.as_frames(o.label) for o in alone] == [o.label for o in shared]
    name = generated_export.as_frames

    def made(outcome: Outcome[PersonVerdict], named: Callable[[str], str]) -> object:
        if outcome.value is None:
            return (type(outcome.error), named(str(outcome.error)))
        return (
            outcome.value.person,
            [
                (found.label, found.value, type(found.error), named(str(found.error)))
                for found in outcome.value.outcomes
            ],
        )

    assert [made(o, str) for o in shared] == [made(o, name) for o in alone]
    unknown = [
        credential.error
        for o in shared
        if o.value
        for credential in o.value.outcomes
        if credential.error
    ]
    assert [type(error) for error in unknown] == [UnknownCredential]


def test_unordered_outcomes_are_the_same_outcomes(synchronous, generated_export):
    people, activities = generated_export.frames()
    ordered = evaluate_hr_frames(
        people, activities, as_of=AS_OF, mapping=generated_export.mapping, as_json=True
    )
    loose = evaluate_hr_frames(
        people,
        activities,
        as_of=AS_OF,
        mapping=generated_export.mapping,
        as_json=True,
        ordered=False,
    )
    ordered_lines, loose_lines = ordered.compute(), loose.compute()
    assert loose_lines != ordered_lines
    assert sorted(loose_lines) == sorted(ordered_lines)
    assert ordered.npartitions == PEOPLE_FILES + 2 * ACTIVITY_FILES


def _frame(rows: list[dict[str, Any]], partitions: int) -> dd.DataFrame:
    frame = pd.DataFrame(rows, dtype=object)
    return dd.from_pandas(frame, npartitions=partitions, sort=False)


CREDENTIAL = {"body": "AAMA", "credential": "CMA", "certified_on": "2022-03-10"}
ACTIVITY = {"title": "Ethics", "completed_on": "2023-02-10", "amount": "10", "unit": "contact_hour"}


def test_one_persons_rows_in_many_partitions_make_one_person_in_the_tables_order(synchronous):
    people = [
        {"person_id": "P-1", "name": "Ann", **CREDENTIAL, "certified_on": f"2022-03-{day:02d}"}
        for day in range(10, 16)
    ]
    people[2] = {"person_id": "P-2", "name": "Bo", **CREDENTIAL}
    activities = [
        {"person_id": "P-1", **ACTIVITY, "title": f"Course {number}"} for number in range(9)
    ]
    people_frame, activity_frame = _frame(people, 6), _frame(activities, 3)
    outcomes = evaluate_hr_frames(people_frame, activity_frame, as_of=AS_OF).compute()
    assert [o.label for o in outcomes] == [
        "people partition 0 row 1 (person 'P-1')",
        "people partition 2 row 1 (person 'P-2')",
    ]
    ann = outcomes[0].value
    assert ann is not None
    assert [c.label for c in ann.outcomes] == ["AAMA CMA"] * 5
    assert [str(c.value.credential.certified_on) for c in ann.outcomes if c.value] == [
        "2022-03-10",
        "2022-03-11",
        "2022-03-13",
        "2022-03-14",
        "2022-03-15",
    ]
    person = ann.person
    assert [a.title for a in person.activities] == [f"Course {number}" for number in range(9)]


def test_empty_tables_give_no_outcomes(synchronous):
    people = dd.from_pandas(pd.DataFrame(columns=["person_id", *CREDENTIAL], dtype=str))
    activities = dd.from_pandas(pd.DataFrame(columns=["person_id", *ACTIVITY], dtype=str))
    for ordered in (True, False):
        bag = evaluate_hr_frames(people, activities, as_of=AS_OF, ordered=ordered)
        assert bag.compute() == []


def test_empty_cells_blank_rows_and_missing_values_are_read_as_the_file_reader_reads_them(
    synchronous, tmp_path
):
    people = [
        {"person_id": " P-1 ", "name": None, **CREDENTIAL, "member": float("nan")},
        {"person_id": None, "name": "  ", "body": pd.NA},  # blank: skipped, but counted
        {"person_id": "P-2", "name": "Bo", **CREDENTIAL, "member": "sometimes"},
        {"person_id": None, "name": "Cy", **CREDENTIAL},
    ]
    activities = [
        {"person_id": "P-1", **ACTIVITY},
        {"person_id": "P-9", **ACTIVITY},
        {"person_id": "", **ACTIVITY, "amount": "-1"},
    ]
    outcomes = evaluate_hr_frames(_frame(people, 1), _frame(activities, 2), as_of=AS_OF)
    found = outcomes.compute()
    assert [o.label for o in found] == [
        "people partition 0 row 1 (person 'P-1')",
        "people partition 0 row 3 (person 'P-2')",
        "people partition 0 row 4",
        "activities partition 0 row 2 (person 'P-9')",
        "activities partition 1 row 1",
    ]
    assert found[0].value is not None
    assert len(found[0].value.person.activities) == 1
    assert str(found[1].error) == (
        "people partition 0 row 3 (person 'P-2'): people partition 0 row 3, column 'member':"
        " expected yes or no (true or false, 1 or 0) (got 'sometimes')"
    )
    assert "people partition 0 row 4, column 'person_id': no person id" in str(found[2].error)
    assert "no person with this id in people" in str(found[3].error)
    assert str(found[4].error) == (
        "activities partition 1 row 1: 2 problems:\n"
        "  - activities partition 1 row 1, column 'person_id': no person id\n"
        "  - activities partition 1 row 1, column 'amount': expected a non-negative number of"
        " credits, got '-1'"
    )
    # The same rows as CSV files: the same errors, said of lines.
    tables = [pd.DataFrame(rows, dtype=object) for rows in (people, activities)]
    export = Export(tmp_path, (list(tables[0].columns), list(tables[1].columns)))
    cells = [table.where(table.notna(), "").to_numpy().tolist() for table in tables]
    export.write(([cells[0]], [cells[1][:2], cells[1][2:]]))
    assert export.alone() == [
        line for evaluated in found for line in map(json.dumps, outcomes_json(evaluated))
    ]


def test_the_tables_columns_are_checked_in_the_client_as_a_files_header(synchronous):
    people = _frame([{"person_id": "P-1", **CREDENTIAL, "Colour": "blue"}], 1)
    activities = _frame([{"person_id": "P-1", **ACTIVITY}], 1)
    with pytest.raises(InvalidInput) as raised:
        evaluate_hr_frames(people, activities, as_of=AS_OF)
    assert str(raised.value).startswith("people: header, column 5: unknown column; expected")
    assert str(raised.value).endswith("(got 'Colour')")
    evaluate_hr_frames(people, activities, as_of=AS_OF, ignore_columns=["colour"])
    no_date = activities.drop(columns=["completed_on"])
    with pytest.raises(InvalidInput) as raised:
        evaluate_hr_frames(people, no_date, as_of=AS_OF, ignore_columns=["colour"])
    assert str(raised.value) == "activities: header: missing the column 'completed_on'"
    renamed = people.rename(columns={"person_id": "Employee ID"})
    with pytest.raises(InvalidInput, match=r"\n  - header: missing the column 'person_id'$"):
        evaluate_hr_frames(renamed, activities, as_of=AS_OF, ignore_columns=["colour"])
    evaluate_hr_frames(
        renamed,
        activities,
        as_of=AS_OF,
        ignore_columns=["colour"],
        columns={"people.person_id": "Employee ID"},
    )


def test_a_column_read_as_numbers_is_refused_naming_it(synchronous):
    people = dd.from_pandas(pd.DataFrame({"person_id": [1001], **CREDENTIAL}))
    activities = _frame([{"person_id": "1001", **ACTIVITY}], 1)
    with pytest.raises(InvalidInput) as raised:
        evaluate_hr_frames(people, activities, as_of=AS_OF)
    assert str(raised.value) == (
        "people: header, column 1: holds int64, not text: read the table with dtype=str"
        " (got 'person_id')"
    )


def test_the_mapping_and_the_date_are_checked_in_the_client():
    people = _frame([{"person_id": "P-1", **CREDENTIAL}], 1)
    activities = _frame([{"person_id": "P-1", **ACTIVITY}], 1)
    with pytest.raises(InvalidInput, match="unknown name"):
        evaluate_hr_frames(people, activities, as_of=AS_OF, columns={"colour": "Colour"})
    with pytest.raises(InvalidInput, match="as_of"):
        evaluate_hr_frames(people, activities, as_of="2026-02-30")


def test_names_name_the_tables_in_every_error(synchronous):
    people = _frame([{"person_id": "P-1", **CREDENTIAL, "certified_on": "soon"}], 1)
    activities = _frame([{"person_id": "P-1", **ACTIVITY}], 1)
    [outcome] = evaluate_hr_frames(people, activities, as_of=AS_OF, names=("HR", "LMS")).compute()
    assert isinstance(outcome, Outcome)
    assert str(outcome.error).startswith("HR partition 0 row 1 (person 'P-1'): HR partition 0")


def test_a_partition_with_more_rows_than_a_row_number_can_say_is_refused():
    frame = pd.DataFrame({"person_id": ["P-1", "P-2", "P-3"]}, dtype=object)
    assert len(_spilled_rows(frame, "1", 0, 4, {"number": 0})) == 3
    with pytest.raises(ValueError, match="partition 2 has 3 rows, but a row's number can say"):
        _spilled_rows(frame, "1", 0, 3, {"number": 2})


def test_the_workers_load_the_plugins_the_client_chose(synchronous):
    people = _frame([{"person_id": "P-1", **CREDENTIAL}, {"person_id": "P-2", **CREDENTIAL}], 2)
    activities = _frame([{"person_id": "P-1", **ACTIVITY}], 1)
    none = plugin_choice(allow=[])
    [first, second] = evaluate_hr_frames(people, activities, as_of=AS_OF, plugins=none).compute()
    assert [type(o.error) for o in first.value.outcomes] == [UnknownCredential]
    assert second.label == "people partition 1 row 1 (person 'P-2')"
    claimed = PluginChoice(PluginSettings(), (("recertlib-aama", "recertlib-aama 0.0.1"),))
    bag = evaluate_hr_frames(people, activities, as_of=AS_OF, plugins=claimed)
    with pytest.raises(PluginsDiffer, match=r"but the client loaded \{recertlib-aama 0\.0\.1\}"):
        bag.compute()


def test_importing_recertlib_dask_imports_no_data_frames():
    code = (
        "import sys, recertlib.dask\n"
        "print(sorted(m for m in sys.modules"
        " if m.split('.')[0] == 'pandas' or m.startswith('dask.dataframe')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
