"""People as HR systems export them: person files in JSON or JSON Lines, and an HR export pair
(a people CSV and an activities CSV joined by a person id), read one person at a time.

Every reader yields :class:`PersonRecord` s: the :class:`~recertlib.Person` read, or the
:class:`~recertlib.InvalidInput` that says, by file and line, why that person (or that row)
could not be read. A bad person never stops the others; a problem with a whole file (it cannot
be read, is empty, is not UTF-8, its header is wrong, it is not CSV) raises
:class:`~recertlib.InvalidInput` naming the file.

**Streaming.** No reader holds a whole file's people at once:

- JSON Lines (:func:`~recertlib.exports.read_people`, ``format="jsonl"``) is read line by
  line: one person is in memory at a time.
- JSON (``format="json"``) is one document, so it is read whole; use JSON Lines for files of
  many people.
- The HR export pair (:func:`~recertlib.exports.read_hr_export`) is spilled row by row, each row
  checked as it is read, into a temporary SQLite database on disk (in a
  :class:`tempfile.TemporaryDirectory`, so under ``TMPDIR``; removed when the iterator is
  exhausted, closed or collected), indexed by person id; then each person is assembled from
  their rows, in the order their id first appears in the people CSV. A person's rows need not be
  adjacent in either file. Memory stays bounded by one person's rows (and SQLite's page cache);
  disk use is about the size of the two files.
"""

from recertlib.exports.documents import (
    PersonRecord,
    is_person_record,
    read_people,
    read_records,
)
from recertlib.exports.hr import ACTIVITY_COLUMNS, PEOPLE_COLUMNS, HrExport, read_hr_export
from recertlib.exports.sources import STDIN, SUFFIXES, Format, Source

__all__ = [
    "ACTIVITY_COLUMNS",
    "PEOPLE_COLUMNS",
    "STDIN",
    "SUFFIXES",
    "Format",
    "HrExport",
    "PersonRecord",
    "Source",
    "is_person_record",
    "read_hr_export",
    "read_people",
    "read_records",
]
