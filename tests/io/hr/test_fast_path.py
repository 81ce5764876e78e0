"""The reader's two paths make the same values: a well-formed row read by the fast path (each
distinct value parsed once, the activity made without checking again) is exactly what the
types' own converters make of it; a row the fast path does not take is read by the slow path,
whose problems are the types' own. And the spill gives back every cell as the file has it."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from recertlib.inputs import Activity
from recertlib.io.csv_files import PlainLines, Table
from recertlib.io.hr.columns import ACTIVITY_COLUMNS, PEOPLE_COLUMNS
from recertlib.io.hr.mapping import HrMapping
from recertlib.io.hr.rows import RowReader
from recertlib.io.hr.spill import (
    ACTIVITIES,
    CELL,
    PEOPLE,
    cells_of,
    encode,
    encode_all,
    encode_plain,
)

ACTIVITY_ORDER = list(ACTIVITY_COLUMNS)
PEOPLE_ORDER = [*PEOPLE_COLUMNS, "manager"]
MAPPING = HrMapping(
    values={
        "unit": {"Hours": "contact_hour", "Min": "minute", "Skip": ""},
        "approved_by": {"CA-BRN": "BRN", "AAMA": "AAMA", "X": ""},
        "credential": {"CMA-AAMA": {"body": "AAMA", "credential": "CMA"}},
        "member": {"Y": True, "N": False},
    },
    keep={"manager": "Manager"},
)


def reader(file: str, order: list[str], mapping: HrMapping) -> RowReader:
    headers = mapping.headers(file)
    table = Table(f"{file}.csv", headers, (), file_in_location=True)
    positions = {name: index for index, name in enumerate(order)}
    kept = tuple(mapping.keep) if file == "people" else ()
    return RowReader(table, positions, len(order), mapping.value_maps(file), kept)


cells = st.one_of(
    st.just(""),
    st.sampled_from([" ", "  x ", "a;b", ";", "X", "Hours", "Min", "Skip", "CA-BRN; aama", "Y"]),
    st.sampled_from(["2023-02-10", " 2024-02-29 ", "2023-02-30", "0099-12-31", "2024-1-5"]),
    st.sampled_from(["1", "1.5", " 2 ", "-1", "1e3", "0", "1000001", "0.0000001", "\uff11"]),
    st.text(max_size=8),
    st.text(alphabet='\x1d\x1e\x1f;, "\n', max_size=4),
)


def mostly(good: list[str]) -> Any:
    """A column's cells: mostly well formed, now and then anything."""
    return st.integers(0, 19).flatmap(lambda n: cells if n == 0 else st.sampled_from(good))


DATES = ["2023-02-10", " 2024-02-29 ", "2022-12-31", "2023-02-11"]
COLUMN_CELLS = {
    "title": mostly(["Ethics", " Infection Control ", 'A, B; "C"']),
    "completed_on": mostly(DATES),
    "amount": mostly(["1", "1.5", " 2 ", "0", "12.25"]),
    "unit": mostly(["Hours", "Min", " HOURS "]),
    "area": mostly(["", "clinical", "General"]),
    "other_areas": mostly(["", "general; clinical", ";"]),
    "provider": mostly(["", "AAMA e-Learning"]),
    "approved_by": mostly(["", "AAMA", "CA-BRN; aama", "AAMA;X", "X"]),
    "certificate_id": mostly(["", "C-1"]),
    "tags": mostly(["", "Ethics; implicit BIAS", "ethics"]),
    "started_on": mostly(["", "", "", "2022-01-01", "2023-02-10", "2024-03-01"]),
}


@st.composite
def activity_rows(draw: Any, width: int) -> list[str]:
    row = ["E-1", *(draw(COLUMN_CELLS[name]) for name in ACTIVITY_ORDER[1:])]
    shape = draw(st.sampled_from(["same"] * 8 + ["short", "long"]))
    if shape == "short":
        return row[:-1]
    return [*row, "extra"] if shape == "long" else row


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=activity_rows(len(ACTIVITY_ORDER)), mapped=st.booleans())
def test_a_row_the_fast_path_takes_is_what_the_slow_path_makes(
    row: list[str], mapped: bool
) -> None:
    read = reader("activities", ACTIVITY_ORDER, MAPPING if mapped else HrMapping())
    ((person_id, spilled),) = encode_all(ACTIVITIES, [(7, list(row))], 0)
    fast = read.fast_activity(spilled)
    slow = read.activity(spilled, person_id)
    event(f"fast path: {fast is not None}")
    if fast is None:
        # The slow path reads it; a row with nothing wrong is one the fast path leaves to it
        # only when a cell holds one of the spill's separators.
        assert slow.problems or any(mark in "".join(row) for mark in "\x1d\x1e\x1f")
        return
    assert slow.problems == []
    assert isinstance(slow.item, Activity)
    assert fast == slow.item
    for field in attrs.fields(Activity):
        assert type(getattr(fast, field.name)) is type(getattr(slow.item, field.name))
    assert read.short_activity(spilled) == fast


