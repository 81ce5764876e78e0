"""How far a long read or evaluation has come, for a progress bar or a log line.

The HR export reader (:func:`~recertlib.read_hr_export`) and its evaluation
(:meth:`HrExport.evaluate <recertlib.io.HrExport.evaluate>`) call a
:data:`~recertlib.io.ProgressCallback`
as they go: while each file is spilled (in bytes of the file, when its size is known), then
for each person read or evaluated (of the number of people, once both files are spilled).
Nothing long runs without a call: a nightly job can show a bar, write a log line now and then,
or ignore it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from attrs import frozen


class Stage(enum.Enum):
    """What is being done."""

    SPILLING = "spilling"
    """A file of the export is read and written to the spill database; counted in bytes of
    the file (:attr:`Progress.total` is its size, or ``None`` for a stream)."""
    INDEXING = "indexing"
    """The spill database is indexed by person id, once both files are in it; no count."""
    READING = "reading"
    """People are assembled from their rows, one at a time; counted in people."""
    EVALUATING = "evaluating"
    """People are evaluated, one at a time; counted in people."""


@frozen
class Progress:
    """How far one stage has come."""

    stage: Stage
    done: int
    """How many bytes or people are done."""
    total: int | None
    """How many there are in all, when it is known."""
    unit: str
    """What is counted: ``"bytes"`` or ``"people"``; ``""`` while indexing, which counts
    nothing."""
    source: str = ""
    """The file the stage reads (the people or the activities CSV), or the pair."""

    @property
    def fraction(self) -> float | None:
        """``done`` of ``total``, from 0 to 1; ``None`` when the total is not known."""
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressCallback = Callable[[Progress], None]
"""What a reader or an evaluation calls as it goes: with the stage and how far it has come. It
is called at most every :data:`~recertlib.io.progress.REPORT_EVERY` rows while spilling, and
once per person after."""

REPORT_EVERY = 1024
"""The rows spilled between two calls of a :data:`~recertlib.io.ProgressCallback`."""
