"""An HR export is read one person at a time: memory while reading stays bounded by one person,
however many people the files hold (both files are spilled to a temporary SQLite database on
disk first, then assembled person by person)."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from recertlib.io import read_hr_export

PEOPLE = 10_000
SAMPLE = 1_000


def write_export(tmp_path: Path, people: int) -> tuple[Path, Path]:
    """``people`` people with one credential each, and as many activities, each person's far
    from their row in the people file."""
    people_csv = tmp_path / "people.csv"
    activities_csv = tmp_path / "activities.csv"
    with people_csv.open("w", encoding="utf-8") as out:
        out.write("Employee ID,name,body,credential,certified_on\n")
        out.writelines(f"E-{n},Person {n},AAMA,CMA,2022-03-10\n" for n in range(people))
    with activities_csv.open("w", encoding="utf-8") as out:
        out.write("Employee ID,title,completed_on,amount,unit,area,approved_by\n")
        out.writelines(
            f"E-{(n * 7919) % people},Course {n},2023-02-10,2,contact_hour,clinical,AAMA\n"
            for n in range(people)
        )
    return people_csv, activities_csv


def test_reading_many_people_holds_one_at_a_time(tmp_path):
    files = write_export(tmp_path, PEOPLE)
    (tmp_path / "sample").mkdir()
    sample = write_export(tmp_path / "sample", SAMPLE)
    columns = {"person_id": "Employee ID"}
    started = time.perf_counter()
    tracemalloc.start()
    try:
        count = 0
        for record in read_hr_export(*files, columns=columns):
            assert record.value is not None
            assert record.value.id == f"E-{count}"  # in the order of the people file
            assert len(record.value.activities) == 1
            count += 1
        _, streaming_peak = tracemalloc.get_traced_memory()
        # What holding the people would take, from a sample of such people held at once.
        before, _ = tracemalloc.get_traced_memory()
        held = list(read_hr_export(*sample, columns=columns))
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == PEOPLE
    assert len(held) == SAMPLE
    holding_all = (after - before) * PEOPLE // SAMPLE
    assert holding_all > 10_000_000  # about 2 kB a person: the sample measured something
    assert streaming_peak < holding_all / 8, (streaming_peak, holding_all)
    assert time.perf_counter() - started < 30  # about 3 s on a laptop, tracing every allocation