def test_the_fast_path_takes_the_rows_it_is_for() -> None:
    read = reader("activities", ACTIVITY_ORDER, MAPPING)
    row = [
        "E-1",
        "Ethics",
        "2023-02-10",
        "1.5",
        "Hours",
        "clinical",
        "",
        "",
        "CA-BRN;X",
        "",
        "",
        "",
    ]
    ((_, spilled),) = encode_all(ACTIVITIES, [(2, row)], 0)
    activity = read.fast_activity(spilled)
    assert activity == Activity(
        "Ethics", "2023-02-10", "1.5", "contact_hour", area="clinical", approved_by={"BRN"}
    )
    long = [*row[:1], "t" * 20_000, *row[2:]]
    ((person_id, spilled),) = encode_all(ACTIVITIES, [(2, long)], 0)
    assert read.fast_activity(spilled) is None  # the slow path says why
    assert "a cell of 20000 characters" in str(read.activity(spilled, person_id).problems)


PEOPLE_CELLS = {
    "name": mostly(["", "Ana Diaz", " Ben "]),
    "birth_date": mostly(["", "1988-04-12", "1980-02-29"]),
    "body": mostly(["", "", "AAMA"]),
    "credential": mostly(["", "CMA-AAMA", "cma-aama", "CMA"]),
    "certified_on": mostly(["", "2022-03-10", "2024-02-29"]),
    "expires_on": mostly(["", "", "2027-03-31", "2022-03-09"]),
    "member": mostly(["", "Y", "n", "yes", "FALSE"]),
    "first_renewal": mostly(["", "yes", "0"]),
    "originally_issued_on": mostly(["", "2012-03-10"]),
    "inactive": mostly(["", "no", "T"]),
    "manager": mostly(["", "Dana Smith"]),
}


UNMAPPED_PEOPLE_CELLS = {
    **PEOPLE_CELLS,
    "body": mostly(["", "AAMA", " NHA "]),
    "credential": mostly(["", "CMA", "CCMA"]),
    "member": mostly(["", "yes", "N", "1", "maybe"]),
}


@st.composite
def people_rows(draw: Any, columns: dict[str, Any]) -> list[str]:
    return ["E-1", *(draw(columns[name]) for name in PEOPLE_ORDER[1:])]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=people_rows(UNMAPPED_PEOPLE_CELLS))
def test_a_people_row_of_a_file_without_maps_reads_the_same_by_either_path(
    row: list[str],
) -> None:
    read = reader("people", PEOPLE_ORDER, HrMapping(keep={"manager": "Manager"}))
    ((person_id, spilled),) = encode_all(PEOPLE, [(3, list(row))], 0)
    fast = read._fast_person(spilled, person_id or "")
    slow = read._slow_person_row(spilled, person_id)
    event(f"fast path: {fast is not None}")
    if fast is None:
        assert slow.problems or any(mark in "".join(row) for mark in "\x1d\x1e\x1f")
        return
    assert slow.problems == []
    assert fast == slow


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=people_rows(PEOPLE_CELLS))
def test_a_people_row_reads_the_same_by_either_path(row: list[str]) -> None:
    read = reader("people", PEOPLE_ORDER, MAPPING)
    ((person_id, spilled),) = encode_all(PEOPLE, [(3, list(row))], 0)
    assert person_id == "E-1"
    fast = read._fast_person(spilled, person_id)
    slow = read._slow_person_row(spilled, person_id)
    event(f"fast path: {fast is not None}")
    if fast is None:
        assert slow.problems or any(mark in "".join(row) for mark in "\x1d\x1e\x1f")
        return
    assert slow.problems == []
    assert fast == slow


@given(row=st.lists(st.text(), min_size=1, max_size=6))
def test_the_spill_gives_back_every_cell_as_the_file_has_it(row: list[str]) -> None:
    ((person_id, encoded),) = encode_all(ACTIVITIES, [(12, list(row))], 0)
    assert person_id == (row[0].strip() or None)
    if person_id is None:
        assert encoded == encode(ACTIVITIES, 12, row)
    assert cells_of(encoded, person_id, 0)[1:] == [person_id or row[0], *row[1:]]


# --- plain lines: a file's lines without quotes, cut without the csv module ----------------------

plain_cells = st.text(alphabet=st.characters(blacklist_characters="\x1f\r\n"), max_size=6)


@given(
    rows=st.lists(st.lists(plain_cells, min_size=1, max_size=5), max_size=8),
    at=st.sampled_from([0, 1]),
    first=st.integers(2, 10**6),
)
def test_plain_lines_are_encoded_as_their_records_are(
    rows: list[list[str]], at: int, first: int
) -> None:
    # As the csv module reads a line of cells without quotes or line breaks (given here with
    # their separator made CELL): a blank line is no record.
    text = "".join(CELL.join(cells) + "\n" for cells in rows)
    records = [
        (line, cells)
        for line, cells in enumerate(rows, start=first)
        if cells[0].strip() or "".join(cells).strip()
    ]
    assert encode_plain(PEOPLE, PlainLines(first, text), at) == encode_all(PEOPLE, records, at)
