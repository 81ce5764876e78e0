"""recertlib as an application uses it, for the benchmarks: every name the benchmarks take
from recertlib is imported here and nowhere else, since the package's layout is being
reorganised and these imports are the only lines to adjust.

End to end means what an application does with a JSON Lines file of holders: read each line
(``recertlib.io.read_records``: parse, check, structure), evaluate it
(``recertlib.evaluate_records``), and write a JSON line of the result, either the full verdict
(``recertlib.unstructure``) or a small one (status, usable, expiry, recommended pathway,
shortfalls).
"""

from __future__ import annotations

import datetime
import inspect
import io
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Protocol

# Every name used from recertlib, in one place (the package layout is being reorganised).
from recertlib import (
    Holder,
    Outcome,
    Person,
    Registry,
    Verdict,
    evaluate,
    evaluate_records,
    plan_for,
    unstructure,
)
from recertlib.io import read_hr_export, read_records, structure_holder
from recertlib.io.calendar import to_ics

__all__ = [
    "Registry",
    "evaluate",
    "plan_for",
    "read_hr_export",
    "structure_holder",
    "to_ics",
    "unstructure",
]


class Writer(Protocol):
    """Where output lines go: a text file, or anything with its ``write``."""

    def write(self, text: str, /) -> int: ...


def registry() -> Registry:
    """The installed plugins, loaded once for a run, as an application would."""
    return Registry.from_entry_points()


def holder_records(
    records: Iterable[Outcome[Holder] | Outcome[Person]],
) -> Iterator[Outcome[Holder]]:
    """The holder records of a file (the benchmarks' files hold no people)."""
    for record in records:
        if isinstance(record.value, Person):
            raise TypeError(f"expected holder records, got a person in {record.label}")
        yield record  # type: ignore[misc]


def outcomes(
    source: str | Path | IO[str], registry: Registry, as_of: datetime.date
) -> Iterator[Outcome[Verdict]]:
    """Every holder of a JSON Lines source, read and evaluated one at a time."""
    return evaluate_records(
        holder_records(read_records(source, format="jsonl")), as_of=as_of, registry=registry
    )


def read(text: str) -> list[Holder]:
    """Every holder of JSON Lines text, read (parsed, checked, structured), not evaluated (an
    error is a failure here: the generated holders are valid)."""
    holders = []
    for record in holder_records(read_records(io.StringIO(text), format="jsonl")):
        if record.value is None:
            raise ValueError(f"{record.label}: {record.error}")
        holders.append(record.value)
    return holders


def small(verdict: Verdict) -> dict[str, Any]:
    """The small output: status, usable, expiry, the recommended pathway and the shortfalls
    of the credit requirements (those of the first pathway that has any; the pathways that
    require credit share them)."""
    recommended = verdict.recommended
    credit = next((p for p in verdict.pathways if p.requirements), None)
    return {
        "holder": verdict.credential.holder,
        "status": verdict.status.value,
        "usable": verdict.usable,
        "expires_on": verdict.expires_on.isoformat(),
        "recommended": recommended.name if recommended else None,
        "shortfalls": {
            requirement.name: format(requirement.shortfall, "f")
            for requirement in (credit.requirements if credit else ())
            if requirement.shortfall > 0
        },
    }


def end_to_end(
    text: str, out: Writer, registry: Registry, as_of: datetime.date, *, full_output: bool
) -> int:
    """Read the JSON Lines ``text``, evaluate every holder and write one JSON line per holder
    to ``out``: the full verdict, or the small output. The number of lines written."""
    written = 0
    for outcome in outcomes(io.StringIO(text), registry, as_of):
        if outcome.value is None:
            line = json.dumps({"label": outcome.label, "error": str(outcome.error)})
        elif full_output:
            line = json.dumps(unstructure(outcome.value))
        else:
            line = json.dumps(small(outcome.value))
        out.write(line + "\n")
        written += 1
    return written


def read_hr(people: Path, activities: Path, columns: dict[str, str]) -> int:
    """Read every person of an HR export pair; the number read (an error is a failure here:
    the generated pairs are valid)."""
    read = 0
    for record in read_hr_export(people, activities, columns=columns):
        if record.value is None:
            raise ValueError(f"{record.label}: {record.error}")
        read += 1
    return read


def evaluate_workers() -> bool:
    """Whether ``recertlib.evaluate_records`` takes ``workers=N``."""
    return "workers" in inspect.signature(evaluate_records).parameters


def evaluate_with_workers(
    records: list[Any], registry: Registry, as_of: datetime.date, workers: int
) -> int:
    """Evaluate ``records`` with ``workers`` processes (only where the option exists)."""
    function: Any = evaluate_records
    return sum(1 for _ in function(records, as_of=as_of, registry=registry, workers=workers))


def records_of(path: Path) -> list[Outcome[Holder]]:
    """Every holder record of a JSON Lines file, read (not evaluated)."""
    return list(holder_records(read_records(path, format="jsonl")))


def command() -> list[str]:
    """How to run the ``recertlib`` command of this environment."""
    script = Path(sys.executable).with_name("recertlib")
    return [str(script)] if script.exists() else [sys.executable, "-m", "recertlib"]


def check_has_jobs() -> bool:
    """Whether ``recertlib check`` takes ``--jobs N``."""
    done = subprocess.run(
        [*command(), "check", "--help"], capture_output=True, text=True, check=False
    )
    # The command prints its help on standard error.
    return "--jobs" in done.stdout + done.stderr
