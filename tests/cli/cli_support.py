"""Running the command in-process, on the bundled examples."""

from __future__ import annotations

import io
from pathlib import Path

from recertlib.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"
MARIA = str(EXAMPLES / "people" / "maria.json")
STAFF = str(EXAMPLES / "people" / "staff.jsonl")
HR_PEOPLE = str(EXAMPLES / "people" / "hr" / "people.csv")
HR_ACTIVITIES = str(EXAMPLES / "people" / "hr" / "activities.csv")
HR_MAPPING = str(EXAMPLES / "people" / "hr" / "mapping.toml")
HR = ["--people-csv", HR_PEOPLE, "--activities-csv", HR_ACTIVITIES, "--mapping", HR_MAPPING]
RENEWAL = str(EXAMPLES / "holders" / "ccma-renewal-window.json")
READY = str(EXAMPLES / "holders" / "cma-ready.json")
AS_OF = "2026-11-25"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()
