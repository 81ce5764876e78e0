"""The HR export pair: a people CSV (one row per credential a person holds) and an activities
CSV (one row per activity) joined by a person id, read one person at a time.

:mod:`~recertlib.io.hr.columns` names the columns and maps a caller's headers onto them,
:mod:`~recertlib.io.hr.rows` makes each row into recertlib's types,
:mod:`~recertlib.io.hr.spill` keeps the rows on disk so that memory holds one person at a time,
and :mod:`~recertlib.io.hr.export` assembles each person from their rows.
"""

from recertlib.io.hr.columns import ACTIVITY_COLUMNS, PEOPLE_COLUMNS
from recertlib.io.hr.export import HrExport, read_hr_export

__all__ = ["ACTIVITY_COLUMNS", "PEOPLE_COLUMNS", "HrExport", "read_hr_export"]
