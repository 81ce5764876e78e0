"""The HR export pair: a people CSV (one row per credential a person holds) and an activities
CSV (one row per activity) joined by a person id, read one person at a time.

:mod:`~recertlib.io.hr.columns` names the columns, :mod:`~recertlib.io.hr.mapping` says how an
export lays them out (headers, value maps, columns to keep),
:mod:`~recertlib.io.hr.rows` makes each row into recertlib's types,
:mod:`~recertlib.io.hr.spill` keeps the rows on disk so that memory holds one person at a time,
:mod:`~recertlib.io.hr.assemble` makes each person of all their rows (however they were
gathered: :mod:`recertlib.dask.frames` gathers them on a cluster),
:mod:`~recertlib.io.hr.export` reads both files and hands each person's rows to it, and
:mod:`~recertlib.io.hr.located` says a person's errors of the files' lines and columns.
"""

from recertlib.io.hr.columns import ACTIVITY_COLUMNS, PEOPLE_COLUMNS
from recertlib.io.hr.export import HrExport, read_hr_export
from recertlib.io.hr.mapping import HrMapping, read_hr_mapping

__all__ = [
    "ACTIVITY_COLUMNS",
    "PEOPLE_COLUMNS",
    "HrExport",
    "HrMapping",
    "read_hr_export",
    "read_hr_mapping",
]
