"""Every bundled example runs and says what it was written to show."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support import ROOT

from recertlib import Status, evaluate_records
from recertlib.io import read_holders
from recertlib.rules import PathwayKind

EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-25"

# file: (status, usable, the recommended pathway, whether it can be used now)
EXPECTED = {
    "cma-ready.json": (Status.CURRENT, True, PathwayKind.CONTINUING_EDUCATION, True),
    "cma-short-of-approved-points.json": (
        Status.CURRENT,
        True,
        PathwayKind.CONTINUING_EDUCATION,
        False,
    ),
    "cma-expired-two-months.json": (Status.GRACE, False, PathwayKind.CONTINUING_EDUCATION, True),
    # An exam pathway can recertify the holder only once the exam is passed.
    "cma-expired-four-months.json": (Status.LAPSED, False, PathwayKind.EXAM, False),
    "ccma-current.json": (Status.CURRENT, True, PathwayKind.CONTINUING_EDUCATION, False),
    "ccma-renewal-window.json": (Status.GRACE, False, PathwayKind.CONTINUING_EDUCATION, True),
    "ccma-reinstatement.json": (Status.LAPSED, False, PathwayKind.REINSTATEMENT, True),
    "ccma-exam-only.json": (Status.LAPSED, False, PathwayKind.EXAM, False),
}


def test_every_holder_example_is_checked():
    assert sorted(path.name for path in (EXAMPLES / "holders").glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_holder_example(name, installed):
    (outcome,) = evaluate_records(
        read_holders(EXAMPLES / "holders" / name), as_of=AS_OF, registry=installed
    )
    verdict = outcome.value
    assert verdict is not None, outcome.error
    status, usable, kind, now = EXPECTED[name]
    assert (verdict.status, verdict.usable) == (status, usable)
    assert verdict.recommended is not None
    assert (verdict.recommended.kind, verdict.recommended.can_recertify_now) == (kind, now)


def test_short_of_approved_points_says_how_many(installed):
    (outcome,) = evaluate_records(
        read_holders(EXAMPLES / "holders" / "cma-short-of-approved-points.json"),
        as_of=AS_OF,
        registry=installed,
    )
    shortfalls = {r.name: r.shortfall for r in outcome.value.recommended.requirements if not r.met}
    assert shortfalls == {"Total": 6, "AAMA-approved": 6}


def test_the_integration_script_runs():
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "integrate.py")], capture_output=True, text=True, check=True
    )
    assert "Maria Lopez: current, expires 2027-03-31" in done.stdout
    assert "missing=['Total 23', 'AAMA-approved 8']" in done.stdout
    assert "(holder 'Chris Adams'): expired, renew by 2026-12-30" in done.stdout
