"""Reading and writing: holders and people from JSON, JSON Lines, CSV and HR export pairs; any
public type to JSON-ready data and back; outcomes as JSON with their schema; plans as
iCalendar files.

Every reader yields an :class:`~recertlib.Outcome` per record: the record read, or the
:class:`~recertlib.InvalidInput` that says, by file and line, why not. A bad record never stops
the others; a problem with a whole file (it cannot be read, is empty, is not UTF-8, its header
is wrong, it is not CSV) raises :class:`~recertlib.InvalidInput` naming the file.

**Streaming.** No reader holds a whole file's records at once, but for a JSON document:

- JSON Lines (:func:`~recertlib.read_records`, :func:`~recertlib.read_people`) is read line by
  line: one record is in memory at a time.
- JSON is one document, so it is read whole; use JSON Lines for files of many records.
- The HR export pair (:func:`~recertlib.read_hr_export`) is spilled row by row, each row
  checked as it is read, into a temporary SQLite database on disk (in a
  :class:`tempfile.TemporaryDirectory`, so under ``TMPDIR``; removed when the iterator is
  exhausted, closed or collected), indexed by person id; then each person is assembled from
  their rows, in the order their id first appears in the people CSV. A person's rows need not
  be adjacent in either file. Memory stays bounded by one person's rows (and SQLite's page
  cache); disk use is about the size of the two files.
"""

from recertlib.io.activities_csv import ACTIVITY_COLUMNS, read_activities_csv
from recertlib.io.calendar import calendars, to_ics, write_calendars
from recertlib.io.converter import make_converter, structure, structure_holder, unstructure
from recertlib.io.documents import (
    RecordKind,
    holder_record,
    is_person_record,
    person_record,
    read_holders,
    read_json_lines,
    read_people,
    read_records,
    record_reader,
    records_from_data,
)
from recertlib.io.hr import PEOPLE_COLUMNS, HrExport, HrMapping, read_hr_export, read_hr_mapping
from recertlib.io.outcomes import (
    compact_outcome_json,
    credential_outcomes,
    outcome_json,
    outcomes_json,
    outcomes_schema,
)
from recertlib.io.progress import Progress, ProgressCallback, Stage
from recertlib.io.sources import STDIN, SUFFIXES, Format, Readable

__all__ = [
    "ACTIVITY_COLUMNS",
    "PEOPLE_COLUMNS",
    "STDIN",
    "SUFFIXES",
    "Format",
    "HrExport",
    "HrMapping",
    "Progress",
    "ProgressCallback",
    "Readable",
    "RecordKind",
    "Stage",
    "calendars",
    "compact_outcome_json",
    "credential_outcomes",
    "holder_record",
    "is_person_record",
    "make_converter",
    "outcome_json",
    "outcomes_json",
    "outcomes_schema",
    "person_record",
    "read_activities_csv",
    "read_holders",
    "read_hr_export",
    "read_hr_mapping",
    "read_json_lines",
    "read_people",
    "read_records",
    "record_reader",
    "records_from_data",
    "structure",
    "structure_holder",
    "to_ics",
    "unstructure",
    "write_calendars",
]
