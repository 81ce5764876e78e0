"""Golden verdict snapshots, kept as python-holidays keeps its snapshots: one JSON file per
credential, its keys sorted, four spaces of indent and a final newline, committed beside the
tests and written again by one command, so that a change of verdicts is reviewed as a diff.

Each snapshot holds, for every case the checks evaluate (a generated holder on one of their
boundary dates), the verdict in brief, a line each: status, expiry and rule sets; the summary;
how many activities counted or were refused, by reason; each payment due; and each pathway,
whether it is open, its dates, its requirements, fees and next expiry. The checks compare the
verdicts of the day with it; with :data:`UPDATE_SNAPSHOTS_ENV` set (``pytest
--recertlib-update-snapshots`` sets it) they write it instead.
"""

from __future__ import annotations

import difflib
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from recertlib.quantities.amounts import format_amount
from recertlib.results import PathwayResult, Verdict

UPDATE_SNAPSHOTS_ENV = "RECERTLIB_UPDATE_SNAPSHOTS"
"""Set (to anything but an empty string or ``0``) to write the verdict snapshots rather than
compare with them."""

_OFF = frozenset({"", "0", "false", "no", "off"})


def updating() -> bool:
    """Whether the snapshots are to be written rather than compared."""
    return os.environ.get(UPDATE_SNAPSHOTS_ENV, "").strip().lower() not in _OFF


def brief(outcome: Verdict | Exception) -> list[str]:
    """A verdict, or the error that kept a case from one, as a snapshot keeps it: a line for
    the verdict, one for its summary, one for its activities and one per pathway."""
    if not isinstance(outcome, Verdict):
        return [f"error: {type(outcome).__name__}: {outcome}"]
    activities: Counter[str] = Counter()
    for result in outcome.activities:
        if result.is_counted:
            activities["counted"] += 1
        for refusal in result.refusals:
            activities[refusal.reason.value] += 1
    lines = [
        f"{outcome.status.value}{'' if outcome.usable else ', not usable'}; expires"
        f" {outcome.expires_on}; rule sets {', '.join(outcome.rule_sets)}",
        outcome.summary,
        "activities: "
        + (", ".join(f"{n} {why}" for why, n in sorted(activities.items())) or "none"),
    ]
    lines += [
        f"due {due.due_on}: {due.label}, " + (f"paid {due.paid_on}" if due.paid_on else "unpaid")
        for due in outcome.dues
    ]
    lines += [_pathway(pathway, outcome) for pathway in outcome.pathways]
    return lines


def _pathway(pathway: PathwayResult, verdict: Verdict) -> str:
    if pathway.is_open:
        state = "can recertify now" if pathway.can_recertify_now else "open"
    else:
        state = "not open yet" if pathway.opens_on > verdict.as_of else "closed"
    until = f" to {pathway.closes_on}" if pathway.closes_on else ", no end"
    said = f"{pathway.name}: {state} ({pathway.opens_on}{until})"
    if pathway.requirements:
        said += "; " + ", ".join(
            f"{r.name} {format_amount(r.earned)}/{format_amount(r.required)}"
            for r in pathway.requirements
        )
    if pathway.fees:
        said += "; fees " + ", ".join(
            f"{fee.describe()} " + ("?" if fee.amount is None else format_amount(fee.amount))
            for fee in pathway.fees
        )
    if pathway.next_expiry:
        said += f"; next expiry {pathway.next_expiry}"
    return said


def dumps(snapshot: Mapping[str, Any]) -> str:
    """A snapshot as its file holds it."""
    return json.dumps(snapshot, ensure_ascii=False, indent=4, sort_keys=True) + "\n"


def check(path: Path, cases: Iterable[tuple[str, Verdict | Exception]]) -> list[str]:
    """Compare the verdicts of ``cases`` with the snapshot at ``path``, or write it when
    updating: the problems found, each a line of a diff or what to do."""
    written = dumps({label: brief(outcome) for label, outcome in cases})
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != written:
            path.write_text(written, encoding="utf-8", newline="\n")
        return []
    how = (
        f"write it with `pytest --recertlib-update-snapshots` (or {UPDATE_SNAPSHOTS_ENV}=1) and"
        " review the diff"
    )
    if not path.exists():
        return [f"no verdict snapshot at {path}: {how}"]
    kept = path.read_text(encoding="utf-8")
    if kept == written:
        return []
    diff = list(
        difflib.unified_diff(
            kept.splitlines(), written.splitlines(), "snapshot", "today", lineterm="", n=1
        )
    )
    return [f"the verdicts differ from the snapshot at {path}; if that is intended, {how}:", *diff]
